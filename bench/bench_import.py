"""Benchmark of `tongbao import` and of Datasette on the database it builds (not a test).

    .venv/bin/python bench/bench_import.py            # 1,000 and 10,000 notices
    .venv/bin/python bench/bench_import.py --quick    # 200 and 1,000, for a trial run
    .venv/bin/python bench/bench_import.py --profile  # also profile an import (pyinstrument)

Corpora come from tests/generator.py (seed 1) and are kept under bench/results/ so later
runs reuse them. Measured, each in a fresh database unless said otherwise:
- import with --jobs 1 and --jobs 2: wall time, notices/s, MB/s, peak RSS of the import's
  whole process tree (sampled with psutil);
- the floor, in this same run: the same decoded text through OpenCC t2s and jieba
  segmentation alone, in one process; and import time ÷ floor time;
- re-import of each unchanged corpus into its database, and its ratio to the first (the
  files are recognised by their hash before the parser is loaded);
- Datasette (`tongbao serve`) on the largest database: median response time of the finding
  table page, a faceted page, the repeat-offender query and full-text search (the finding
  table's _search and the search_findings query).
The table is printed with the targets beside the figures and written to
bench/results/import.json.
"""
import argparse
import json
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
from pathlib import Path

import psutil
from serving import TONGBAO, ServeFailed, get, served

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "bench" / "results"
SEED = 1

TARGETS = {
    "import_over_floor": ("≤ 2.0×", lambda v: v <= 2.0),
    "jobs2_speedup": ("≥ 1.7×", lambda v: v >= 1.7),
    "reimport_speedup": ("≥ 20×", lambda v: v >= 20),
    "peak_rss_mb": ("< 500 MB", lambda v: v < 500),
    "rss_growth": ("≤ 1.2× (flat)", lambda v: v <= 1.2),
    "page_ms": ("< 300 ms", lambda v: v < 300),
}


# ---------------------------------------------------------------- corpus


def corpus(n, mix):
    """A generated corpus of n notices, written once and reused."""
    from tests.generator import generate
    out = RESULTS / f"corpus-{n}-seed{SEED}-{'-'.join(f'{k}{v:g}' for k, v in mix.items())}"
    done = out / "complete"
    if not done.exists():
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        for _ in generate(out, n, SEED, mix, jobs=os.cpu_count() or 1):
            pass
        done.write_text(f"{n}\n")
        print(f"  generated {n} notices in {time.perf_counter() - t:.1f} s -> {out}", flush=True)
    files = sorted((out / "notices").iterdir())
    return out / "notices", files


def default_mix():
    """Mostly text and web pages, as collected notices are; a PDF takes ~2 s to write, so
    PDFs are a small share. Without tests/render.py only text can be written."""
    try:
        import tests.render  # noqa: F401
        return {"txt": 70, "html": 18, "docx": 10, "pdf": 2}
    except ImportError:
        return {"txt": 1}


# ---------------------------------------------------------------- measuring a process tree


def tree_memory(root, full):
    """(RSS, PSS) in bytes summed over a process and its descendants. RSS counts pages the
    processes share once per process; PSS splits them (PSS only when `full`, it costs more)."""
    rss = pss = 0
    try:
        procs = [root] + root.children(recursive=True)
    except psutil.Error:
        return 0, 0
    for p in procs:
        try:
            if full:
                info = p.memory_full_info()
                rss, pss = rss + info.rss, pss + info.pss
            else:
                rss += p.memory_info().rss
        except psutil.Error:
            pass
    return rss, pss


def run_measured(cmd, **kwargs):
    """Run cmd; return (wall seconds, peak RSS and peak PSS in MB of the process and its
    descendants, exit code, CPU seconds of the process and its descendants)."""
    peak_rss = peak_pss = 0
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **kwargs)
    root = psutil.Process(proc.pid)
    stderr = []
    reader = threading.Thread(target=lambda: stderr.append(proc.stderr.read()), daemon=True)
    reader.start()
    samples = 0
    while proc.poll() is None:
        rss, pss = tree_memory(root, full=samples % 5 == 0)
        peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
        samples += 1
        time.sleep(0.05)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)   # workers are waited for: counted
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    reader.join()
    if proc.returncode:
        tail = stderr[0].decode("utf-8", "replace")[-2000:] if stderr else ""
        print(f"  ! {' '.join(map(str, cmd[2:]))} exited {proc.returncode}:\n{tail}", flush=True)
    return wall, peak_rss / 2**20, peak_pss / 2**20, proc.returncode, cpu


