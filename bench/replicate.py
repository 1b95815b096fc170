"""A bigger knowledge base made of copies of a real one, for measuring pages at a scale an
import could not reach in the time at hand (not a test).

    .venv/bin/python bench/replicate.py SMALL.db BIG.db --times 10

BIG.db holds every notice, unit, name, finding, pass rate and failure row of SMALL.db
`times` times over (copy k's ids offset past the original's, hashes and keys suffixed #k so
they stay unique), repeat_offender copied likewise, the full-text indexes built from the
segmented text (each distinct text segmented once), and the summary tables counted afresh.
Row counts, index and search-index sizes grow as an import of `times` times the notices would
make them grow; what does not is variety: each unit, text and word recurs `times` times. Pages
measured on it are a stand-in for a real import of that size, and are reported as such.
"""
import argparse
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SUFFIXED = {"notice": ("sha256", "source_path"), "unit": ("key",)}
OFFSETS = {"notice": {"id": "notice"}, "unit": {"id": "unit"},
           "unit_alias": {"id": "unit_alias", "unit_id": "unit", "notice_id": "notice"},
           "finding": {"id": "finding", "notice_id": "notice", "unit_id": "unit"},
           "pass_rate": {"id": "pass_rate", "notice_id": "notice"},
           "unit_notice": {"unit_id": "unit", "notice_id": "notice"},
           "unit_failures": {"unit_id": "unit"},
           "repeat_offender": {"unit_id": "unit"}}


def replicate(small, big, times):
    from kb import fts, store, summaries
    from kb.graph import offender_rows  # noqa: F401  (the import's own modules, loaded alike)
    big.unlink(missing_ok=True)
    with sqlite3.connect(f"file:{small}?mode=ro", uri=True) as source, sqlite3.connect(big) as copy:
        source.backup(copy)
    conn = store.connect(big)
    started = time.perf_counter()
    with store.transaction(conn):
        span = {t: conn.execute(f"SELECT max(id) FROM {t}").fetchone()[0]
                for t in ("notice", "unit", "unit_alias", "finding", "pass_rate")}
        for table, offsets in OFFSETS.items():
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for k in range(1, times):
                values = []
                for c in columns:
                    if c in offsets:
                        values.append(f"{c} + {k * span[offsets[c]]}")
                    elif c in SUFFIXED.get(table, ()):
                        values.append(f"{c} || '#{k}'")
                    else:
                        values.append(c)
                conn.execute(f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} "
                             f"FROM {table} WHERE {columns[0]} <= {span[offsets[columns[0]]]}")
        print(f"  rows copied in {time.perf_counter() - started:.0f} s", flush=True)
        for name, source, key, columns in fts.INDEXES:
            conn.execute(f"INSERT INTO {name}({name}) VALUES ('delete-all')")
            memo = {}
            rows = conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {source}")
            while chunk := rows.fetchmany(2000):
                out = []
                for row in chunk:
                    words = []
                    for value in row[1:]:
                        if value not in memo:
                            memo[value] = fts.segment(value)
                        words.append(memo[value])
                    out.append((row[0], *words))
                fts.insert(conn, name, out)
            print(f"  {name} built, {time.perf_counter() - started:.0f} s", flush=True)
        summaries.refresh(conn, everything=True)
        conn.execute(f"PRAGMA user_version = {store.notices_fingerprint(conn)}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    print(f"  {big}: {times}× {small.name} in {time.perf_counter() - started:.0f} s")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("small", type=Path)
    ap.add_argument("big", type=Path)
    ap.add_argument("--times", type=int, default=10)
    args = ap.parse_args()
    replicate(args.small, args.big, args.times)


if __name__ == "__main__":
    main()
