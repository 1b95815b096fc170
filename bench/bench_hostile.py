"""Parse time of each hostile file at 1×, 3× and 10× its size, and an import of the corpus
mixed with them (not a test).

    .venv/bin/python bench/bench_hostile.py [--part scaling|mixed] [--scales 1,3,10] [--out DIR]

The files are those of tests/hostile.py: an enumeration of 1,000 unit names before one
predicate, 60,000 Han characters without punctuation, one sentence inside 50,000 nested
<div>, a DOCX whose XML inflates to 100 MB, a PDF of 500 pages (each ×scale). Each file is
read and parsed as `tongbao import` does it, in a worker forked from this process after it
loaded the parser (kb/workers.py), one fresh worker per file, under a budget far above the
default so that nothing is cut short. Printed per file and scale: its size, the seconds
from the worker's start to its record, what became of it (findings, or the reason it was
refused), and the growth of the worker's resident memory; then the ratio of the times
beside the ratio of the sizes. Linear cost keeps the two near each other.

Mixed: `tongbao import --jobs 2` of corpus/ alone, then of corpus/ with the hostile files of
tests/test_hostile.py beside it (enumerations of 1,000, 3,000 and 30,000 names, 60,000 and
600,000 characters without punctuation, 50,000 nested <div>, a 1 GB DOCX bomb, a 5,000-page
PDF), each into a fresh database: wall time, peak RSS and PSS of the import's process tree
(bench/bench_import.py's sampling), and what became of every file.
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kb.workers import Budget, Workers  # noqa: E402
from tests import hostile  # noqa: E402

KINDS = {
    "enumeration (1,000 names)": ("txt", hostile.enumeration),
    "unpunctuated (60,000 chars)": ("txt", hostile.unpunctuated),
    "deep HTML (50,000 <div>)": ("html", hostile.deep_html),
    "DOCX bomb (100 MB of XML)": ("docx", lambda path, scale: hostile.docx_bomb(path, int(scale * 100 * 2**20))),
    "PDF (500 pages)": ("pdf", lambda path, scale: hostile.many_pages_pdf(path, int(500 * scale))),
}


def _resident_peak():
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM"))


def _measured(path, on_read):
    """In the worker: (kind, path, (seconds, outcome, characters, peak resident growth))."""
    from ingest import IngestError, load_notice
    from nlp.parser import default_parser
    before, started = _resident_peak(), time.perf_counter()
    try:
        notice = load_notice(path)
        on_read(len(notice.text))
        record = default_parser().parse(notice)
        outcome, chars = f"{len(record['findings']):,} findings", len(notice.text)
    except IngestError as e:
        outcome, chars = f"refused: {e.reason[:60]}", None
    return ("done", path, (time.perf_counter() - started, outcome, chars, _resident_peak() - before))


def measure(path, budget):
    """One fresh worker for the file, so that its peak memory is the file's alone."""
    kind, _, value = next(Workers(_measured, 1, budget).run([path]))
    return value if kind == "done" else (None, value, None, None)