def count_rows(db):
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type='table'")}
        return {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                for t in ("notice", "finding", "pass_rate", "import_error") if t in tables}


def bench_import(notice_dir, files, jobs, db):
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    wall, rss, pss, rc, cpu = run_measured(TONGBAO + ["import", str(notice_dir), "--db", str(db),
                                                      "--jobs", str(jobs)])
    size = sum(f.stat().st_size for f in files)
    return {"notices": len(files), "jobs": jobs, "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "notices_per_s": round(len(files) / wall, 1), "mb_per_s": round(size / 2**20 / wall, 3),
            "peak_rss_mb": round(rss, 1), "peak_pss_mb": round(pss, 1), "exit_code": rc,
            "rows": count_rows(db)}


# ---------------------------------------------------------------- the floor


FLOOR_CODE = r"""
import json, sys, time
import jieba, logging
from opencc import OpenCC
jieba.setLogLevel(logging.WARNING); jieba.initialize()
t2s = OpenCC("t2s")
start = time.perf_counter(); cpu = time.process_time(); words = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        words += len(jieba.lcut(t2s.convert(json.loads(line))))
print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                  "words": words}))
"""


def bench_floor(files, work):
    """OpenCC t2s + jieba over the same decoded text, in one process (setup excluded)."""
    from ingest.load import read_text
    texts = work / "floor-texts.jsonl"
    with texts.open("w", encoding="utf-8") as out:
        for f in files:
            try:
                out.write(json.dumps(read_text(f)[1], ensure_ascii=False) + "\n")
            except Exception:      # an unreadable file costs the import, not the floor
                pass
    res = subprocess.run([sys.executable, "-c", FLOOR_CODE, str(texts)], capture_output=True,
                         text=True, check=True)
    return json.loads(res.stdout)


# ---------------------------------------------------------------- Datasette


def bench_datasette(db, rounds):
    try:
        with served(db, start_timeout=60) as (base, _):
            return _time_pages(db, rounds, base)
    except ServeFailed as e:
        return {"error": str(e)}


def _time_pages(db, rounds, base):
    with sqlite3.connect(db) as conn:
        province = (conn.execute("select province from finding where province is not null "
                                 "group by province order by count(*) desc limit 1")
                    .fetchone() or ["青海省"])[0]
    q = urllib.parse.quote
    pages = {
        "finding table": "/tongbao/finding",
        "faceted page": f"/tongbao/finding?province={q(province)}&_facet=problem&_facet=year"
                        "&_facet=channel",
        "repeat offenders": "/tongbao/repeat_offenders_by_province?province=",
        "full-text search": f"/tongbao/finding?_search={q('空白栏目')}",
        "search_findings query": f"/tongbao/search_findings?q={q('更新不及时')}",
    }
    out = {}
    for name, path in pages.items():
        times, status = [], None
        for i in range(rounds + 1):
            t = time.perf_counter()
            try:
                status, _ = get(base + path)
            except urllib.error.HTTPError as e:
                status = e.code
            if i:                       # the first request warms caches
                times.append((time.perf_counter() - t) * 1000)
        out[name] = {"path": path, "status": status, "median_ms": round(statistics.median(times), 1),
                     "max_ms": round(max(times), 1)}
    return out


# ---------------------------------------------------------------- profile


def profile_import(notice_dir, work, top=25):
    """pyinstrument over an import with --jobs 0 (the parsing in the profiled process).
    Writes the call tree and the functions by own time to bench/results/; returns the
    first `top` lines of the latter."""
    db = work / "profile.db"
    db.unlink(missing_ok=True)
    session = work / "import.pyisession"
    subprocess.run([sys.executable, "-m", "pyinstrument", "-r", "session", "-o", str(session),
                    "-m", "tongbao.cli", "import", str(notice_dir), "--db", str(db), "--jobs", "0"],
                   check=False, capture_output=True)
    for name, options in (("profile-import-tree.txt", []), ("profile-import-flat.txt", ["-p", "flat=true"])):
        subprocess.run([sys.executable, "-m", "pyinstrument", "--load", str(session), "-r", "text",
                        "-o", str(RESULTS / name), *options], check=False, capture_output=True)
    flat = (RESULTS / "profile-import-flat.txt").read_text("utf-8").splitlines()
    return [line for line in flat if line[:1].isdigit()][:top]


