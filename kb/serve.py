"""Publish a knowledge base with Datasette: the one configuration used by `tongbao serve` and the tests.

The database is always served under the name `tongbao`, whatever its file is called, so
the canned queries, table settings and dashboards in datasette_metadata.json apply to it.
It is opened read-only (immutable, as `datasette -i` does) and Datasette's SQL time limit
stays in force.
"""
import copy
import json
import re
import socket
import sqlite3
from html import escape
from pathlib import Path

import click

DATABASE_NAME = "tongbao"
METADATA_PATH = Path(__file__).resolve().parent.parent / "datasette_metadata.json"
STATIC_DIR = Path(__file__).resolve().parent / "static"     # served at /static-tongbao/
TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"   # before Datasette's own
HOST = "127.0.0.1"

SETTINGS = {
    "sql_time_limit_ms": 1000,       # Datasette's default, stated so nobody loosens it by accident
    "truncate_cells_html": 300,      # notice texts run to pages; tables show the start, the row page all
    "default_facet_size": 40,        # every province fits in one facet list
    # Suggesting facets probes every column of a table on each page view: on 10,000 notices
    # (180,000 findings) that is ~780 ms of the finding page's 880 ms median. The useful
    # facets are configured in datasette_metadata.json instead (bench/bench_import.py).
    "suggest_facets": False,
}


def load_metadata(path: Path = METADATA_PATH) -> dict:
    try:
        metadata = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise click.ClickException(f"{path}: cannot read the Datasette metadata: {err}")
    metadata["description_html"] = metadata.get("description_html", "") + contents_html(metadata)
    return metadata


def contents_html(metadata: dict) -> str:
    """The tables and canned queries with their descriptions, for the home page (Datasette's
    own lists show bare names), built from the metadata so the two never disagree."""
    database = metadata["databases"][DATABASE_NAME]

    def listing(heading, entries):
        items = "".join(
            f'<li><a href="/{DATABASE_NAME}/{name}">{escape(entry.get("title", name))}</a>: '
            f'{escape(entry["description"])}</li>'
            for name, entry in entries.items() if not entry.get("hidden"))
        return f"<h3>{heading}</h3><ul>{items}</ul>"

    return listing("Tables", database["tables"]) + listing("Queries", database["queries"])


def check_database(db_path) -> Path:
    """The path of a readable tongbao database, or a ClickException saying what is wrong."""
    db_path = Path(db_path)
    if not db_path.is_file():
        raise click.ClickException(
            f"{db_path}: no such database; run `tongbao import corpus --db {db_path}` first")
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as conn:
            tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
    except sqlite3.DatabaseError as err:
        raise click.ClickException(f"{db_path}: not a readable SQLite database ({err})")
    if "finding" not in tables:
        raise click.ClickException(f"{db_path}: not a tongbao database (it has no finding table)")
    wal = db_path.with_name(db_path.name + "-wal")
    if wal.exists() and wal.stat().st_size:
        # an immutable database is read without its write-ahead log: recent writes would vanish
        raise click.ClickException(
            f"{wal}: an import is still writing to {db_path}, or was interrupted; "
            f"wait for it or run `tongbao import` again, then serve")
    return db_path


def check_port(port: int) -> None:
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)   # as uvicorn binds
        try:
            probe.bind((HOST, port))
        except OSError as err:
            raise click.ClickException(f"cannot serve on {HOST}:{port} ({err.strerror}); "
                                       f"choose another port with --port")


# Datasette is imported inside the functions: kb/datasette_plugin.py imports this module
# while Datasette itself is still loading its plugins.

def make_datasette(db_path):
    """A Datasette instance serving db_path read-only as `tongbao` with the project's metadata."""
    from datasette.app import Datasette

    db_path = check_database(db_path)
    ds = _datasette_class()(metadata=load_metadata(), settings=SETTINGS, template_dir=str(TEMPLATE_DIR),
                            static_mounts=[("static-tongbao", str(STATIC_DIR))])
    ds.remove_database("_memory")     # Datasette adds it when started without files
    ds.add_database(_database_class()(ds, path=str(db_path), is_mutable=False), name=DATABASE_NAME)
    return ds


def _datasette_class():
    from datasette.app import Datasette
    from datasette.plugins import pm

    class TongbaoDatasette(Datasette):
        """Datasette whose lookups in the metadata are made once. Plugins ask for their settings
        for every cell they might render (datasette-render-markdown does), and the default
        permission check asks for a table's `allow` rules once per table listed on a page;
        Datasette merges (and deep-copies) the whole metadata on each call, which took most of
        the time of a page of 1,000 rows and of the home page. The metadata is fixed once
        served, unless a plugin supplies it per request (get_metadata); then nothing is kept."""

        def _looked_up(self, lookup, *key):
            if pm.hook.get_metadata.get_hookimpls():
                return lookup(*key)
            cache = self.__dict__.setdefault("_metadata_lookups", {})
            if (lookup.__name__, key) not in cache:
                cache[lookup.__name__, key] = lookup(*key)
            # a copy: plugins may change what they are given (datasette-dashboards fills in
            # the filters of each request)
            found = cache[lookup.__name__, key]
            return copy.deepcopy(found) if found else found

        def plugin_config(self, plugin_name, database=None, table=None, fallback=True):
            return self._looked_up(super().plugin_config, plugin_name, database, table, fallback)

        def _table_permission_allows(self, database, table):
            return self._looked_up(super()._table_permission_allows, database, table)

    return TongbaoDatasette


