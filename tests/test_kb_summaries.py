"""What the import keeps beside the notices — repeat offenders, summary tables, row and facet
counts — recounted where notices changed, must be what counting everything afresh gives.

The notices are those of tests/test_page_identity.py (5 real, 150 generated, with fixed
records), written in three imports: two thirds, then the rest, then a third of them again as
changed files (the delete path), each followed by the derivation an import runs.
"""
import gzip
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from ingest import Notice
from kb import counts, store, summaries
from kb.graph import offender_rows
from kb.importer import import_paths, prepare
from kb.units import unit_resolver
from tests.test_page_identity import NOTICES

KEPT = list(summaries.SUMMARIES) + list(summaries.MEMBERS) + ["repeat_offender", "unit_notice", "unit_failures",
                                                                 *counts.TABLES]
CORPUS = Path(__file__).parent.parent / "corpus"
UNORDERED_LISTS = {"region_failing": {"units", "problems"}, "unit_notice": {"problems"}}


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
    afresh = counted_afresh(conn)
    conn.close()
    return incremental, afresh, stale_after


def counted_afresh(conn):
    """contents() once every count and summary of the database is counted afresh."""
    with store.transaction(conn):
        counts.count_afresh(conn)
    conn.execute("PRAGMA user_version = 0")
    store.replace_offenders(conn, offender_rows)
    return contents(conn)


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


