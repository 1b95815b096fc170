"""The recurring-offender graph.

Nodes are units, periods, provinces and problem types. Failing (negative) findings are
aggregated per (unit, period, issuer) in SQL first, from unit_notice (where the import folds a
notice's negative findings of a unit into one row, kb/store.py), so there is one unit—period
edge per period a unit failed in and issuer that said so, carrying how many findings and
notices said so and which problems; the graph grows with units × periods, not with findings.
Units link to the problems they had and the provinces they are in.

From a unit's period edges comes its failure record: the distinct periods it failed in (a
month, a quarter, a half, a round and a year are different periods, whoever issued them),
the longest streak, first and last failure. A streak is a run of consecutive periods of one
issuer's series at its own granularity (kb/units.py issuer_key; ingest/period.py ordinal):
March and April of a monthly issuer, 2023Q4 and 2024Q1 of a quarterly one, the first and
second round of one year. A notice's own statement (连续四个季度检查不合格, kept as
`consecutive_periods`) counts as failures in the periods of its series it covers, ending
with the notice's, so a unit is a repeat offender even when the earlier notices are not in
the database. The parser keeps the number, not the word (月, 季度): it is read in the
notice's own granularity.

repeat_offender is made without the graph: each failing unit's record is kept in
unit_failures in a form more failures add to (`Failures`), and an import adds to it the rows
its notices wrote (`offender_rows`).
"""
import json
from itertools import groupby

import networkx as nx

from ingest.period import order, ordinal

# both read unit_notice (one row per unit and notice that found fault with it), in unit order
_UNITS_SQL = (
    "SELECT u.id, u.name, u.organization, u.channel, u.region_code, u.latitude, u.longitude, "
    "count(*), group_concat(x.problems), "
    "group_concat(DISTINCT coalesce(nullif(u.province, ''), nullif(x.province, ''))), "
    "max(CASE WHEN coalesce(x.period_key, '') = '' THEN x.stated END) "
    "FROM unit_notice x JOIN unit u ON u.id = x.unit_id{only} GROUP BY x.unit_id ORDER BY x.unit_id")
_PERIODS_SQL = (
    "SELECT unit_id, period_key, issuer_key, sum(findings), count(*), max(stated), group_concat(problems) "
    "FROM unit_notice x WHERE coalesce(period_key, '') != ''{only} "
    "GROUP BY unit_id, period_key, issuer_key ORDER BY unit_id")


def _split(joined):
    """The distinct codes of comma-separated lists joined by commas, sorted."""
    return sorted(set(joined.split(","))) if joined else []


def failing_units(conn, units=None):
    """Each unit with a failing finding, with what its findings add up to, one at a time
    (ordered by unit id): (unit, failures) where `unit` is a dict of the unit's columns,
    its problems, provinces, number of notices and the longest undated streak a notice
    stated, and `failures` maps each (period, issuer) it failed in to a dict of the edge's
    figures. `units`: SQL selecting the unit ids to look at, if not all."""
    only = f" AND x.unit_id IN ({units})" if units else ""
    period_rows = conn.execute(_PERIODS_SQL.format(only=only))
    pending = next(period_rows, None)
    units_sql = _UNITS_SQL.format(only=f" WHERE x.unit_id IN ({units})" if units else "")
    for (uid, name, organization, channel, region_code, lat, lon, notices, problems,
         provinces, stated_undated) in conn.execute(units_sql):
        failures = {}
        while pending is not None and pending[0] <= uid:
            if pending[0] == uid:
                _, key, issuer, findings, in_notices, stated, period_problems = pending
                failures[key, issuer] = {"issuer": issuer, "findings": findings, "notices": in_notices,
                                         "consecutive_periods": stated,
                                         "problems": ",".join(_split(period_problems))}
            pending = next(period_rows, None)
        yield ({"unit_id": uid, "label": name, "organization": organization, "channel": channel,
                "region_code": region_code or "", "latitude": lat, "longitude": lon,
                "notices": notices, "stated_undated": stated_undated or 0,
                "problems": _split(problems), "provinces": _split(provinces)}, failures)