def mixed(out):
    """Import corpus/ alone, then corpus/ and the hostile files; print time, memory, outcomes."""
    import shutil
    import sqlite3

    from bench_import import run_measured
    from serving import TONGBAO
    inbox = out / "mixed"
    inbox.mkdir(parents=True, exist_ok=True)
    corpus = sorted((ROOT / "corpus").glob("*.txt"))
    for f in corpus:
        shutil.copy(f, inbox / f.name)
    made = [hostile.enumeration(inbox / f"enumeration_x{s}.txt", s) for s in (1, 3, 30)]
    made += [hostile.unpunctuated(inbox / f"unpunctuated_x{s}.txt", s) for s in (1, 10)]
    made += [hostile.deep_html(inbox / "deep.html"), hostile.docx_bomb(inbox / "bomb.docx"),
             hostile.many_pages_pdf(inbox / "pages.pdf")]
    print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    print("| import (--jobs 2) | files | wall s | CPU s | peak RSS | peak PSS | notices | import_error |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, paths in (("corpus/ alone", [str(f) for f in corpus]), ("corpus/ and hostile files", [str(inbox)])):
        db = out / f"{name.split()[0].strip('/')}-{len(paths)}.db"
        wall, rss, pss, code, cpu = run_measured(TONGBAO + ["import", *paths, "--db", str(db), "--jobs", "2"],
                                                 cwd=ROOT)
        with sqlite3.connect(db) as conn:
            notices = {os.path.basename(p) for (p,) in conn.execute("select source_path from notice")}
            errors = dict((os.path.basename(p), r) for p, r in conn.execute("select path, reason from import_error"))
        files = len(corpus) + (len(made) if len(paths) == 1 else 0)
        print(f"| {name} | {files} | {wall:.1f} | {cpu:.1f} | {rss:,.0f} MB | {pss:,.0f} MB | "
              f"{len(notices)} | {len(errors)} |", flush=True)
    refused = [f"{f.name} ({errors[f.name]})" for f in corpus if f.name in errors]
    missing = [f.name for f in corpus if f.name not in notices and f.name not in errors]
    print(f"\ncorpus notices: {len(corpus) - len(refused) - len(missing)} landed, {len(refused)} refused"
          f"{': ' + '; '.join(refused) if refused else ''}, {len(missing)} missing {' '.join(missing)}")
    for path in made:
        outcome = "parsed" if path.name in notices else errors.get(path.name, "MISSING")
        print(f"  {path.name:<22} {outcome}")
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", choices=["scaling", "mixed"], help="only this part (default: both)")
    ap.add_argument("--scales", default="1,3,10")
    ap.add_argument("--out", type=Path, default=None, help="keep the files here (default: a temporary folder)")
    args = ap.parse_args()
    scales = [float(s) for s in args.scales.split(",")]
    if args.part == "mixed":
        with tempfile.TemporaryDirectory() as tmp:
            mixed(args.out or Path(tmp))
        return
    from nlp.parser import default_parser
    default_parser()                                  # loaded once, shared by every worker
    budget = Budget(seconds_per_10k=60, memory_mb=8192)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {os.cpu_count()} cores", flush=True)
        print(f"| file | scale | bytes | characters | seconds | peak RSS growth | outcome |")
        print(f"| --- | ---: | ---: | ---: | ---: | ---: | --- |")
        summary = []
        for name, (suffix, make) in KINDS.items():
            times, sizes = [], []
            for scale in scales:
                path = make(out / f"{name.split()[0].lower()}_x{scale:g}.{suffix}", scale)
                seconds, outcome, chars, grown = measure(path, budget)
                size = path.stat().st_size
                times.append(seconds)
                sizes.append(size)
                print(f"| {name} | {scale:g}× | {size:,} | {'' if chars is None else f'{chars:,}'} | "
                      f"{'—' if seconds is None else f'{seconds:.2f}'} | "
                      f"{'' if grown is None else f'{grown / 2**20:,.0f} MB'} | {outcome} |", flush=True)
            summary.append((name, times, sizes))
        print(f"\nload average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        print("| file | " + " | ".join(f"time {s:g}×/1×" for s in scales[1:]) + " | "
              + " | ".join(f"size {s:g}×/1×" for s in scales[1:]) + " |")
        print("| --- |" + " ---: |" * (2 * (len(scales) - 1)))
        for name, times, sizes in summary:
            ratios = [f"{t / times[0]:.1f}" if t and times[0] else "—" for t in times[1:]]
            print(f"| {name} | " + " | ".join(ratios) + " | "
                  + " | ".join(f"{s / sizes[0]:.1f}" for s in sizes[1:]) + " |")
        if args.part is None:
            mixed(out)


if __name__ == "__main__":
    main()
