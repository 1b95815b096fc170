"""Summary tables: the counts behind the canned queries and dashboard charts, kept by the
import, so that a page view reads a few thousand rows instead of aggregating millions of
findings (at 100,000 notices, about two million).

Each summary is the GROUP BY its query ran over finding before (SUMMARIES, which also count
them afresh); the queries in datasette_metadata.json read the summaries and return the same
rows (tests/test_page_identity).

An import changes them by what it wrote and removed, not by recounting the groups it touched
(2,000 new notices touch every province, and recounting a province reads all its findings):
triggers note every notice, finding and pass rate written or removed in table summary_change,
in the notice's own transaction, and `refresh` adds those rows, counted with their sign, to the
summaries. Counts of distinct units, unit names, problems and periods cannot be added to, so
the import keeps how many negative findings each unit has in each group (problem_unit,
region_unit, region_problem, region_period): a unit counts once when its count leaves zero.
Two summaries are still recounted, each only where it changed: a region's row of
region_failing from those small tables, and a (province, period, scope) group of rate_trend
from its pass rates (a mean, a lowest and a highest). unit_name takes each name of a unit and
each alias as it is written, from triggers too. Triggers see rows written and removed; the
upgrades that rewrite rows in place (kb/store.py) have everything derived afresh.
"""
SUMMARIES = {
    # `+polarity`: SQLite, knowing nothing of how the rows spread (no ANALYZE), would otherwise
    # read every negative finding through the polarity index
    "problem_count": ("(province, year, problem, findings, units)", """
        SELECT province, year, problem, count(*), count(DISTINCT unit_id)
        FROM finding WHERE +polarity = 'negative' GROUP BY province, year, problem"""),
    "period_count": ("(province, period_key, notices, findings, negative_findings, pass_rates)", """
        SELECT province, period_key, count(*), sum(findings), sum(negative), sum(rates)
        FROM (SELECT n.province, n.period_key,
                (SELECT count(*) FROM finding f WHERE f.notice_id = n.id) AS findings,
                (SELECT count(*) FROM finding f WHERE f.notice_id = n.id
                 AND +f.polarity = 'negative') AS negative,
                (SELECT count(*) FROM pass_rate r WHERE r.notice_id = n.id) AS rates
              FROM notice n)
        GROUP BY province, period_key"""),
    "failing_unit": ("(unit_id, province, negative_findings)", """
        SELECT unit_id, province, count(*) FROM finding WHERE +polarity = 'negative'
        GROUP BY unit_id, province"""),
    "region_failing": ("(region_code, failing_units, negative_findings, units, problems, first_period, "
                       "last_period)", """
        SELECT r.code, count(DISTINCT u.id), count(*), group_concat(DISTINCT u.name),
          group_concat(DISTINCT coalesce(p.label, f.problem)), min(f.period_key), max(f.period_key)
        FROM region r
        JOIN unit u ON u.region_code = r.code
        JOIN finding f ON f.unit_id = u.id
        LEFT JOIN problem_type p ON p.code = f.problem
        WHERE +f.polarity = 'negative' AND r.latitude IS NOT NULL AND r.longitude IS NOT NULL
        GROUP BY r.code"""),
    "rate_trend": ("(province, period_key, scope, rates, mean_rate, lowest, highest)", """
        SELECT province, period_key, scope, count(*), round(avg(rate), 2), min(rate), max(rate)
        FROM pass_rate WHERE period_key IS NOT NULL
        GROUP BY province, period_key, scope"""),
    # every name a unit goes by, once: unit_history looks for what a researcher typed among
    # these (tens of thousands) rather than among every unit and every alias of every notice.
    # Names are only added: a name no unit bears any more finds nothing, and goes at the next
    # full count.
    "unit_name": ("(name)", """
        SELECT name FROM unit UNION SELECT alias FROM unit_alias"""),
    # and the units each name leads to, counted as for the per-unit tables below, so that a
    # unit leaves a name with the last alias giving it
    "unit_named": ("(name, unit_id, n)", """
        SELECT name, unit_id, count(*) FROM (SELECT name, id AS unit_id FROM unit
                                             UNION ALL SELECT alias, unit_id FROM unit_alias)
        GROUP BY name, unit_id"""),
}

# per-unit counts of negative findings: table -> (its group's columns, as summary_change names them)
MEMBERS = {
    "problem_unit": ("province", "year", "problem", "unit_id"),
    "region_unit": ("region_code", "unit_id"),
    "region_problem": ("region_code", "problem"),
    "region_period": ("region_code", "period_key"),
}
MEMBERS_AFRESH = """
    SELECT {columns}, count(*) FROM finding f JOIN unit u ON u.id = f.unit_id
    WHERE +f.polarity = 'negative'{where} GROUP BY {columns}"""
