"""Datasette plugin: Chinese full-text search and facets that stay quick on millions of rows.

The FTS tables hold jieba-segmented words (kb/fts.py), so what a user types must be segmented
the same way before it is matched. Datasette matches `?_search=` — the table search box, and
datasette-search-all, which searches through it — with the SQL function `escape_fts(text)`.
On the tongbao database this plugin replaces that function with one built on
`kb.fts.fts_query`, so the search box still shows what the user typed. Canned queries call the
same function as `fts_query(text)`. `period_order(period_key)` sorts periods by time
(ingest/period.py `order`: 2023-12 after 2023Q1, which a plain sort puts first) for the
canned queries and charts.

The tables' own facets (metadata "facets": [{"summary": column}, …]) are column facets counted
in a way that stays quick at two million findings (see `SummaryFacet`).

Registered through the `datasette` entry point in pyproject.toml.
"""
from functools import lru_cache
from pathlib import Path

from datasette import hookimpl
from datasette.database import QueryInterrupted
from datasette.facets import ColumnFacet
from datasette.utils import escape_sqlite, path_with_added_args, path_with_removed_args, to_css_class
from markupsafe import Markup, escape

from ingest.period import order as period_order
from kb import counts
from kb.fts import fts_query
from kb.serve import DATABASE_NAME, province_page

# A narrowed page counts its facets on the spot up to this many rows (one pass over them).
LIVE_FACET_ROWS = 20_000

# what period_order answers for each key, kept: a query sorts thousands of rows by a few
# hundred periods, and working out a key's span each time took most of unit_history's time
_period_order = lru_cache(maxsize=65536)(period_order)

MATCH_NOTHING = '""'   # an empty phrase: what a query with no words (only punctuation) finds


def match_expression(user_text):
    """The FTS5 MATCH expression for what a user typed."""
    return fts_query(user_text) or MATCH_NOTHING


@hookimpl(trylast=True)   # run after Datasette registers its own escape_fts, so this one wins
def prepare_connection(conn, database):
    if database != DATABASE_NAME:
        return
    conn.create_function("escape_fts", 1, match_expression, deterministic=True)
    conn.create_function("fts_query", 1, match_expression, deterministic=True)
    conn.create_function("period_order", 1, _period_order, deterministic=True)


@hookimpl
def startup(datasette):
    async def inner():
        if DATABASE_NAME not in datasette.databases:
            return
        # jieba loads its dictionaries (about a second) on first use: do it now rather than
        # inside the first search's SQL, which runs under Datasette's time limit
        match_expression("通报")
        if not datasette.get_database(DATABASE_NAME).is_mutable:
            await count_rows(datasette)
            await SummaryFacet.count_whole_tables(datasette)
    return inner


async def count_rows(datasette):
    """Every table's row count, once, as `datasette inspect` records them for an immutable
    database: Datasette then shows a whole table's count without counting two million
    findings again on each view. The big tables' counts are read from those the import keeps
    (kb/counts.py); the rest are counted. The file's hash, the other thing inspect records, is
    left out (None, as for a mutable database): Datasette would read the whole file
    (gigabytes) to show six characters of it on the home page."""
    db = datasette.get_database(DATABASE_NAME)
    names = await db.table_names()

    def count(conn):
        kept = counts.row_counts(conn)
        return {t: kept[t] if t in kept else
                conn.execute(f"select count(*) from {escape_sqlite(t)}").fetchone()[0]
                for t in names}
    counted = await db.execute_fn(count)
    datasette.inspect_data = {**(datasette.inspect_data or {}),
                              DATABASE_NAME: {"hash": None, "size": Path(db.path).stat().st_size,
                                              "file": Path(db.path).name,
                                              "tables": {t: {"count": n} for t, n in counted.items()}}}


@hookimpl
def prepare_jinja2_environment(env):
    env.filters["tongbao_rows"] = rows_html
    env.filters["tongbao_query_rows"] = query_rows_html


def rows_html(rows):
    """The <tr> of a table page's rows (kb/templates/_table.html), as Datasette's template
    writes them: a page of 100 rows has 2,000 cells, and the template's four expressions a
    cell took most of the time the page took."""
    classes = {}
    out = []
    for row in rows:
        out.append("<tr>")
        for cell in row:
            column = cell["column"]
            if column not in classes:
                classes[column] = to_css_class(column)
            out.append(f'<td class="col-{classes[column]} type-{cell["value_type"]}">'
                       f'{escape(cell["value"])}</td>')
        out.append("</tr>")
    return Markup("".join(out))


def query_rows_html(rows, columns):
    """The <tr> of a query's rows (kb/templates/query.html), as Datasette's template writes them."""
    starts = [f'<td class="col-{to_css_class(column)}">' for column in columns]
    return Markup("".join("<tr>" + "".join(f"{start}{escape(value)}</td>" for start, value in zip(starts, row))
                          + "</tr>" for row in rows))


@hookimpl
def register_facet_classes():
    return [SummaryFacet]


def _sqlite_order(value):
    """SQLite's order of values of mixed types: numbers, then text, then blobs."""
    return (0 if isinstance(value, (int, float)) else 1 if isinstance(value, str) else 2, value)


