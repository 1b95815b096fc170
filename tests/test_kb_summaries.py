"""What the import keeps beside the notices — repeat offenders, summary tables, row and facet
counts — recounted where notices changed, must be what counting everything afresh gives.

The notices are those of tests/test_page_identity.py (5 real, 150 generated, with fixed
records), written in three imports: two thirds, then the rest, then a third of them again as
changed files (the delete path), each followed by the derivation an import runs.
"""
import gzip
import json

import pytest

from ingest import Notice
from kb import counts, store, summaries
from kb.graph import offender_rows
from kb.importer import prepare
from kb.units import unit_resolver
from tests.test_page_identity import NOTICES

KEPT = list(summaries.SUMMARIES) + ["repeat_offender", *counts.TABLES]
UNORDERED_LISTS = {"region_failing": {"units", "problems"}}


def notices():
    with gzip.open(NOTICES, "rt", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def write(conn, resolver, item, edited=False):
    text = item["text"] + ("\n（本通报有更正）" if edited else "")
    notice = Notice(path=f"/kept/{item['name']}", sha256=item["sha256"] + ("-2" if edited else ""),
                    raw_text=text, text=text, offsets=list(range(len(text))), header=item["header"])
    assert store.write_notice(conn, prepare(notice, item["record"], resolver)) in ("added", "replaced")


def contents(conn):
    out = {}
    for table in KEPT:
        columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})") if r[1] != "id"]
        rows = conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
        # group_concat's lists come in no defined order
        lists = UNORDERED_LISTS.get(table, set())
        rows = [tuple(sorted(v.split(",")) if c in lists else v for c, v in zip(columns, r)) for r in rows]
        if table in ("facet_count", "province_facet_count"):
            rows = [r for r in rows if r[-1] != 0]        # a count that dropped to zero stays
        out[table] = sorted(map(repr, rows))
    return out


@pytest.fixture(scope="module")
def kept(tmp_path_factory):
    """(kept incrementally, counted afresh, stale rows left after each derivation)."""
    db = tmp_path_factory.mktemp("kept") / "tongbao.db"
    items, resolver = notices(), unit_resolver()
    conn = store.connect(db)
    store.create_schema(conn)
    stale_after = []
    for batch, edited in ((items[:100], False), (items[100:], False), (items[::3], True)):
        for item in batch:
            write(conn, resolver, item, edited)
        assert summaries.has_stale(conn)
        store.replace_offenders(conn, offender_rows)
        stale_after.append(summaries.has_stale(conn))
    incremental = contents(conn)
    with store.transaction(conn):
        counts.count_afresh(conn)
    conn.execute("PRAGMA user_version = 0")
    store.replace_offenders(conn, offender_rows)
    afresh = contents(conn)
    conn.close()
    return incremental, afresh, stale_after


@pytest.mark.parametrize("table", KEPT)
def test_kept_where_notices_changed_as_if_counted_afresh(kept, table):
    incremental, afresh, _ = kept
    assert afresh[table], table
    assert incremental[table] == afresh[table]


def test_the_word_left_by_changed_notices_is_cleared_once_counted(kept):
    assert kept[2] == [False, False, False]


def test_an_import_that_changed_nothing_derives_nothing(tmp_path):
    db = tmp_path / "tongbao.db"
    conn = store.connect(db)
    store.create_schema(conn)
    write(conn, unit_resolver(), notices()[0])
    assert store.replace_offenders(conn, offender_rows) in (True, False)
    derived = []
    assert store.replace_offenders(conn, lambda c, units: derived.append(units) or []) is False
    assert derived == []
    conn.close()
