"""Run every benchmark script in bench/ (bench_*.py) in turn and print their figures.

    .venv/bin/python bench/run_all.py [--quick]

Options after the script name are passed to each benchmark. A benchmark that fails is
reported and the others still run; the exit status is non-zero if any failed.
"""
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    scripts = sorted(HERE.glob("bench_*.py"))
    failed = []
    for script in scripts:
        print(f"=== {script.name} {' '.join(argv)}", flush=True)
        start = time.perf_counter()
        rc = subprocess.run([sys.executable, str(script), *argv], cwd=HERE.parent).returncode
        print(f"=== {script.name}: exit {rc} after {time.perf_counter() - start:.0f} s\n", flush=True)
        if rc:
            failed.append(script.name)
    if failed:
        print(f"failed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
