"""How many of a generated corpus's planted repeat offenders the knowledge base finds (not a
test; prints a line per kind of series and the misses).

    .venv/bin/python bench/planted_offenders.py CORPUS_DIR DB

CORPUS_DIR is a tests/generator.py output (notices/ and gold/, with --monthly N the monthly
series too), DB its `tongbao import`. A planted offender is counted per channel when its
negative findings fall in two or more periods: quarters for the offenders of the quarterly
notices, months for those of the monthly series. It is found when a unit its findings were
stored under (the gold name as an alias in that notice, on that channel) is in
repeat_offender, and exact when that unit's periods_failed equals the gold's number of
periods. A monthly offender's streak is exact when the unit's longest_streak is the longest
run of months in a row the gold faults it in (each monthly offender belongs to one issuer).
"""
import json
import sqlite3
import sys
from pathlib import Path

from ingest.period import ordinal
from kb.graph import longest_run


def main(corpus, db):
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    notice_of = {Path(p).name: i for i, p in conn.execute("SELECT id, source_path FROM notice")}
    offenders = {r[0]: r[1:] for r in conn.execute(
        "SELECT unit_id, periods_failed, longest_streak FROM repeat_offender")}
    planted = {}    # (offender, channel) -> periods, stored unit ids, months (as keys; None masked)
    for path in sorted((Path(corpus) / "gold").glob("*.json")):
        gold = json.loads(path.read_text())
        notice = notice_of.get(gold["doc"])
        for f in gold["findings"]:
            if "offender" not in f or f.get("polarity") != "negative":
                continue
            periods, units, months = planted.setdefault((f["offender"], f["channel"]), (set(), set(), set()))
            if gold.get("month"):
                periods.add((gold["year"], "month", gold["month"]))
                months.add(f"{gold['year']}-{gold['month']:02d}" if gold["year"] else None)
            else:
                periods.add((gold["year"], "quarter", gold["quarter"]))
            units.update(u for (u,) in conn.execute(
                "SELECT a.unit_id FROM unit_alias a JOIN unit u ON u.id = a.unit_id "
                "WHERE a.notice_id = ? AND a.alias = ? AND u.channel = ?",
                (notice, f["unit"], f["channel"])))
    for kind, unit_word in (("quarterly", "quarters"), ("monthly", "months")):
        recurring = {k: v for k, v in planted.items()
                     if len(v[0]) >= 2 and bool(v[2]) == (kind == "monthly")}
        found = {k for k, (_, units, _) in recurring.items() if units & offenders.keys()}
        exact = {k for k, (periods, units, _) in recurring.items()
                 if any(offenders.get(u, (None,))[0] == len(periods) for u in units)}
        line = (f"{len(found)} of {len(recurring)} planted {kind} offenders (per channel, failing in two or "
                f"more {unit_word}) found; {len(exact)} with the exact number of periods")
        if kind == "monthly":
            streak = {k for k, (_, units, months) in recurring.items()
                      if any(offenders.get(u, (None, None))[1] == longest_run(ordinal(m)[1] for m in months if m)
                             for u in units)}
            line += f", {len(streak)} with the exact longest streak of months"
        print(line)
        for key in sorted(recurring.keys() - found):
            names = sorted({a for (a,) in conn.execute(
                f"SELECT DISTINCT alias FROM unit_alias WHERE unit_id IN "
                f"({','.join('?' * len(recurring[key][1]))})", sorted(recurring[key][1]))})
            print(f"  missed {key[0]} ({key[1]}), {len(recurring[key][0])} {unit_word}, "
                  f"stored as {'、'.join(names)}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
