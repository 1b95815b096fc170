"""Row counts and facet counts of the big tables, kept by SQLite triggers as rows are written.

A served table shows its row count and, on its first page, how many rows have each value of
its facet columns. Counting them over two million findings when the server starts took most
of half a minute; the triggers below keep them as the import writes and removes rows, at a
few microseconds a row, in two small tables (row_count, facet_count) that `tongbao serve`
reads in a moment (kb/datasette_plugin.py). A count that drops to zero stays as 0.

The same counts are kept per province as well (province_facet_count): a page narrowed to one
province (`?province=青海省`, 59,000 of two million findings) then shows its row count and
every facet of a counted column without grouping its rows, which took 30 ms a facet.
"""

# table: its columns counted per value (the facets datasette_metadata.json shows on its pages)
COUNTED = {
    "finding": ("province", "year", "quarter", "problem", "channel", "polarity"),
    "notice": ("province", "year", "quarter", "granularity", "issuer"),
    "unit": ("province", "channel", "prefecture"),
    "unit_alias": (),
    "pass_rate": ("province", "year", "quarter", "scope"),
    "repeat_offender": ("province", "channel", "periods_failed", "longest_streak"),
    "region": ("level", "province"),
}


TABLES_DDL = [
    "CREATE TABLE IF NOT EXISTS row_count (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL)",
    # value has no type, so that a count keeps its value's (a year stays a number)
    "CREATE TABLE IF NOT EXISTS facet_count (tbl TEXT NOT NULL, col TEXT NOT NULL, value, "
    "n INTEGER NOT NULL, PRIMARY KEY (tbl, col, value)) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS province_facet_count (tbl TEXT NOT NULL, province TEXT NOT NULL, "
    "col TEXT NOT NULL, value, n INTEGER NOT NULL, PRIMARY KEY (tbl, province, col, value)) WITHOUT ROWID",
]
TABLES = ("row_count", "facet_count", "province_facet_count")


def _add(table, row, step):
    """Statements adding `step` to the counts of `row` (NEW or OLD) of `table`."""
    yield (f"INSERT INTO row_count(tbl, n) VALUES ('{table}', {step}) "
           f"ON CONFLICT(tbl) DO UPDATE SET n = n + {step};")
    for column in COUNTED[table]:
        yield (f"INSERT INTO facet_count(tbl, col, value, n) "
               f"SELECT '{table}', '{column}', {row}.\"{column}\", {step} "
               f"WHERE {row}.\"{column}\" IS NOT NULL "
               f"ON CONFLICT(tbl, col, value) DO UPDATE SET n = n + {step};")
        if "province" in COUNTED[table] and column != "province":     # that count is facet_count's
            yield (f"INSERT INTO province_facet_count(tbl, province, col, value, n) "
                   f"SELECT '{table}', {row}.province, '{column}', {row}.\"{column}\", {step} "
                   f"WHERE {row}.province IS NOT NULL AND {row}.\"{column}\" IS NOT NULL "
                   f"ON CONFLICT(tbl, province, col, value) DO UPDATE SET n = n + {step};")


def trigger_ddl():
    """CREATE TRIGGER statements keeping the counts of every table in COUNTED."""
    for table, columns in COUNTED.items():
        yield (f"CREATE TRIGGER IF NOT EXISTS count_{table}_insert AFTER INSERT ON {table} "
               f"BEGIN {' '.join(_add(table, 'NEW', 1))} END")
        yield (f"CREATE TRIGGER IF NOT EXISTS count_{table}_delete AFTER DELETE ON {table} "
               f"BEGIN {' '.join(_add(table, 'OLD', -1))} END")
        if columns:
            names = ", ".join(f'"{c}"' for c in columns)
            statements = [s for s in _add(table, "OLD", -1) if "row_count" not in s]
            statements += [s for s in _add(table, "NEW", 1) if "row_count" not in s]
            yield (f"CREATE TRIGGER IF NOT EXISTS count_{table}_update AFTER UPDATE OF {names} "
                   f"ON {table} BEGIN {' '.join(statements)} END")


def triggers(conn):
    """The names of the counting triggers a database has (to drop those of an older tongbao)."""
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                       "AND name GLOB 'count_*'")]


def count_afresh(conn):
    """Count every table in COUNTED from its rows (once, when the tables are new)."""
    for table in TABLES:
        conn.execute(f"DELETE FROM {table}")
    for table, columns in COUNTED.items():
        conn.execute(f"INSERT INTO row_count(tbl, n) SELECT '{table}', count(*) FROM {table}")
        for column in columns:
            conn.execute(f'INSERT INTO facet_count(tbl, col, value, n) '
                         f'SELECT \'{table}\', \'{column}\', "{column}", count(*) FROM {table} '
                         f'WHERE "{column}" IS NOT NULL GROUP BY "{column}"')
            if "province" in columns and column != "province":
                conn.execute(f'INSERT INTO province_facet_count(tbl, province, col, value, n) '
                             f'SELECT \'{table}\', province, \'{column}\', "{column}", count(*) '
                             f'FROM {table} WHERE province IS NOT NULL AND "{column}" IS NOT NULL '
                             f'GROUP BY province, "{column}"')


def row_counts(conn):
    """{table: rows} for the tables counted."""
    return dict(conn.execute("SELECT tbl, n FROM row_count"))


def facet_counts(conn, table, column, limit):
    """[(value, rows)] of a counted column, most first then by value, as Datasette orders a
    facet; at most `limit`."""
    return [tuple(r) for r in conn.execute(
        "SELECT value, n FROM facet_count WHERE tbl = ? AND col = ? AND n > 0 "
        "ORDER BY n DESC, value LIMIT ?", (table, column, limit))]


def province_facet_sql(table, column, limit):
    """SQL of facet_counts of the rows of one province (parameter :p0), as columns value, count."""
    if column == "province":        # the province's own count, [(province, rows)]
        return (f"SELECT value, n AS count FROM facet_count WHERE tbl = '{table}' AND col = 'province' "
                f"AND value = :p0 AND n > 0")
    return (f"SELECT value, n AS count FROM province_facet_count WHERE tbl = '{table}' AND province = :p0 "
            f"AND col = '{column}' AND n > 0 ORDER BY n DESC, value LIMIT {int(limit)}")


def province_rows_sql(table):
    """SQL of the number of rows of one province (parameter :p0)."""
    return (f"SELECT coalesce((SELECT n FROM facet_count WHERE tbl = '{table}' AND col = 'province' "
            f"AND value = :p0), 0)")
