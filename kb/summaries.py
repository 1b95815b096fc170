"""Summary tables: the counts behind the canned queries and dashboard charts, kept by the
import, so that a page view reads a few thousand rows instead of aggregating millions of
findings (at 100,000 notices, about two million).

Each summary is the GROUP BY its query ran over finding before; the queries in
datasette_metadata.json read the summaries and return the same rows (tests/test_page_identity).

They are recounted where notices changed, not afresh: every notice written or removed leaves
its province in table stale_province and its units (with their regions) in stale_unit, in the
same transaction (kb/store.py), and `refresh` recounts the groups those name — the provinces'
counts, the units' and the regions' — then forgets them. An import of a few notices recounts a
few groups; one that touched every province recounts about everything, once.
"""
from dataclasses import dataclass


@dataclass(frozen=True)
class Summary:
    columns: tuple
    select: str     # the rows of the summary where {scope} holds
    scope: str      # what a stale notice makes recount: "province", "unit" or "region"
    key: str        # the summary's column that scope is over; None: rows are only added


# `+polarity`: SQLite, knowing nothing of how the rows spread (no ANALYZE), would otherwise
# read every negative finding through the polarity index to recount one province or unit.
# which rows of a stale scope: a province (a few dozen, one at a time: "IS" also finds the
# national notices' NULL), or the units and regions the stale tables list
STALE = {"province": "{column} IS :province",
         "unit": "{column} IN (SELECT unit_id FROM stale_unit)",
         "region": "{column} IN (SELECT region_code FROM stale_unit)"}

SUMMARIES = {
    "problem_count": Summary(
        ("province", "year", "problem", "findings", "units"), """
        SELECT province, year, problem, count(*), count(DISTINCT unit_id)
        FROM finding WHERE +polarity = 'negative' AND {scope}
        GROUP BY province, year, problem""", "province", "province"),
    "period_count": Summary(
        ("province", "period_key", "notices", "findings", "negative_findings", "pass_rates"), """
        SELECT province, period_key, count(*), sum(findings), sum(negative), sum(rates)
        FROM (SELECT n.province, n.period_key,
                (SELECT count(*) FROM finding f WHERE f.notice_id = n.id) AS findings,
                (SELECT count(*) FROM finding f WHERE f.notice_id = n.id
                 AND +f.polarity = 'negative') AS negative,
                (SELECT count(*) FROM pass_rate r WHERE r.notice_id = n.id) AS rates
              FROM notice n WHERE {scope})
        GROUP BY province, period_key""", "province", "province"),
    "failing_unit": Summary(
        ("unit_id", "province", "negative_findings"), """
        SELECT unit_id, province, count(*) FROM finding WHERE +polarity = 'negative' AND {scope}
        GROUP BY unit_id, province""", "unit", "unit_id"),
    "region_failing": Summary(
        ("region_code", "failing_units", "negative_findings", "units", "problems", "first_period",
         "last_period"), """
        SELECT r.code, count(DISTINCT u.id), count(*), group_concat(DISTINCT u.name),
          group_concat(DISTINCT coalesce(p.label, f.problem)), min(f.period_key), max(f.period_key)
        FROM region r
        JOIN unit u ON u.region_code = r.code
        JOIN finding f ON f.unit_id = u.id
        LEFT JOIN problem_type p ON p.code = f.problem
        WHERE +f.polarity = 'negative' AND r.latitude IS NOT NULL AND r.longitude IS NOT NULL
          AND {scope}
        GROUP BY r.code""", "region", "region_code"),
    "rate_trend": Summary(
        ("province", "period_key", "scope", "rates", "mean_rate", "lowest", "highest"), """
        SELECT province, period_key, scope, count(*), round(avg(rate), 2), min(rate), max(rate)
        FROM pass_rate WHERE period_key IS NOT NULL AND {scope}
        GROUP BY province, period_key, scope""", "province", "province"),
    # every name a unit goes by, once: unit_history looks for what a researcher typed among
    # these (tens of thousands) rather than among every unit and every alias of every notice.
    # Names are only added: a name no unit bears any more finds nothing, and goes at the next
    # full count.
    "unit_name": Summary(
        ("name",), """
        SELECT name FROM (SELECT id AS unit_id, name FROM unit
                          UNION ALL SELECT unit_id, alias FROM unit_alias)
        WHERE {scope}""", "unit", None),
}
SCOPE_COLUMNS = {"problem_count": "province", "period_count": "n.province",
                 "failing_unit": "unit_id", "region_failing": "r.code", "rate_trend": "province",
                 "unit_name": "unit_id"}


def _insert(table, summary, scope):
    select = summary.select.format(scope=scope)
    verb = "INSERT OR IGNORE" if summary.key is None else "INSERT"
    return f"{verb} INTO {table} ({', '.join(summary.columns)}) {select}"


def provinces(conn):
    return [r[0] for r in conn.execute("SELECT DISTINCT province FROM stale_province")]


def refresh(conn, everything=False):
    """Recount the groups the stale tables name, or every summary afresh, and forget what was
    stale (inside the caller's transaction)."""
    stale_provinces = provinces(conn)
    for table, summary in SUMMARIES.items():
        if everything:
            conn.execute(f"DELETE FROM {table}")
            conn.execute(_insert(table, summary, "1"))
            continue
        scope = STALE[summary.scope].format(column=SCOPE_COLUMNS[table])
        for params in ([{"province": p} for p in stale_provinces] if summary.scope == "province"
                       else [{}]):
            if summary.key is not None:
                conn.execute(f"DELETE FROM {table} WHERE "
                             + STALE[summary.scope].format(column=summary.key), params)
            conn.execute(_insert(table, summary, scope), params)
    forget_stale(conn)


def forget_stale(conn):
    conn.execute("DELETE FROM stale_province")
    conn.execute("DELETE FROM stale_unit")


def has_stale(conn):
    return any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
               for t in ("stale_province", "stale_unit"))
