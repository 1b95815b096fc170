"""Parse throughput: notices/s of nlp.Parser over the corpus repeated, beside the raw cost
of jieba segmentation of the same clean text. Not a test; prints figures.

The segmentation cache (nlp/segment.py) is emptied before every round, so a round pays for
cutting its text as a first reading would; the caches of unit names stay, as in an import.

    .venv/bin/python bench/bench_parse.py [--rounds 20]
"""
import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import jieba  # noqa: E402

from ingest import IngestError, load_notice  # noqa: E402
from nlp import Parser, segment  # noqa: E402


def timed(fn, notices, rounds):
    start = time.perf_counter()
    for _ in range(rounds):
        segment.block_words.cache_clear()
        for n in notices:
            fn(n)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=20, help="passes over the corpus")
    args = ap.parse_args()
    notices, refused = [], 0
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        try:
            notices.append(load_notice(path))
        except IngestError:             # what an import would refuse is never parsed
            refused += 1
    chars = sum(len(n.text) for n in notices) * args.rounds
    count = len(notices) * args.rounds

    t0 = time.perf_counter()
    parser = Parser()
    load = time.perf_counter() - t0
    jieba.initialize()
    for n in notices:                       # warm caches (jieba, cpca place names, posseg)
        parser.parse(n)

    seg = timed(lambda n: jieba.lcut(n.text), notices, args.rounds)
    seg_nohmm = timed(lambda n: jieba.lcut(n.text, HMM=False), notices, args.rounds)
    tok = timed(lambda n: parser.nlp.make_doc(n.text), notices, args.rounds)
    parse = timed(parser.parse, notices, args.rounds)

    print(f"corpus: {len(notices)} notices ({refused} refused by ingest) x {args.rounds} rounds = {count} notices, "
          f"{chars / 1e6:.2f} M chars")
    print(f"pipeline load           {load:8.2f} s (once per process)")
    print(f"jieba.lcut              {count / seg:8.1f} notices/s  {chars / seg / 1e6:6.2f} M chars/s")
    print(f"jieba.lcut HMM=False    {count / seg_nohmm:8.1f} notices/s  {chars / seg_nohmm / 1e6:6.2f} M chars/s")
    print(f"spaCy zh tokenizer      {count / tok:8.1f} notices/s  {chars / tok / 1e6:6.2f} M chars/s")
    print(f"Parser.parse (full)     {count / parse:8.1f} notices/s  {chars / parse / 1e6:6.2f} M chars/s")
    print(f"parse / segmentation    {parse / seg:8.2f} x")


if __name__ == "__main__":
    main()
