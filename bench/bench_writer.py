"""The import's writer alone, into an empty database and into a big one (not a test).

    .venv/bin/python bench/bench_writer.py BIG.db [-n 300]

Parses n generated notices once (seed 12, so none is in a database bench_scale.py built; kept
in the cache), then stores them with kb/store.py `write_notice` in batches as `tongbao import`
does: into an empty database, and into a copy of BIG.db. Prints the writer's CPU ms per notice
in each, and where the time goes in the big one (cProfile, by own time), so that an import
slowing down as the database grows shows up here without a full import; then the CPU time of
bringing repeat offenders and the summaries up to date after those notices, in each.
"""
import argparse
import cProfile
import io
import os
import pickle
import pstats
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# generated notices and databases, outside the repository (TONGBAO_BENCH_CACHE overrides)
BENCH_CACHE = Path(os.environ.get("TONGBAO_BENCH_CACHE", Path.home() / ".cache" / "tongbao-bench"))
sys.path.insert(0, str(ROOT))


def prepared(cache, n):
    path = cache / f"prepared-seed12-{n}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    from ingest import load_notice
    from kb.importer import prepare
    from kb.units import unit_resolver
    from nlp import Parser
    from tests.generator import generate
    parser, resolver = Parser(), unit_resolver()
    with tempfile.TemporaryDirectory() as tmp:
        rows = []
        for file in generate(Path(tmp), n, seed=12, mix={"txt": 1}):
            notice = load_notice(file)
            rows.append(prepare(notice, parser.parse(notice), resolver))
    path.write_bytes(pickle.dumps(rows))
    return rows


def write_all(db, rows, profile=False):
    """Writer CPU ms per notice, CPU s of the derivation after them (repeat offenders and
    summaries, as the import runs it), and the writer's profile."""
    from kb import store
    from kb.importer import _offender_rows
    conn = store.connect(db)
    store.create_schema(conn)
    profiler = cProfile.Profile() if profile else None
    cpu = time.process_time()
    if profiler:
        profiler.enable()
    with store.batch(conn) as writes:
        for row in rows:
            writes.begin()
            store.write_notice(conn, row)
            writes.due()
    if profiler:
        profiler.disable()
    cpu = time.process_time() - cpu
    derive = time.process_time()
    store.replace_offenders(conn, _offender_rows)
    derive = time.process_time() - derive
    conn.close()
    return cpu * 1000 / len(rows), derive, profiler


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("big", type=Path)
    ap.add_argument("-n", type=int, default=300)
    ap.add_argument("--cache", type=Path, default=BENCH_CACHE)
    args = ap.parse_args()
    rows = prepared(args.cache, args.n)
    with tempfile.TemporaryDirectory(dir=args.cache) as tmp:
        empty = Path(tmp) / "empty.db"
        ms_empty, derive_empty, _ = write_all(empty, rows, profile=True)
        big = Path(tmp) / "big.db"
        with sqlite3.connect(f"file:{args.big}?mode=ro", uri=True) as source, sqlite3.connect(big) as copy:
            source.backup(copy)
            notices = copy.execute("select count(*) from notice").fetchone()[0]
        ms_big, derive_big, profiler = write_all(big, rows, profile=True)
    print(f"load average {os.getloadavg()[0]:.2f}")
    print(f"writer CPU per notice: {ms_empty:.1f} ms into an empty database, "
          f"{ms_big:.1f} ms into one of {notices:,} notices (both under cProfile)")
    print(f"then repeat offenders and summaries brought up to date: {derive_empty:.1f} s of CPU in the "
          f"first, {derive_big:.1f} s in the second")
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    print(out.getvalue())


if __name__ == "__main__":
    main()