def build_graph(conn):
    graph = nx.MultiGraph()
    for unit, failures in failing_units(conn):
        node = f"unit:{unit['unit_id']}"
        attrs = {k: unit[k] for k in ("unit_id", "label", "organization", "channel",
                                      "region_code", "notices", "stated_undated")}
        if unit["latitude"] is not None and unit["longitude"] is not None:
            attrs.update(latitude=unit["latitude"], longitude=unit["longitude"])
        graph.add_node(node, kind="unit", **attrs)
        for (key, issuer), edge in failures.items():
            graph.add_node(f"period:{key}", kind="period", label=key)
            graph.add_edge(node, f"period:{key}", key=f"failed_in {issuer}", kind="failed_in", **edge)
        for problem in unit["problems"]:
            graph.add_node(f"problem:{problem}", kind="problem", label=problem)
            graph.add_edge(node, f"problem:{problem}", key="had", kind="had")
        for province in unit["provinces"]:
            graph.add_node(f"province:{province}", kind="province", label=province)
            graph.add_edge(node, f"province:{province}", key="in", kind="in")
    return graph


def longest_run(indexes):
    """Length of the longest run of consecutive integers."""
    best, run, last = 0, 0, None
    for i in sorted(set(indexes)):
        run = run + 1 if last is not None and i == last + 1 else 1
        best, last = max(best, run), i
    return best


class Failures:
    """What a unit's failure record is made of, in a form more failures add to: the periods it
    failed in, the period numbers of each issuer's series it failed in (a stated streak spread
    over the periods it covers, ending with the notice's), the longest streak a notice stated,
    its problems, provinces and number of notices. Kept per unit in unit_failures as JSON."""

    def __init__(self, state=None):
        state = json.loads(state) if state else {}
        self.periods = set(state.get("periods", ()))
        self.series = {(issuer, granularity): set(numbers)
                       for issuer, granularity, numbers in state.get("series", ())}
        self.stated = state.get("stated", 0)
        self.problems = set(state.get("problems", ()))
        self.provinces = set(state.get("provinces", ()))
        self.notices = state.get("notices", 0)

    @classmethod
    def of(cls, failures, problems, provinces, stated_undated=0, notices=0):
        """The record of a unit that failed in each (period, issuer) of `failures`, mapped to the
        longest streak a notice of that issuer and period stated (0 if none)."""
        made = cls()
        made.stated, made.problems, made.provinces, made.notices = (
            stated_undated or 0, set(problems), set(provinces), notices)
        for (key, issuer), stated in failures.items():
            made.fail(key, issuer, stated)
        return made

    def fail(self, key, issuer, stated=0):
        """A failure in period `key` (None or '': undated) of `issuer`'s series, the notice
        stating a streak of `stated` periods ending with it (0: none)."""
        self.stated = max(self.stated, stated or 0)
        if not key:
            return
        self.periods.add(key)
        position = ordinal(key)
        if position is not None:
            granularity, index = position
            self.series.setdefault((issuer, granularity), set()).update(
                range(index - max(stated or 0, 1) + 1, index + 1))

    def dumps(self):
        return json.dumps({"periods": sorted(self.periods), "notices": self.notices, "stated": self.stated,
                           "series": sorted([i, g, sorted(n)] for (i, g), n in self.series.items()),
                           "problems": sorted(self.problems), "provinces": sorted(self.provinces)},
                          ensure_ascii=False, separators=(",", ":"))

    def record(self):
        periods = sorted(self.periods, key=order)
        return {"periods": periods, "periods_failed": len(periods),
                "longest_streak": max([longest_run(run) for run in self.series.values()]
                                      + [self.stated, 1 if periods else 0]),
                "first_failed": periods[0] if periods else None,
                "last_failed": periods[-1] if periods else None,
                "problems": sorted(self.problems), "provinces": sorted(self.provinces),
                "notices": self.notices}


def unit_record(graph, unit):
    """A unit's failure record from its node and edges."""
    failures, problems, provinces = {}, set(), set()
    for _, other, data in graph.edges(unit, data=True):
        kind, label = graph.nodes[other]["kind"], graph.nodes[other]["label"]
        if kind == "period":
            failures[label, data["issuer"]] = max(failures.get((label, data["issuer"]), 0),
                                                  data.get("consecutive_periods") or 0)
        elif kind == "problem":
            problems.add(label)
        elif kind == "province":
            provinces.add(label)
    node = graph.nodes[unit]
    return Failures.of(failures, problems, provinces, node.get("stated_undated", 0),
                       node.get("notices", 0)).record()


def _is_offender(record, min_periods):
    return max(record["periods_failed"], record["longest_streak"]) >= min_periods


