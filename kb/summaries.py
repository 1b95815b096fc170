"""Summary tables: the counts behind the canned queries and dashboard charts, made once per
import that changed the notices, so that a page view reads a few thousand rows instead of
aggregating millions of findings (at 100,000 notices, about two million).

Each summary is the GROUP BY its query ran over finding before; the queries in
datasette_metadata.json read the summaries and return the same rows (tests/test_page_identity).
"""

SUMMARIES = {
    "problem_count": """
        SELECT province, year, problem, count(*), count(DISTINCT unit_id)
        FROM finding WHERE polarity = 'negative'
        GROUP BY province, year, problem""",
    "period_count": """
        SELECT n.province, n.period_key, count(*), coalesce(sum(f.findings), 0),
          coalesce(sum(f.negative), 0), coalesce(sum(r.rates), 0)
        FROM notice n
        LEFT JOIN (SELECT notice_id, count(*) AS findings, sum(polarity = 'negative') AS negative
                   FROM finding GROUP BY notice_id) f ON f.notice_id = n.id
        LEFT JOIN (SELECT notice_id, count(*) AS rates FROM pass_rate GROUP BY notice_id) r
          ON r.notice_id = n.id
        GROUP BY n.province, n.period_key""",
    "failing_unit": """
        SELECT unit_id, province, count(*) FROM finding WHERE polarity = 'negative'
        GROUP BY unit_id, province""",
    "region_failing": """
        SELECT r.code, count(DISTINCT u.id), count(*), group_concat(DISTINCT u.name),
          group_concat(DISTINCT coalesce(p.label, f.problem)), min(f.period_key), max(f.period_key)
        FROM finding f
        JOIN unit u ON u.id = f.unit_id
        JOIN region r ON r.code = u.region_code
        LEFT JOIN problem_type p ON p.code = f.problem
        WHERE f.polarity = 'negative' AND r.latitude IS NOT NULL AND r.longitude IS NOT NULL
        GROUP BY r.code""",
    "rate_trend": """
        SELECT province, period_key, scope, count(*), round(avg(rate), 2), min(rate), max(rate)
        FROM pass_rate WHERE period_key IS NOT NULL
        GROUP BY province, period_key, scope""",
    "unit_name": """
        SELECT name, id FROM unit UNION SELECT alias, unit_id FROM unit_alias""",
}
COLUMNS = {
    "problem_count": ("province", "year", "problem", "findings", "units"),
    "period_count": ("province", "period_key", "notices", "findings", "negative_findings",
                     "pass_rates"),
    "failing_unit": ("unit_id", "province", "negative_findings"),
    "region_failing": ("region_code", "failing_units", "negative_findings", "units", "problems",
                       "first_period", "last_period"),
    "rate_trend": ("province", "period_key", "scope", "rates", "mean_rate", "lowest", "highest"),
    "unit_name": ("name", "unit_id"),
}


def rebuild(conn):
    """Count every summary afresh from the findings, notices and units (inside the caller's
    transaction)."""
    for table, select in SUMMARIES.items():
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) {select}")