def afresh(db, tmp_path):
    """contents() of a copy of the database with everything counted afresh."""
    copy = tmp_path / "afresh.db"
    copy.unlink(missing_ok=True)
    with sqlite3.connect(db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    conn = store.connect(copy)
    out = counted_afresh(conn)
    conn.close()
    return out


def assert_kept_as_counted_afresh(db, tmp_path, stage):
    conn = store.connect(db, readonly=True)
    kept = contents(conn)
    conn.close()
    counted = afresh(db, tmp_path)
    for table in KEPT:
        assert counted[table], (stage, table)
        if table == "unit_name":    # names are only added (kb/summaries.py)
            assert set(counted[table]) <= set(kept[table]), stage
        else:
            assert kept[table] == counted[table], (stage, table)


def test_real_notices_kept_as_counted_afresh_after_import_replace_and_removal(tmp_path):
    """Real corpus notices imported in two runs, one file changed and imported again (its
    notice replaced), one notice removed: after each, what the import keeps is a full recount."""
    folder, db = tmp_path / "notices", tmp_path / "tongbao.db"
    folder.mkdir()
    files = sorted(CORPUS.glob("00*.txt")) + [CORPUS / f"r{i:02d}.txt" for i in range(1, 9)]
    for path in files[:6]:
        shutil.copy(path, folder)
    assert import_paths([folder], db).failed == 0
    for path in files[6:]:
        shutil.copy(path, folder)
    assert import_paths([folder], db).added == len(files) - 6
    assert_kept_as_counted_afresh(db, tmp_path, "import")

    changed = folder / files[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n（本通报有更正）\n", encoding="utf-8")
    assert import_paths([folder], db).replaced == 1
    assert_kept_as_counted_afresh(db, tmp_path, "replace")

    conn = store.connect(db)
    busiest = conn.execute("SELECT notice_id FROM finding WHERE polarity = 'negative' "
                           "GROUP BY notice_id ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    with store.transaction(conn):
        store._delete_notice(conn, busiest)
    assert summaries.has_stale(conn)
    store.replace_offenders(conn, offender_rows)
    conn.close()
    assert_kept_as_counted_afresh(db, tmp_path, "removal")


def test_series_imported_notice_by_notice_kept_as_counted_afresh(tmp_path):
    """The real series of corpus/ and the 宣城 quarters, one notice per import, so that each
    unit's failure record is added to notice by notice (streaks stated in 000 and r13 among
    them); then the notice stating 泽库县's streak removed."""
    from tests.test_kb_series import SERIES, WUDING
    db = tmp_path / "tongbao.db"
    paths = [CORPUS / f"{doc}.txt" for docs, _ in [*SERIES.values(), WUDING] for doc in docs]
    for path in paths + sorted((Path(__file__).parent / "kb_notices").glob("*.txt")):
        assert import_paths([path], db).failed == 0
    assert_kept_as_counted_afresh(db, tmp_path, "notice by notice")
    conn = store.connect(db)
    streaks = dict(conn.execute("SELECT unit_name, longest_streak FROM repeat_offender"))
    assert streaks["泽库县"] == 4 and streaks["武定县地震局"] == 3 and streaks["旌德县"] == 4
    with store.transaction(conn):
        store._delete_notice(conn, conn.execute("SELECT id FROM notice WHERE source_path LIKE '%000_05253d980fb5c9d6%'"
                                                ).fetchone()[0])
    store.replace_offenders(conn, offender_rows)
    assert "泽库县" not in dict(conn.execute("SELECT unit_name, longest_streak FROM repeat_offender"))
    conn.close()
    assert_kept_as_counted_afresh(db, tmp_path, "removal")


def upgraded(tmp_path, make_older):
    """Three corpus notices imported, the database made older by `make_older(conn)`, and two more
    notices imported one at a time: after each, what the import keeps is a full recount. Returns
    the database and the names in its schema after the upgrade."""
    folder, db = tmp_path / "notices", tmp_path / "tongbao.db"
    folder.mkdir()
    files = sorted(CORPUS.glob("00*.txt"))
    for path in files[:3]:
        shutil.copy(path, folder)
    import_paths([folder], db)
    conn = store.connect(db)
    make_older(conn)
    conn.close()
    names = None
    for path, stage in ((files[3], "upgrade"), (files[4], "import after the upgrade")):
        shutil.copy(path, folder)
        assert import_paths([folder], db).added == 1
        if names is None:
            conn = store.connect(db, readonly=True)
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            conn.close()
        assert_kept_as_counted_afresh(db, tmp_path, stage)
    return db, names


def drop(conn, triggers, tables):
    for (trigger,) in conn.execute("SELECT name FROM sqlite_master WHERE name GLOB ?", (triggers,)).fetchall():
        conn.execute(f"DROP TRIGGER {trigger}")
    for table in tables:
        conn.execute(f"DROP TABLE {table}")


def test_a_database_of_revision_8_gets_the_tables_the_summaries_are_kept_by(tmp_path):
    """A knowledge base whose summaries were recounted per province (stale_province): the next
    import makes the per-unit counts and the triggers, and counts them afresh; the one after
    keeps them by what it wrote."""
    def revision_8(conn):
        drop(conn, "summarize_*", summaries.TABLES)
        conn.execute("CREATE TABLE stale_province (id INTEGER PRIMARY KEY, province VARCHAR)")
        conn.execute("DELETE FROM problem_count")
        conn.execute("PRAGMA application_id = %d" % (store.SCHEMA_ID - 1))
    _, names = upgraded(tmp_path, revision_8)
    assert set(summaries.TABLES) <= names and "stale_province" not in names


def test_a_database_of_revision_9_gets_the_failure_records_and_names_kept_by_the_import(tmp_path):
    """A knowledge base whose repeat offenders were derived again from the findings of each unit
    named (stale_unit), with no unit_notice, unit_failures or unit_named: the next import makes
    them and derives everything afresh; the one after keeps them by what it wrote."""
    def revision_9(conn):
        drop(conn, "name_*", ("unit_notice", "unit_failures", "failure_change", "unit_named"))
        conn.execute("CREATE TABLE stale_unit (id INTEGER PRIMARY KEY, unit_id INTEGER, region_code VARCHAR)")
        conn.execute("PRAGMA application_id = %d" % (store.SCHEMA_ID - 2))
    db, names = upgraded(tmp_path, revision_9)
    assert {"unit_notice", "unit_failures", "failure_change", "unit_named"} <= names and "stale_unit" not in names
    conn = store.connect(db, readonly=True)
    assert conn.execute("SELECT count(*) FROM unit_failures").fetchone()[0] > 10
    conn.close()
