"""Benchmark at a decade of national notices: import 100,000 and browse them (not a test).

    .venv/bin/python bench/bench_scale.py                 # 100,000 notices, cached under
                                                          # ~/.cache/tongbao-bench (or --cache DIR)
    .venv/bin/python bench/bench_scale.py --scale 10000   # a smaller trial
    .venv/bin/python bench/bench_scale.py --pages-only    # only the pages, on the cached database
    .venv/bin/python bench/bench_scale.py --rate-at 10K.db 100K.db [--notices 2000] [--repeat 3]
                                                          # the import's rate at each size

The notices come from tests/generator.py (seed 11, text files) and are written once. They are
imported ten slices at a time (`tongbao import --jobs 2` of each slice into the same database,
as notices arriving quarter after quarter would be), so the rate of the first slice (into an
empty database) and of the last (into one holding nine tenths of the notices) show whether
importing slows down as the database grows. Each slice's figures are kept in the cache with the
load average around it, and a slice imported once is not imported again; the database built
is kept for the page measurements and later runs (delete the cache directory to start afresh).

Then `tongbao serve` on the database, and each page a researcher opens is requested
--rounds times after one unmeasured request: median and 95th percentile beside the 200 ms
target. Results go to bench/results/scale.json as well.

--rate-at measures the import's rate at given sizes without importing up to them: the same new
notices into a copy of each database (one of 10,000 notices and one of 100,000, which may be
bench/replicate.py's stand-in), each copy first brought to this tongbao's schema. On a machine
of two cores, one import of 2,000 notices varies by about a tenth from run to run: --repeat
imports into each database that many times, in turn, and compares the medians.
"""
import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
from pathlib import Path

import psutil
from serving import TONGBAO, ServeFailed, get, served

ROOT = Path(__file__).resolve().parent.parent
# generated notices and databases, outside the repository (TONGBAO_BENCH_CACHE overrides)
BENCH_CACHE = Path(os.environ.get("TONGBAO_BENCH_CACHE", Path.home() / ".cache" / "tongbao-bench"))
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
SEED = 11
SLICES = 10
TARGET_MS = 200


def load_average():
    return [round(x, 2) for x in os.getloadavg()]


# ---------------------------------------------------------------- notices


def corpus_folder(cache):
    return cache / f"corpus-100000-seed{SEED}-txt1" / "notices"


def notices(cache, start, count):
    """The generated notices start..start+count-1, written the first time they are wanted
    (notice i depends only on the seed and i), as the list of their paths."""
    from tests.generator import generate
    folder = corpus_folder(cache)
    paths = [folder / f"g{i:06d}.txt" for i in range(start, start + count)]
    missing = [i for i, p in zip(range(start, start + count), paths) if not p.exists()]
    if missing:
        t = time.perf_counter()
        for _ in generate(folder.parent, start + count - missing[0], SEED, {"txt": 1},
                          start=missing[0], jobs=os.cpu_count() or 1):
            pass
        print(f"  generated notices {missing[0]}..{start + count - 1} in {time.perf_counter() - t:.0f} s",
              flush=True)
    return paths


def slice_folder(cache, n, k, paths):
    """A folder of links to the k-th tenth of the notices (import takes folders)."""
    folder = cache / f"slices-{n}" / f"{k:02d}"
    if not folder.exists():
        folder.mkdir(parents=True)
        for path in paths:
            (folder / path.name).symlink_to(path)
    return folder


# ---------------------------------------------------------------- import