TABLES = ("summary_change", *MEMBERS)


def _change(kind, row, sign):
    """The statement of a trigger noting `row` (NEW or OLD) of a table in summary_change."""
    values = {"kind": f"'{kind}'", "sign": str(sign), "province": f"{row}.province",
              "period_key": f"{row}.period_key"}
    for column in ("province", "period_key"):     # a notice is removed after its findings and rates
        values[f"notice_{column}"] = (f"{row}.{column}" if kind == "notice" else
                                      f"(SELECT {column} FROM notice WHERE id = {row}.notice_id)")
    if kind == "finding":
        values.update(year=f"{row}.year", problem=f"{row}.problem", negative=f"{row}.polarity = 'negative'",
                      unit_id=f"{row}.unit_id",
                      region_code=f"(SELECT region_code FROM unit WHERE id = {row}.unit_id)")
    if kind == "rate":
        values["scope"] = f"{row}.scope"
    return f"INSERT INTO summary_change ({', '.join(values)}) VALUES ({', '.join(values.values())});"


def trigger_ddl():
    for table, kind in (("notice", "notice"), ("finding", "finding"), ("pass_rate", "rate")):
        yield (f"CREATE TRIGGER IF NOT EXISTS summarize_{table}_insert AFTER INSERT ON {table} "
               f"BEGIN {_change(kind, 'NEW', 1)} END")
        yield (f"CREATE TRIGGER IF NOT EXISTS summarize_{table}_delete AFTER DELETE ON {table} "
               f"BEGIN {_change(kind, 'OLD', -1)} END")
    # a name is looked up as it is written (the names of a unit named again are in already)
    for table, name, unit in (("unit", "name", "id"), ("unit_alias", "alias", "unit_id")):
        yield (f"CREATE TRIGGER IF NOT EXISTS name_{table}_insert AFTER INSERT ON {table} "
               f"BEGIN INSERT OR IGNORE INTO unit_name (name) VALUES (NEW.{name}); "
               f"INSERT INTO unit_named (name, unit_id, n) VALUES (NEW.{name}, NEW.{unit}, 1) "
               f"ON CONFLICT (name, unit_id) DO UPDATE SET n = n + 1; END")
        yield (f"CREATE TRIGGER IF NOT EXISTS name_{table}_delete AFTER DELETE ON {table} "
               f"BEGIN UPDATE unit_named SET n = n - 1 WHERE name = OLD.{name} AND unit_id = OLD.{unit}; "
               f"DELETE FROM unit_named WHERE name = OLD.{name} AND unit_id = OLD.{unit} AND n = 0; END")


def _same(columns, a, b):
    return " AND ".join(f"{a}.{c} IS {b}.{c}" for c in columns)


def _add(conn, table, keys, values, delta):
    """Add the rows `delta` selects (keys, then values) to `table`'s rows with the same keys
    (NULL keys included); a row whose first value comes to 0 goes."""
    conn.execute("DROP TABLE IF EXISTS temp.delta")
    conn.execute(f"CREATE TEMP TABLE delta AS {delta}")
    conn.execute(f"UPDATE {table} SET {', '.join(f'{v} = {table}.{v} + delta.{v}' for v in values)} "
                 f"FROM temp.delta WHERE {_same(keys, table, 'delta')}")
    columns = ", ".join(keys + values)
    conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM temp.delta "
                 f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {_same(keys, 't', 'delta')})")
    conn.execute(f"DELETE FROM {table} WHERE {values[0]} = 0 AND rowid IN "
                 f"(SELECT t.rowid FROM temp.delta JOIN {table} t ON {_same(keys, 't', 'delta')})")
    conn.execute("DROP TABLE temp.delta")


def _placed(keys):
    """The condition on a negative finding to count in a per-unit table: a region's need one."""
    return " AND region_code IS NOT NULL" if "region_code" in keys else ""


def _add_members(conn, table, keys):
    """Add the negative findings noted to `table`'s per-unit counts; leaves temp.{table}_change:
    each count changed, by n, from old."""
    conn.execute(f"DROP TABLE IF EXISTS temp.{table}_change")
    conn.execute(f"""CREATE TEMP TABLE {table}_change AS
        SELECT d.*, coalesce((SELECT h.n FROM {table} h WHERE {_same(keys, 'h', 'd')}), 0) AS old
        FROM (SELECT {', '.join(keys)}, sum(sign) AS n FROM summary_change
              WHERE kind = 'finding' AND negative{_placed(keys)}
              GROUP BY {', '.join(keys)} HAVING sum(sign) != 0) d""")
    _add(conn, table, list(keys), ["n"], f"SELECT {', '.join(keys)}, n FROM temp.{table}_change")