def offenders(graph, min_periods=2):
    """Units of the graph that failed in at least `min_periods` periods, counting stated
    streaks."""
    result = []
    for node, data in graph.nodes(data=True):
        if data["kind"] == "unit":
            record = unit_record(graph, node)
            if _is_offender(record, min_periods):
                result.append((node, record))
    return result


# unit_notice rows noted in failure_change (kb/store.py): those of notices written, and the units
# that lost some (a notice removed or replaced), whose records are made again from what is left
_REMOVED = "SELECT unit_id FROM failure_change WHERE sign < 0"
_ADDED_SQL = f"""
    SELECT x.unit_id, u.name, u.organization, u.channel, s.state, x.period_key, x.issuer_key, x.stated,
      x.problems, coalesce(nullif(u.province, ''), nullif(x.province, ''))
    FROM failure_change c JOIN unit_notice x ON x.unit_id = c.unit_id AND x.notice_id = c.notice_id
    JOIN unit u ON u.id = x.unit_id LEFT JOIN unit_failures s ON s.unit_id = x.unit_id
    WHERE c.sign > 0 AND c.unit_id NOT IN ({_REMOVED}) ORDER BY x.unit_id"""


def _changed_failures(conn, everything):
    """(unit, Failures) of each unit whose record changed (`unit`: its id, name, organization
    and channel): every failing unit's, made from unit_notice, if `everything`; else those of
    the units failure_change notes: made again if they lost rows, else their kept record with
    the rows written added."""
    for unit, failures in failing_units(conn, None if everything else _REMOVED):
        yield ((unit["unit_id"], unit["label"], unit["organization"], unit["channel"]),
               Failures.of({k: e["consecutive_periods"] for k, e in failures.items()}, unit["problems"],
                           unit["provinces"], unit["stated_undated"], unit["notices"]))
    if everything:
        return
    for (*unit, state), rows in groupby(conn.execute(_ADDED_SQL), key=lambda row: row[:5]):
        record = Failures(state)
        for *_, key, issuer, stated, problems, province in rows:
            record.notices += 1
            record.problems.update(problems.split(",") if problems else ())
            record.provinces.update([province] if province else ())
            record.fail(key, issuer, stated)
        yield tuple(unit), record


def offender_rows(conn, everything=True, min_periods=2):
    """repeat_offender rows of the units whose failure record changed (all failing units if
    `everything`), and unit_failures brought up to date once they are read. The same records
    as the graph's, computed one unit at a time without building it."""
    rows, states = [], []
    for (uid, name, organization, channel), failures in _changed_failures(conn, everything):
        states.append((uid, failures.dumps()))
        record = failures.record()
        if not _is_offender(record, min_periods):
            continue
        provinces = record["provinces"]
        rows.append({
            "unit_id": uid, "unit_name": name, "organization": organization, "channel": channel,
            "province": provinces[0] if len(provinces) == 1 else ("、".join(provinces) or None),
            "periods_failed": record["periods_failed"], "longest_streak": record["longest_streak"],
            "first_failed": record["first_failed"], "last_failed": record["last_failed"],
            "periods": ",".join(record["periods"]), "problems": ",".join(record["problems"]),
            "provinces": ",".join(provinces), "notices": record["notices"]})
    conn.execute("DELETE FROM unit_failures" + ("" if everything else f" WHERE unit_id IN ({_REMOVED})"))
    conn.executemany("INSERT OR REPLACE INTO unit_failures (unit_id, state) VALUES (?, ?)", states)
    return rows


def export(graph, path):
    """Write the graph as GraphML or GEXF (by the file's suffix) for Gephi."""
    path = str(path)
    out = nx.MultiGraph()
    for node, data in graph.nodes(data=True):
        attrs = {k: v for k, v in data.items() if k not in ("notices", "stated_undated")}
        if data["kind"] == "unit":
            record = unit_record(graph, node)
            attrs.update(periods_failed=record["periods_failed"],
                         longest_streak=record["longest_streak"],
                         notices=record["notices"])
        out.add_node(node, **attrs)
    out.add_edges_from(graph.edges(keys=True, data=True))
    if path.endswith(".graphml"):
        nx.write_graphml(out, path)
    elif path.endswith(".gexf"):
        nx.write_gexf(out, path)
    else:
        raise ValueError(f"{path}: the graph is written as .graphml or .gexf")