class SummaryFacet(ColumnFacet):
    """The column facets a table shows on every page, counted where it is quick to count them.

    Datasette counts each facet with a GROUP BY over the page's rows, every time: six facets
    over two million findings took a second. This facet gives the same counts
    (value, count, most first, then by value) another way:
    - for a whole table of an immutable database, from counts made once when the server
      starts (they cannot go stale);
    - for a table narrowed to one province and nothing else, from the counts the import keeps
      per province (kb/counts.py);
    - for another narrowed page (a filter, a search) of up to LIVE_FACET_ROWS rows, all of its
      columns in one pass over the rows instead of one query each;
    - for a narrowed page of more rows, not at all: they are listed as timed out, as Datasette
      lists a facet it gave up on, until the page is narrowed further.
    A column that the request also facets by with ?_facet= is left to Datasette's own facet.
    """
    type = "summary"

    @staticmethod
    def whole_tables(datasette):
        """{(database, table): {column: [(value, count)], most first}}, kept on the server."""
        return datasette.__dict__.setdefault("_tongbao_whole_table_facets", {})

    @classmethod
    async def count_whole_tables(cls, datasette):
        """Each table's facets over all its rows: those the import keeps (kb/counts.py) read,
        any other counted now."""
        db = datasette.get_database(DATABASE_NAME)
        limit = datasette.setting("max_returned_rows") + 1
        tables = datasette.metadata("tables", database=DATABASE_NAME) or {}

        def count(conn, table, column):
            if column in counts.COUNTED.get(table, ()):
                return counts.facet_counts(conn, table, column, limit)
            name = escape_sqlite(column)
            return [tuple(r) for r in conn.execute(
                f"select {name}, count(*) from {escape_sqlite(table)} where {name} is not null "
                f"group by {name} order by count(*) desc, {name} limit {limit}")]

        for table, config in tables.items():
            columns = [facet[cls.type] for facet in config.get("facets", [])
                       if isinstance(facet, dict) and cls.type in facet]
            cls.whole_tables(datasette)[(DATABASE_NAME, table)] = await db.execute_fn(
                lambda conn, table=table: {c: count(conn, table, c) for c in columns})

    async def suggest(self):
        return []

    def _whole_table(self):
        unfiltered = self.sql.rstrip().endswith(f"from {escape_sqlite(self.table)}")
        return unfiltered and not self.params and (self.database, self.table) in self.whole_tables(self.ds)

    async def _counts(self, columns):
        """{column: [(value, count)] most first} for the page's rows, or None where not counted."""
        if self._whole_table():
            counted = self.whole_tables(self.ds)[(self.database, self.table)]
            return {c: counted[c] for c in columns}
        db = self.ds.get_database(self.database)
        table = province_page(self.sql, self.params)
        if (table == self.table and {"province", *columns} <= set(counts.COUNTED.get(table, ()))
                and "province_facet_count" in await db.table_names()):
            limit = self.ds.setting("max_returned_rows") + 1
            return await db.execute_fn(lambda conn: {
                c: [tuple(r) for r in conn.execute(counts.province_facet_sql(table, c, limit), self.params)]
                for c in columns})
        if self.row_count is None or self.row_count > LIVE_FACET_ROWS:
            return {c: None for c in columns}
        names = ", ".join(escape_sqlite(c) for c in columns)
        # the time Datasette would allow the facets' queries, one per column
        limit = self.ds.setting("facet_time_limit_ms") * len(columns)
        try:
            rows = await self.ds.execute(
                self.database, f"select {names}, count(*) from ({self.sql}) group by {names}",
                self.params, truncate=False, custom_time_limit=limit)
        except QueryInterrupted:
            return {c: None for c in columns}
        tallies = {c: {} for c in columns}
        for row in rows.rows:
            for i, column in enumerate(columns):
                if row[i] is not None:
                    tallies[column][row[i]] = tallies[column].get(row[i], 0) + row[-1]
        return {c: sorted(found.items(), key=lambda vc: (-vc[1], _sqlite_order(vc[0])))
                for c, found in tallies.items()}

    async def facet_results(self):
        requested = {v for k, v in self.get_querystring_pairs() if k == "_facet"}
        columns = [c["config"].get("column") or c["config"]["simple"] for c in self.get_configs()]
        columns = [c for c in columns if c not in requested]
        if not columns:
            return [], []
        facet_size = self.get_facet_size()
        qs_pairs = self.get_querystring_pairs()
        results, timed_out = [], []
        for column, counted in (await self._counts(columns)).items():
            if counted is None:
                timed_out.append(column)
                continue
            shown = counted[:facet_size]
            expanded = await self.ds.expand_foreign_keys(
                self.database, self.table, column, [value for value, _ in shown])
            column_qs = f"{column}__exact" if column.startswith("_") else column
            values = []
            for value, count in shown:
                selected = (column_qs, str(value)) in qs_pairs
                toggle = (path_with_removed_args(self.request, {column_qs: str(value)}) if selected
                          else path_with_added_args(self.request, {column_qs: value}))
                values.append({"value": value, "label": expanded.get((column, value), value),
                               "count": count, "selected": selected,
                               "toggle_url": self.ds.absolute_url(self.request, self.ds.urls.path(toggle))})
            results.append({"name": column, "type": self.type, "hideable": False,
                            "toggle_url": self.ds.urls.path(
                                path_with_removed_args(self.request, {"_facet": column})),
                            "results": values, "truncated": len(counted) > facet_size})
        return results, timed_out