def import_slices(cache, n):
    """Import the slices not imported yet; return every slice's figures."""
    from kb.importer import import_paths
    db = cache / f"tongbao-{n}.db"
    state_file = cache / f"import-{n}.json"
    state = json.loads(state_file.read_text()) if state_file.exists() else []
    size = n // SLICES
    for k in range(len(state), SLICES):
        folder = slice_folder(cache, n, k, notices(cache, k * size, size))
        marks = []
        before, started = load_average(), time.perf_counter()
        summary = import_paths([folder], db, jobs=2, on_progress=lambda s: marks.append(time.perf_counter()))
        total = time.perf_counter() - started
        loading = marks[-1] - started
        record = {"slice": k, "notices_before": k * size, "added": summary.added,
                  "failed": summary.failed, "findings": summary.findings,
                  "seconds": round(total, 1), "loading_seconds": round(loading, 1),
                  "derive_seconds": round(total - loading, 1),
                  "notices_per_s": round(summary.added / total, 1),
                  "loading_notices_per_s": round(summary.added / loading, 1),
                  "load_average_before": before, "load_average_after": load_average()}
        state.append(record)
        state_file.write_text(json.dumps(state, indent=1))
        print(f"  slice {k}: {summary.added} notices into {k * size}: {record['notices_per_s']}/s "
              f"({record['loading_notices_per_s']}/s loading, {record['derive_seconds']} s derived "
              f"tables), load {before[0]} -> {record['load_average_after'][0]}", flush=True)
    return db, state


def import_rate_at(cache, databases, n, rounds=1):
    """The import's rate at each database's size: the same n new notices (generated notices
    100,000 on, in no database these scripts build) imported into a copy of each, brought to
    this tongbao's schema and derived tables first, untimed; `rounds` times, taking the
    databases in turn. Returns one record per database and round."""
    folder = slice_folder(cache, "rate", n, notices(cache, 100_000, n))
    return [_import_into_copy(cache, source, folder, k) for k in range(rounds) for source in databases]


def _import_into_copy(cache, source, folder, round_):
    from kb import store
    from kb.importer import _offender_rows, import_paths
    copy = cache / f"rate-{source.stem}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{copy}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(f"file:{source}?mode=ro", uri=True) as src, sqlite3.connect(copy) as dst:
        src.backup(dst)
    conn = store.connect(copy)
    store.create_schema(conn)
    store.replace_offenders(conn, _offender_rows)
    size = conn.execute("SELECT count(*) FROM notice").fetchone()[0]
    conn.close()
    os.sync()    # the copy's 2 GB written out first, so that the import does not wait on it
    marks = []
    before, started, cpu = load_average(), time.perf_counter(), time.process_time()
    summary = import_paths([folder], copy, jobs=2, on_progress=lambda s: marks.append(time.perf_counter()))
    total = time.perf_counter() - started
    loading = marks[-1] - started
    record = {"database": str(source), "round": round_, "notices_before": size, "added": summary.added,
              "failed": summary.failed, "seconds": round(total, 1),
              "derive_seconds": round(total - loading, 1),
              "writer_cpu_seconds": round(time.process_time() - cpu, 1),
              "notices_per_s": round(summary.added / total, 2),
              "load_average_before": before, "load_average_after": load_average()}
    print(f"  {summary.added} notices into {size:,}: {record['notices_per_s']}/s, "
          f"{record['derive_seconds']} s deriving, writer process {record['writer_cpu_seconds']} s CPU; "
          f"load {before[0]} -> {record['load_average_after'][0]}", flush=True)
    copy.unlink()
    return record


def database_figures(db):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        counts = {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                  for t in ("notice", "finding", "unit", "pass_rate", "repeat_offender")}
        try:
            tables = dict(conn.execute(
                "select name, sum(pgsize) from dbstat group by name order by 2 desc limit 12"))
        except sqlite3.OperationalError:      # SQLite built without dbstat
            tables = {}
    size = db.stat().st_size
    return {"bytes": size, "bytes_per_notice": round(size / counts["notice"]), "rows": counts,
            "largest": tables}


# ---------------------------------------------------------------- pages