# ---------------------------------------------------------------- report


def verdict(key, value):
    label, ok = TARGETS[key]
    return f"{label:>14}  {'ok' if ok(value) else 'MISSED'}"


def main(argv=None):
    ap = argparse.ArgumentParser(description="Benchmark tongbao import and Datasette.")
    ap.add_argument("--quick", action="store_true", help="200 and 1,000 notices")
    ap.add_argument("--sizes", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--rounds", type=int, default=15, help="requests per Datasette page")
    ap.add_argument("--profile", action="store_true", help="profile an import of the smaller corpus")
    ap.add_argument("--profile-only", action="store_true",
                    help="only profile an import of the smaller corpus, and print its hot spots")
    ap.add_argument("--keep", action="store_true", help="keep the databases (bench/results/work-PID)")
    ap.add_argument("--mix", help="generator formats and weights (default txt=70,html=18,docx=10,pdf=2)")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in (args.sizes or ("200,1000" if args.quick else "1000,10000")).split(",")]
    mix = ({k: float(v) for k, v in (i.split("=") for i in args.mix.split(","))} if args.mix
           else default_mix())
    RESULTS.mkdir(parents=True, exist_ok=True)
    work = RESULTS / f"work-{os.getpid()}"     # databases of this run only, removed at the end
    work.mkdir(exist_ok=True)
    result = {"sizes": sizes, "mix": mix, "cpus": os.cpu_count(), "imports": [],
              "floor": {}, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "load_average_at_start": os.getloadavg()}
    if args.profile_only:
        print(f"profile of an import of {sizes[0]} notices, --jobs 0: functions by own time (s); "
              "call tree in bench/results/profile-import-tree.txt")
        for line in profile_import(corpus(sizes[0], mix)[0], work):
            print("  " + line)
        shutil.rmtree(work)
        return

    for n in sizes:
        notice_dir, files = corpus(n, mix)
        floor = bench_floor(files, work)
        result["floor"][n] = {"seconds": round(floor["seconds"], 2),
                              "cpu_seconds": round(floor["cpu_seconds"], 2),
                              "notices_per_s": round(n / floor["seconds"], 1)}
        print(f"  floor {n}: {floor['seconds']:.1f} s", flush=True)
        for jobs in (1, 2):
            r = bench_import(notice_dir, files, jobs, work / f"import-{n}-j{jobs}.db")
            r["over_floor"] = round(r["seconds"] / floor["seconds"], 2)
            r["cpu_over_floor"] = round(r["cpu_seconds"] / floor["cpu_seconds"], 2)
            result["imports"].append(r)
            print(f"  import {n} --jobs {jobs}: {r['seconds']} s, {r['peak_rss_mb']} MB, {r['rows']}",
                  flush=True)

    result["reimports"] = []
    for n in sizes:      # the unchanged corpus again, into the database of its faster import
        notice_dir, files = corpus(n, mix)
        best = min((r for r in result["imports"] if r["notices"] == n), key=lambda r: r["seconds"])
        db = work / f"import-{n}-j{best['jobs']}.db"
        wall, rss, pss, rc, cpu = run_measured(TONGBAO + ["import", str(notice_dir), "--db", str(db),
                                                          "--jobs", str(best["jobs"])])
        result["reimports"].append({
            "notices": n, "jobs": best["jobs"], "seconds": round(wall, 2), "cpu_seconds": round(cpu, 2),
            "peak_rss_mb": round(rss, 1), "peak_pss_mb": round(pss, 1), "exit_code": rc,
            "first_seconds": best["seconds"], "speedup": round(best["seconds"] / wall, 1),
            "rows": count_rows(db)})
        print(f"  re-import {n}: {wall:.2f} s", flush=True)
    result["datasette"] = bench_datasette(db, args.rounds)
    if args.profile:
        result["profile"] = profile_import(corpus(sizes[0], mix)[0], work)

    result["load_average_at_end"] = os.getloadavg()
    out = RESULTS / "import.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(work)
    print_table(result)
    print(f"\nwritten to {out.relative_to(ROOT)}")


