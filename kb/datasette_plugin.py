"""Datasette plugin: Chinese full-text search on the tongbao database.

The FTS tables hold jieba-segmented words (kb/fts.py), so what a user types must be segmented
the same way before it is matched. Datasette matches `?_search=` — the table search box, and
datasette-search-all, which searches through it — with the SQL function `escape_fts(text)`.
On the tongbao database this plugin replaces that function with one built on
`kb.fts.fts_query`, so the search box still shows what the user typed. Canned queries call the
same function as `fts_query(text)`.

Registered through the `datasette` entry point in pyproject.toml.
"""
from datasette import hookimpl

from kb.fts import fts_query
from kb.serve import DATABASE_NAME

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


@hookimpl
def startup(datasette):
    # jieba loads its dictionaries (about a second) on first use: do it now rather than inside
    # the first search's SQL, which runs under Datasette's time limit
    if DATABASE_NAME in datasette.databases:
        match_expression("通报")