def pages(db):
    """Every page a researcher opens: (name, path)."""
    from kb.serve import load_metadata
    q = urllib.parse.quote
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        unit = conn.execute("select u.name from unit u join finding f on f.unit_id = u.id "
                            "where u.province = '青海省' group by u.id order by count(*) desc "
                            "limit 1").fetchone()[0]
    out = [("home page", "/"), ("database page", "/tongbao")]
    meta = load_metadata()
    for table, config in meta["databases"]["tongbao"]["tables"].items():
        if not config.get("hidden"):
            out.append((f"{table} table", f"/tongbao/{table}"))
    out += [
        ("finding, faceted in a province",
         f"/tongbao/finding?province={q('青海省')}&_facet=problem&_facet=year&_facet=channel"),
        ("finding search 更新不及时", f"/tongbao/finding?_search={q('更新不及时')}"),
        ("finding search 泽库县", f"/tongbao/finding?_search={q('泽库县')}"),
        ("notice search 抽查", f"/tongbao/notice?_search={q('抽查')}"),
        ("repeat_offender by streak", "/tongbao/repeat_offender?_sort_desc=longest_streak"),
        ("search every table", f"/-/search?q={q('更新不及时')}"),
        ("dashboard", "/-/dashboards/trends"),
    ]
    params = {"repeat_offenders_by_province": {"province": ""},
              "unit_history": {"name": unit},
              "failing_units_map": {"province": ""},
              "search_findings": {"q": "更新不及时"}}
    for name in meta["databases"]["tongbao"]["queries"]:
        args = urllib.parse.urlencode(params.get(name, {}))
        out.append((f"query {name}", f"/tongbao/{name}" + (f"?{args}" if args else "")))
    out.append(("query failing_units_map 青海", f"/tongbao/failing_units_map?province={q('青海')}"))
    out.append(("query search_findings 泽库县", f"/tongbao/search_findings?q={q('泽库县')}"))
    # unit_history for a name many units share (the README's example) and for one character
    for text in ("民政局", "县"):
        out.append((f"query unit_history {text}", f"/tongbao/unit_history?name={q(text)}"))
        out.append((f"query unit_history {text} page 5", f"/tongbao/unit_history?name={q(text)}&page=5"))
    dashboard = meta["plugins"]["datasette-dashboards"]["trends"]
    charts = {"filter": dashboard["filters"]["province"]["query"],
              **{c: v["query"] for c, v in dashboard["charts"].items()}}
    for name, sql in charts.items():
        plain = sql.replace("[[ and province = :province ]]", "").replace("[[ and f.province = :province ]]", "")
        out.append((f"chart {name}", "/tongbao.json?" + urllib.parse.urlencode({"sql": plain})))
        if "[[" in sql:
            narrowed = sql.replace("[[", "").replace("]]", "")
            out.append((f"chart {name} (青海省)", "/tongbao.json?"
                        + urllib.parse.urlencode({"sql": narrowed, "province": "青海省"})))
    return out


def time_pages(db, rounds):
    started = time.perf_counter()
    try:
        with served(db, start_timeout=300) as (base, server):
            return _time_pages(db, rounds, base, server, time.perf_counter() - started)
    except ServeFailed as e:
        sys.exit(str(e))


def _time_pages(db, rounds, base, server, startup):
    process = psutil.Process(server.pid)
    out = []
    for name, path in pages(db):
        times, status, note, cpu = [], None, "", 0.0
        for i in range(rounds + 1):
            before = sum(process.cpu_times()[:2])
            t = time.perf_counter()
            try:
                status, body = get(base + path)
                if b"These facets timed out" in body or b'"facets_timed_out": ["' in body:
                    note = "facets not counted"
            except urllib.error.HTTPError as e:
                status = e.code
            if i:                          # the first request warms the caches
                times.append((time.perf_counter() - t) * 1000)
                cpu += sum(process.cpu_times()[:2]) - before
        times.sort()
        out.append({"page": name, "path": path, "status": status, "note": note,
                    "median_ms": round(statistics.median(times), 1),
                    "p95_ms": round(times[min(len(times) - 1, round(0.95 * (len(times) - 1)))], 1),
                    "server_cpu_ms": round(cpu * 1000 / rounds, 1)})
        print(f"  {name:<40} {out[-1]['median_ms']:>7} ms  (p95 {out[-1]['p95_ms']}, "
              f"server CPU {out[-1]['server_cpu_ms']})  HTTP {status} {note}", flush=True)
    return {"startup_seconds": round(startup, 1), "pages": out}


# ---------------------------------------------------------------- report


