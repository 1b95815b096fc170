"""How many of a generated corpus's planted repeat offenders the knowledge base finds (not a
test; prints a line and the misses).

    .venv/bin/python bench/planted_offenders.py CORPUS_DIR DB

CORPUS_DIR is a tests/generator.py output (notices/ and gold/), DB its `tongbao import`.
A planted offender is counted per channel when its negative findings fall in two or more
quarters; it is found when a unit its findings were stored under (the gold name as an alias
in that notice, on that channel) is in repeat_offender, and exact when that unit's
periods_failed equals the gold's number of quarters.
"""
import json
import sqlite3
import sys
from pathlib import Path


def main(corpus, db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    notice_of = {Path(p).name: i for i, p in conn.execute("SELECT id, source_path FROM notice")}
    offenders = dict(conn.execute("SELECT unit_id, periods_failed FROM repeat_offender"))
    planted = {}    # (offender, channel) -> quarters, stored unit ids
    for path in sorted((Path(corpus) / "gold").glob("*.json")):
        gold = json.loads(path.read_text())
        notice = notice_of.get(gold["doc"])
        for f in gold["findings"]:
            if "offender" not in f or f.get("polarity") != "negative":
                continue
            quarters, units = planted.setdefault((f["offender"], f["channel"]), (set(), set()))
            quarters.add((gold["year"], gold["quarter"]))
            units.update(u for (u,) in conn.execute(
                "SELECT a.unit_id FROM unit_alias a JOIN unit u ON u.id = a.unit_id "
                "WHERE a.notice_id = ? AND a.alias = ? AND u.channel = ?",
                (notice, f["unit"], f["channel"])))
    recurring = {k: v for k, v in planted.items() if len(v[0]) >= 2}
    found = {k for k, (_, units) in recurring.items() if units & offenders.keys()}
    exact = {k for k, (quarters, units) in recurring.items()
             if any(offenders.get(u) == len(quarters) for u in units)}
    print(f"{len(found)} of {len(recurring)} planted offenders (per channel, failing in two or "
          f"more quarters) found; {len(exact)} with the exact number of periods")
    for key in sorted(recurring.keys() - found):
        names = sorted({a for (a,) in conn.execute(
            f"SELECT DISTINCT alias FROM unit_alias WHERE unit_id IN "
            f"({','.join('?' * len(recurring[key][1]))})", sorted(recurring[key][1]))})
        print(f"  missed {key[0]} ({key[1]}), {len(recurring[key][0])} quarters, stored as {'、'.join(names)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
