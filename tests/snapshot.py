"""The parse of every notice set, kept as a snapshot so that a change meant to keep every
parse (a refactor, a faster rule) can be shown to keep it.

Sets: corpus/ (every .txt), tests/notices/ (every .txt and .pdf at its top level) and the 60
notices tests/test_parse_gold.py generates. A notice is the record the parser makes of it
(header, pass_rates, findings with their offsets); its `source` is kept as the file's name
within its set, so that the snapshot does not depend on where the files lie, and evidence is
left out, being the notice text between the offsets kept.
Notices that ingest refuses (not an inspection notice) are parsed all the same: the parser's
reading of them is part of what the snapshot guards.

    .venv/bin/python -m tests.snapshot            # compare, print the first differences
    .venv/bin/python -m tests.snapshot --update   # rewrite tests/snapshots/parses.jsonl.gz

Refresh it (--update) only when the parse is meant to change, and review the differences
the compare run printed before committing the new snapshot beside the change.
"""
import argparse
import difflib
import gzip
import hashlib
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "snapshots" / "parses.jsonl.gz"
GENERATED = {"n": 60, "seed": 20261122, "mix": {"txt": 3, "html": 1}}      # as tests/test_parse_gold.py


def _notice(path):
    """The Notice of a file, also when ingest refuses it as no inspection notice."""
    from ingest import IngestError, Notice, load_notice
    from ingest.header import read_header
    from ingest.load import read_text
    from ingest.normalize import normalize
    try:
        return load_notice(path)
    except IngestError as e:
        if "not an inspection notice" not in e.reason:
            raise
    data, raw = read_text(path)
    text, offsets = normalize(raw)
    return Notice(path=str(path), sha256=hashlib.sha256(data).hexdigest(), raw_text=raw, text=text,
                  offsets=offsets, header=read_header(text))


def notice_files(generated_dir):
    """(set, name, path) of every notice the snapshot covers, in a fixed order."""
    notices = ROOT / "tests" / "notices"
    sets = {
        "corpus": sorted((ROOT / "corpus").glob("*.txt")),
        "notices": sorted([*notices.glob("*.txt"), *notices.glob("*.pdf")]),
        "generated": sorted((generated_dir / "notices").iterdir()),
    }
    return [(name, path.name, path) for name, paths in sets.items() for path in paths]


def generate(out_dir):
    from tests.generator import generate as write
    list(write(Path(out_dir), GENERATED["n"], seed=GENERATED["seed"], mix=GENERATED["mix"]))


def parse_all(parser, generated_dir):
    """{"set/name": record} of every notice, as plain JSON values."""
    out = {}
    for set_name, name, path in notice_files(Path(generated_dir)):
        notice = _notice(path)
        record = parser.parse(notice)
        record["notice"]["source"] = name
        for entry in record["pass_rates"] + record["findings"]:
            entry.pop("evidence", None)
        out[f"{set_name}/{name}"] = json.loads(json.dumps(record, ensure_ascii=False))
    return out


def load():
    with gzip.open(SNAPSHOT, "rt", encoding="utf-8") as f:
        return {row["notice"]: row["record"] for row in map(json.loads, f)}


def save(records):
    SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps({"notice": k, "record": v}, ensure_ascii=False, sort_keys=True) + "\n"
                    for k, v in records.items())
    # mtime=0: the same parses give the same bytes, so an unchanged snapshot shows no diff
    with open(SNAPSHOT, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as f:
        f.write(lines.encode("utf-8"))


def _lines(items):
    return [json.dumps(i, ensure_ascii=False, sort_keys=True) for i in items]


def differences(before, after, limit=5):
    """Readable differences between two {key: record} maps, at most `limit` notices."""
    out = []
    for key in sorted(set(before) - set(after))[:limit]:
        out.append(f"{key}: in the snapshot, not parsed now")
    for key in sorted(set(after) - set(before))[:limit]:
        out.append(f"{key}: parsed now, not in the snapshot")
    changed = [k for k in sorted(set(before) & set(after)) if before[k] != after[k]]
    for key in changed[:limit]:
        out.append(f"{key}:")
        for part in ("notice", "pass_rates", "findings"):
            old, new = before[key].get(part), after[key].get(part)
            if old == new:
                continue
            if part == "notice":
                old, new = [old], [new]
            diff = difflib.unified_diff(_lines(old), _lines(new), f"snapshot {part}", f"now {part}", n=0, lineterm="")
            out.extend("    " + line for line in diff)
    if len(changed) > limit:
        out.append(f"... and {len(changed) - limit} more notices differ")
    return out


def current():
    from nlp import Parser
    with tempfile.TemporaryDirectory() as tmp:
        generate(tmp)
        return parse_all(Parser(), tmp)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--update", action="store_true", help="rewrite the snapshot with the parses of now")
    args = ap.parse_args(argv)
    records = current()
    if args.update:
        save(records)
        print(f"wrote {len(records)} records to {SNAPSHOT.relative_to(ROOT)}")
        return 0
    diff = differences(load(), records, limit=20)
    print("\n".join(diff) if diff else f"all {len(records)} parses as in the snapshot")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