def print_table(res):
    mix = ",".join(f"{kind}={share:g}" for kind, share in res["mix"].items())
    print(f"\ntongbao import — generated notices (seed {SEED}, mix {mix}, {res['cpus']} cores)")
    print(f"load average {res['load_average_at_start'][0]:.1f} at start, "
          f"{res['load_average_at_end'][0]:.1f} at end (other work on the machine skews wall times)")
    print(f"{'notices':>8} {'jobs':>4} {'wall s':>7} {'CPU s':>7} {'notices/s':>10} {'MB/s':>6} "
          f"{'peak RSS':>9} {'peak PSS':>9} {'wall÷floor':>10} {'CPU÷floor':>9}")
    for r in res["imports"]:
        print(f"{r['notices']:>8} {r['jobs']:>4} {r['seconds']:>7} {r['cpu_seconds']:>7} "
              f"{r['notices_per_s']:>10} {r['mb_per_s']:>6} {r['peak_rss_mb']:>6} MB "
              f"{r['peak_pss_mb']:>6} MB {r['over_floor']:>9}× {r['cpu_over_floor']:>8}×")
    print(f"targets: import ÷ floor {TARGETS['import_over_floor'][0]}, peak RSS {TARGETS['peak_rss_mb'][0]} "
          "(RSS summed over the process tree counts shared pages once per process; PSS does not)")
    for r in res["imports"]:
        print(f"{r['notices']:>8} --jobs {r['jobs']}: wall÷floor {verdict('import_over_floor', r['over_floor'])}"
              f"; peak RSS {verdict('peak_rss_mb', r['peak_rss_mb'])}")
    for n, f in res["floor"].items():
        print(f"{n:>8} floor (OpenCC t2s + jieba.lcut, 1 process): {f['seconds']} s wall, "
              f"{f['cpu_seconds']} s CPU, {f['notices_per_s']} notices/s")
    for n in res["sizes"]:
        by_jobs = {r["jobs"]: r for r in res["imports"] if r["notices"] == n}
        if 1 in by_jobs and 2 in by_jobs:
            speedup = round(by_jobs[1]["seconds"] / by_jobs[2]["seconds"], 2)
            print(f"{n:>8} --jobs 2 speed-up over --jobs 1: {speedup}×   {verdict('jobs2_speedup', speedup)}")
    small, large = res["sizes"][0], res["sizes"][-1]
    for jobs in (1, 2):
        rs = {r["notices"]: r["peak_rss_mb"] for r in res["imports"] if r["jobs"] == jobs}
        if small in rs and large in rs and small != large:
            growth = round(rs[large] / rs[small], 2)
            print(f"peak RSS {large} vs {small} notices, --jobs {jobs}: {growth}×   "
                  f"{verdict('rss_growth', growth)}")
    for ri in res["reimports"]:
        print(f"re-import of the unchanged {ri['notices']}: {ri['seconds']} s ({ri['cpu_seconds']} s CPU) "
              f"against {ri['first_seconds']} s for the first, {ri['speedup']}× faster   "
              f"{verdict('reimport_speedup', ri['speedup'])}")
    print(f"\nDatasette on the {large}-notice database ({res['sizes'][-1]} notices):")
    for name, d in res["datasette"].items():
        if "median_ms" in d:
            print(f"  {name:<22} median {d['median_ms']:>7} ms (max {d['max_ms']}, HTTP {d['status']})   "
                  f"{verdict('page_ms', d['median_ms'])}")
        else:
            print(f"  {name:<22} {d.get('error')}")
    if "profile" in res:
        print(f"\nprofile of an import of {small} notices, --jobs 0: functions by own time (s); "
              "call tree in bench/results/profile-import-tree.txt")
        for line in res["profile"]:
            print("  " + line)


if __name__ == "__main__":
    main()