def commit():
    try:
        return subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                              capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def report(result):
    slices = result["import"]
    print(f"\ntongbao, {result['db']}, commit {result['commit']}, {os.cpu_count()} cores")
    if slices:
        print(f"import of generated notices (seed {SEED}, text), --jobs 2, a tenth at a time into the same database:")
        print(f"{'slice':>6} {'into':>8} {'notices/s':>10} {'loading/s':>10} {'derived s':>10}  load average")
        for s in slices:
            print(f"{s['slice']:>6} {s['notices_before']:>8} {s['notices_per_s']:>10} "
                  f"{s['loading_notices_per_s']:>10} {s['derive_seconds']:>10}  "
                  f"{s['load_average_before'][0]} -> {s['load_average_after'][0]}")
        ratio = slices[-1]["loading_notices_per_s"] / slices[0]["loading_notices_per_s"]
        print(f"loading rate of the last slice ÷ the first: {ratio:.2f}  (target ≥ 0.90 at the tenth)")
    db = result["database"]
    print(f"database: {db['bytes'] / 2**20:,.0f} MiB, {db['bytes_per_notice']:,} bytes per notice; "
          f"rows {db['rows']}")
    pages = result["pages"]
    print(f"\npages ({result['rounds']} requests each after one unmeasured; `tongbao serve` started in "
          f"{pages['startup_seconds']} s); load average {result['load_average_pages'][0]} before, "
          f"{result['load_average_pages_end'][0]} after")
    print("server CPU: CPU time of the `tongbao serve` process per request, what the page costs "
          "whatever else the machine runs")
    print(f"{'page':<40} {'median ms':>10} {'p95 ms':>8} {'server CPU ms':>14}  target {TARGET_MS} ms")
    for p in pages["pages"]:
        verdict = "ok" if p["median_ms"] < TARGET_MS and p["status"] == 200 else "MISSED"
        print(f"{p['page']:<40} {p['median_ms']:>10} {p['p95_ms']:>8} {p['server_cpu_ms']:>14}  "
              f"{verdict} {p['note']}")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Benchmark tongbao at 100,000 notices.")
    ap.add_argument("--scale", type=int, default=100_000, help="notices (a multiple of 10)")
    ap.add_argument("--cache", type=Path, default=BENCH_CACHE)
    ap.add_argument("--rounds", type=int, default=9, help="measured requests per page")
    ap.add_argument("--pages-only", action="store_true", help="measure the pages of the cached database")
    ap.add_argument("--import-only", action="store_true", help="import what is not imported yet, and stop")
    ap.add_argument("--db", type=Path, help="with --pages-only: measure this database instead "
                    "(e.g. one bench/replicate.py made)")
    ap.add_argument("--rate-at", type=Path, nargs="+", metavar="DB",
                    help="only the import's rate into a copy of each database (e.g. one of 10,000 "
                    "notices and one of 100,000), the same new notices into each")
    ap.add_argument("--notices", type=int, default=2000, help="with --rate-at: how many")
    ap.add_argument("--repeat", type=int, default=1, help="with --rate-at: imports into each database, "
                    "taken in turn; the median rate of each is compared")
    args = ap.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    if args.rate_at:
        rates = import_rate_at(args.cache, args.rate_at, args.notices, args.repeat)
        RESULTS.mkdir(parents=True, exist_ok=True)
        (RESULTS / "import-rate.json").write_text(json.dumps({"commit": commit(), "rates": rates}, indent=1))
        median = {str(db): statistics.median(r["notices_per_s"] for r in rates if r["database"] == str(db))
                  for db in args.rate_at}
        first, last = median[str(args.rate_at[0])], median[str(args.rate_at[-1])]
        print(f"median rate: {first:.2f}/s into the first, {last:.2f}/s into the last; "
              f"last ÷ first: {last / first:.2f}  (target ≥ 0.90)")
        return
    if args.pages_only:
        db = args.db or args.cache / f"tongbao-{args.scale}.db"
        state_file = args.cache / f"import-{args.scale}.json"
        state = json.loads(state_file.read_text()) if state_file.exists() else []
    else:
        db, state = import_slices(args.cache, args.scale)
        if args.import_only:
            return
    result = {"scale": args.scale, "db": str(db), "commit": commit(), "rounds": args.rounds, "import": state,
              "database": database_figures(db), "load_average_pages": load_average()}
    result["pages"] = time_pages(db, args.rounds)
    result["load_average_pages_end"] = load_average()
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "scale.json").write_text(json.dumps(result, ensure_ascii=False, indent=1))
    report(result)


if __name__ == "__main__":
    main()
