"""Run every benchmark script in bench/ (bench_*.py) in turn and print their figures.

    .venv/bin/python bench/run_all.py            # full sizes (make bench)
    .venv/bin/python bench/run_all.py --quick    # small sizes, for a trial run

--quick is passed to the scripts whose --help offers it; the others run as they are. A
benchmark that fails is reported and the others still run; the exit status is non-zero if
any failed.
"""
import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def offers(script, option):
    help_text = subprocess.run([sys.executable, str(script), "--help"], capture_output=True,
                               text=True, cwd=HERE.parent).stdout
    return option in help_text


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run the benchmarks in bench/.")
    ap.add_argument("--quick", action="store_true", help="small sizes, where a benchmark has them")
    args = ap.parse_args(argv)
    failed = []
    for script in sorted(HERE.glob("bench_*.py")):
        extra = ["--quick"] if args.quick and offers(script, "--quick") else []
        print(f"=== {script.name} {' '.join(extra)}", flush=True)
        start = time.perf_counter()
        rc = subprocess.run([sys.executable, str(script), *extra], cwd=HERE.parent).returncode
        print(f"=== {script.name}: exit {rc} after {time.perf_counter() - start:.0f} s\n", flush=True)
        if rc:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