# Datasette's SQL for a table searched with ?_search= and no other filter: its rows (or its count)
WHOLE_TABLE_SEARCH = re.compile(
    r"select (.+?) from (\w+) where (\w+) in \(select rowid from (\w+) where \4 match "
    r"escape_fts\(:search\)\)(?:\s+(order by .+))?", re.S)
# hits² > this × rows: walking an index of the sort column is quicker than sorting the hits
SEARCH_WALKS_INDEX = 100
# Datasette's SQL for a table narrowed to one province (?province=…) and nothing else: its rows,
# their count, and a facet of one column (datasette/facets.py ColumnFacet). The count and the
# facets of the columns the import counts per province (kb/counts.py) are read from those counts.
PROVINCE_ROWS = re.compile(r'select [\w\[\]"*]+(?:, [\w\[\]"*]+)* from (\w+) where "province" = :p0')
PROVINCE_COUNT = re.compile(r'select count\(\*\) from (\w+) where "province" = :p0')
PROVINCE_FACET = re.compile(
    r"select (\w+) as value, count\(\*\) as count from \(\s*(.+?)\s*\)\s*where \1 is not null\s*"
    r"group by \1 order by count desc, value limit (\d+)", re.S)


def province_page(sql, params):
    """The table whose rows of one province `sql` selects, if that is all it selects; else None."""
    narrowed = PROVINCE_ROWS.fullmatch(sql.strip())
    if narrowed and isinstance(params, dict) and set(params) == {"p0"}:
        return narrowed.group(1)
    return None

# What Datasette asks a database about its schema, several times per table on every page
# (the database page asks 76 questions, each a round trip to a reader thread).
SCHEMA_LOOKUPS = ("attached_databases", "table_exists", "table_names", "table_columns",
                  "table_column_details", "primary_keys", "label_column_for_table",
                  "foreign_keys_for_table", "hidden_table_names", "view_names",
                  "get_all_foreign_keys", "get_table_definition", "get_view_definition")


def _database_class():
    from datasette.database import Database

    def remembered(name):
        async def lookup(self, *args):
            if self.is_mutable:
                return await getattr(Database, name)(self, *args)
            answers = self.__dict__.setdefault("_schema_answers", {})
            if (name, args) not in answers:
                answers[name, args] = await getattr(Database, name)(self, *args)
            return copy.deepcopy(answers[name, args])    # callers may change what they get
        lookup.__name__ = name
        return lookup

    class TongbaoDatabase(Database):
        """A database served immutable answers questions about its schema once: the schema
        cannot change while it is served.

        Datasette detects only FTS tables that name their content table; the jieba-segmented
        ones (kb/fts.py) stand alone and are named in the metadata instead. Answering from the
        metadata lets plugins that ask the database (datasette-search-all) find them too."""

        async def fts_table(self, table):
            configured = self.ds.table_metadata(self.name, table).get("fts_table")
            return configured or await super().fts_table(table)

        async def execute(self, sql, params=None, *args, **kwargs):
            search = WHOLE_TABLE_SEARCH.fullmatch(sql.strip())
            if search and not self.is_mutable and isinstance(params, dict) and "search" in params:
                sql = await self._searched(search, params["search"]) or sql
            elif isinstance(params, dict) and set(params) == {"p0"}:
                sql = await self._in_province(sql, params) or sql
            return await super().execute(sql, params, *args, **kwargs)

        async def _in_province(self, sql, params):
            """The count, or a facet, of one province's rows as the import keeps them."""
            from kb import counts
            if "province_facet_count" not in await self.table_names():     # an older tongbao's
                return None
            counted = PROVINCE_COUNT.fullmatch(sql.strip())
            if counted and "province" in counts.COUNTED.get(counted.group(1), ()):
                return counts.province_rows_sql(counted.group(1))
            facet = PROVINCE_FACET.fullmatch(sql.strip())
            if facet:
                column, rows, limit = facet.groups()
                table = province_page(rows, params)
                if {"province", column} <= set(counts.COUNTED.get(table, ())):
                    return counts.province_facet_sql(table, column, int(limit))
            return None

        async def _searched(self, search, text):
            """A whole table's search (?_search= and nothing else) as SQLite answers it best.
            Its count is the search index's count of hits: every indexed row is a row of the
            table. Its page, sorted by a column, SQLite makes by fetching every hit and sorting
            them (30,000 findings for 更新不及时); when hits are many, walking the sort
            column's index and keeping the hits finds the first 101 sooner. Answers are the
            same either way."""
            columns, table, key, fts, order = search.groups()
            answers = self.__dict__.setdefault("_search_hits", {})
            if (fts, text) not in answers:
                answers[fts, text] = (await super().execute(
                    f"select count(*) from {fts} where {fts} match escape_fts(:search)",
                    {"search": text})).rows[0][0]
            hits = answers[fts, text]
            if columns == "count(*)":
                return f"select {int(hits)}"
            rows = (self.cached_table_counts or {}).get(table)
            if order and rows and hits * hits > SEARCH_WALKS_INDEX * rows:
                return search.string.strip().replace(f" where {key} in (", f" where +{key} in (", 1)
            return None

    for name in SCHEMA_LOOKUPS:
        setattr(TongbaoDatabase, name, remembered(name))
    return TongbaoDatabase


def serve(db_path, port: int) -> None:
    """Serve db_path on 127.0.0.1:port until interrupted."""
    import asyncio

    import uvicorn

    ds = make_datasette(db_path)
    check_port(port)
    asyncio.run(ds.invoke_startup())   # plugins' startup hooks, as `datasette serve` runs them
    click.echo(f"tongbao: serving {db_path} at http://{HOST}:{port}/  (Ctrl-C stops)")
    uvicorn.run(ds.app(), host=HOST, port=port, log_level="warning", lifespan="on", workers=1)