def _recount_regions(conn):
    """region_failing's rows of the regions whose units' counts changed, from those counts."""
    touched = "SELECT DISTINCT region_code FROM temp.region_unit_change"
    conn.execute(f"DELETE FROM region_failing WHERE region_code IN ({touched})")
    conn.execute(f"""INSERT INTO region_failing {SUMMARIES['region_failing'][0]}
        SELECT r.code, count(*), sum(m.n), group_concat(DISTINCT u.name),
          (SELECT group_concat(DISTINCT coalesce(p.label, c.problem)) FROM region_problem c
           LEFT JOIN problem_type p ON p.code = c.problem WHERE c.region_code = r.code),
          (SELECT min(period_key) FROM region_period WHERE region_code = r.code),
          (SELECT max(period_key) FROM region_period WHERE region_code = r.code)
        FROM region r JOIN region_unit m ON m.region_code = r.code JOIN unit u ON u.id = m.unit_id
        WHERE r.code IN ({touched}) AND r.latitude IS NOT NULL AND r.longitude IS NOT NULL
        GROUP BY r.code""")


def _recount_rates(conn):
    """rate_trend's groups that pass rates were written to or removed from, from their rates."""
    keys = ("province", "period_key", "scope")
    conn.execute("DROP TABLE IF EXISTS temp.rate_group")
    conn.execute("CREATE TEMP TABLE rate_group AS SELECT DISTINCT province, period_key, scope "
                 "FROM summary_change WHERE kind = 'rate' AND period_key IS NOT NULL")
    conn.execute(f"DELETE FROM rate_trend WHERE rowid IN (SELECT t.rowid FROM temp.rate_group g "
                 f"JOIN rate_trend t ON {_same(keys, 't', 'g')})")
    # CROSS JOIN: the groups first, each read through the index (else SQLite may read every rate)
    conn.execute(f"""INSERT INTO rate_trend {SUMMARIES['rate_trend'][0]}
        SELECT r.province, r.period_key, r.scope, count(*), round(avg(r.rate), 2), min(r.rate), max(r.rate)
        FROM temp.rate_group g CROSS JOIN pass_rate r ON {_same(keys, "r", "g")}
        GROUP BY r.province, r.period_key, r.scope""")
    conn.execute("DROP TABLE temp.rate_group")


def _take_in(conn):
    """Change the summaries by the rows noted in summary_change."""
    for table, keys in MEMBERS.items():
        _add_members(conn, table, keys)
    _add(conn, "problem_count", ["province", "year", "problem"], ["findings", "units"], """
        SELECT province, year, problem, sum(n) AS findings, sum((old + n > 0) - (old > 0)) AS units
        FROM temp.problem_unit_change GROUP BY province, year, problem""")
    _add(conn, "period_count", ["province", "period_key"],
         ["notices", "findings", "negative_findings", "pass_rates"], """
        SELECT notice_province AS province, notice_period_key AS period_key,
          sum(sign * (kind = 'notice')) AS notices, sum(sign * (kind = 'finding')) AS findings,
          sum(sign * (kind = 'finding' AND negative)) AS negative_findings,
          sum(sign * (kind = 'rate')) AS pass_rates
        FROM summary_change GROUP BY notice_province, notice_period_key""")
    _add(conn, "failing_unit", ["unit_id", "province"], ["negative_findings"], """
        SELECT unit_id, province, sum(sign) AS negative_findings FROM summary_change
        WHERE kind = 'finding' AND negative GROUP BY unit_id, province HAVING sum(sign) != 0""")
    _recount_regions(conn)
    _recount_rates(conn)
    for table in MEMBERS:
        conn.execute(f"DROP TABLE temp.{table}_change")


def _count_afresh(conn):
    for table, keys in MEMBERS.items():
        columns = ", ".join("f.unit_id" if k == "unit_id" else f"u.{k}" if k == "region_code" else f"f.{k}"
                            for k in keys)
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} ({', '.join(keys)}, n) "
                     + MEMBERS_AFRESH.format(columns=columns, where=_placed(keys).replace("region", "u.region")))
    for table, (columns, select) in SUMMARIES.items():
        conn.execute(f"DELETE FROM {table}")
        conn.execute(f"INSERT INTO {table} {columns} {select}")


def refresh(conn, everything=False):
    """Change the summaries by what was written and removed since, or count them afresh, and
    forget what was noted (inside the caller's transaction)."""
    (_count_afresh if everything else _take_in)(conn)
    forget_stale(conn)


def forget_stale(conn):
    conn.execute("DELETE FROM summary_change")
    conn.execute("DELETE FROM failure_change")


def has_stale(conn):
    return any(conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()
               for t in ("summary_change", "failure_change"))
