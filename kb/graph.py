"""The recurring-offender graph.

Nodes are units, periods, provinces and problem types; every failing (negative) finding adds
a unit—period edge, and units link to the problems they had and the provinces they are in.
From a unit's period edges come its failure record: periods failed, the longest run of
consecutive quarters, first and last failure. A notice's own statement (连续四个季度检查不合格,
kept as `consecutive_periods`) counts as failures in the quarters it covers, so a unit is a
repeat offender even when the earlier notices are not in the database.
"""
import re

import networkx as nx

_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")


def build_graph(conn):
    graph = nx.MultiGraph()
    rows = conn.execute(
        "SELECT f.id, f.unit_id, u.name, u.organization, u.channel, u.province, u.region_code, "
        "u.latitude, u.longitude, f.period_key, f.problem, f.consecutive_periods, f.province, "
        "f.notice_id FROM finding f JOIN unit u ON u.id = f.unit_id "
        "WHERE f.polarity = 'negative' ORDER BY f.id")
    for (fid, uid, name, organization, channel, unit_province, region_code, lat, lon,
         period, problem, stated, notice_province, notice_id) in rows:
        unit = f"unit:{uid}"
        if unit not in graph:
            graph.add_node(unit, kind="unit", unit_id=uid, label=name, organization=organization,
                           channel=channel, region_code=region_code or "")
            if lat is not None and lon is not None:
                graph.nodes[unit].update(latitude=lat, longitude=lon)
        if period:
            graph.add_node(f"period:{period}", kind="period", label=period)
            graph.add_edge(unit, f"period:{period}", key=f"finding:{fid}", kind="failed_in",
                           finding_id=fid, notice_id=notice_id, problem=problem or "",
                           consecutive_periods=stated or 0)
        elif stated:
            graph.nodes[unit].setdefault("stated_undated", []).append(stated)
        if problem and not graph.has_edge(unit, f"problem:{problem}"):
            graph.add_node(f"problem:{problem}", kind="problem", label=problem)
            graph.add_edge(unit, f"problem:{problem}", key="had", kind="had")
        province = unit_province or notice_province
        if province and not graph.has_edge(unit, f"province:{province}"):
            graph.add_node(f"province:{province}", kind="province", label=province)
            graph.add_edge(unit, f"province:{province}", key="in", kind="in")
        graph.nodes[unit].setdefault("notices", set()).add(notice_id)
    return graph


def _quarter_index(key):
    m = _QUARTER.match(key or "")
    return int(m.group(1)) * 4 + int(m.group(2)) - 1 if m else None


def _index_key(index):
    return f"{index // 4}Q{index % 4 + 1}"


def longest_run(indexes):
    """Length of the longest run of consecutive integers."""
    best, run, last = 0, 0, None
    for i in sorted(set(indexes)):
        run = run + 1 if last is not None and i == last + 1 else 1
        best, last = max(best, run), i
    return best


def unit_record(graph, unit):
    """A unit's failure record from its edges."""
    periods, quarters, problems, provinces = set(), set(), set(), set()
    stated_max = max(graph.nodes[unit].get("stated_undated", [0]))
    for _, other, data in graph.edges(unit, data=True):
        kind = graph.nodes[other]["kind"]
        if kind == "period":
            key = graph.nodes[other]["label"]
            periods.add(key)
            index = _quarter_index(key)
            stated = data.get("consecutive_periods") or 0
            if index is not None:
                # the quarters the notice says the unit failed in a row, ending now
                quarters.update(range(index - max(stated, 1) + 1, index + 1))
            stated_max = max(stated_max, stated)
        elif kind == "problem":
            problems.add(graph.nodes[other]["label"])
        elif kind == "province":
            provinces.add(graph.nodes[other]["label"])
    ordered = sorted(periods, key=_period_order)
    return {"periods": ordered, "periods_failed": len(periods),
            "longest_streak": max(longest_run(quarters), stated_max, 1 if periods else 0),
            "first_failed": ordered[0] if ordered else None,
            "last_failed": ordered[-1] if ordered else None,
            "problems": sorted(problems), "provinces": sorted(provinces),
            "notices": len(graph.nodes[unit].get("notices", ()))}


def _period_order(key):
    """2020 < 2020H1 < 2020Q1 … by year first, then the part of it."""
    return (key[:4], key[4:])


def offenders(graph, min_periods=2):
    """Units that failed in at least `min_periods` periods, counting stated streaks."""
    result = []
    for node, data in graph.nodes(data=True):
        if data["kind"] != "unit":
            continue
        record = unit_record(graph, node)
        if max(record["periods_failed"], record["longest_streak"]) >= min_periods:
            result.append((node, record))
    return result


def offender_rows(conn):
    """repeat_offender rows for the database as it stands."""
    graph = build_graph(conn)
    rows = []
    for node, record in offenders(graph):
        data = graph.nodes[node]
        rows.append({
            "unit_id": data["unit_id"], "unit_name": data["label"],
            "organization": data["organization"], "channel": data["channel"],
            "province": record["provinces"][0] if len(record["provinces"]) == 1 else
            ("、".join(record["provinces"]) or None),
            "periods_failed": record["periods_failed"], "longest_streak": record["longest_streak"],
            "first_failed": record["first_failed"], "last_failed": record["last_failed"],
            "periods": ",".join(record["periods"]), "problems": ",".join(record["problems"]),
            "provinces": ",".join(record["provinces"]), "notices": record["notices"]})
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
