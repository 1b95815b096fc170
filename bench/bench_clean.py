"""Clean-text throughput: decode + normalise + boilerplate + header, over the corpus repeated
to at least 5 MB. Prints notices/s and MB/s (of UTF-8 input); not a test.

    .venv/bin/python bench/bench_clean.py [--mb 5]
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ingest.header import read_header  # noqa: E402
from ingest.load import check_is_notice  # noqa: E402
from ingest.normalize import normalize  # noqa: E402
from ingest.readers import decode  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mb", type=float, default=5.0, help="input size to reach (MB)")
    args = parser.parse_args()
    corpus = [(p, p.read_bytes()) for p in sorted((ROOT / "corpus").glob("*.txt"))]
    size = sum(len(d) for _, d in corpus)
    rounds = max(1, int(args.mb * 1e6 // size) + 1)
    for path, data in corpus[:3]:            # warm up: OpenCC and cpca tables load once
        read_header(normalize(decode(path, data))[0])

    total_bytes = notices = 0
    t_norm = t_header = 0.0
    start = time.perf_counter()
    for _ in range(rounds):
        for path, data in corpus:
            t0 = time.perf_counter()
            text, _ = normalize(decode(path, data))
            check_is_notice(path, text)
            t1 = time.perf_counter()
            read_header(text)
            t_header += time.perf_counter() - t1
            t_norm += t1 - t0
            total_bytes += len(data)
            notices += 1
    elapsed = time.perf_counter() - start
    mb = total_bytes / 1e6
    print(f"corpus: {len(corpus)} files, {size / 1e3:.1f} kB, repeated {rounds}x = {mb:.2f} MB, "
          f"{notices} notices")
    print(f"clean + header: {elapsed:.2f} s  {notices / elapsed:,.0f} notices/s  {mb / elapsed:.2f} MB/s")
    print(f"  clean text only: {notices / t_norm:,.0f} notices/s  {mb / t_norm:.2f} MB/s")
    print(f"  header only:     {notices / t_header:,.0f} notices/s")


if __name__ == "__main__":
    main()
