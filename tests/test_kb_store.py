"""The store and the importer: schema, Chinese full-text search, idempotence, replacement,
failures."""
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kb import store
from kb.fts import fts_query, search
from kb.importer import import_paths, prepare
from kb.problem_types import PROBLEM_TYPES

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"
KB_NOTICES = Path(__file__).parent / "kb_notices"


def file_digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    """The real corpus imported once (two workers)."""
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    summary = import_paths([CORPUS], db, jobs=2)
    assert summary.failed == 0, summary.failures
    return db


@pytest.fixture
def conn(corpus_db):
    c = store.connect(corpus_db, readonly=True)
    yield c
    c.close()


def test_every_corpus_notice_is_stored(conn):
    files = sorted(CORPUS.glob("*.txt"))
    stored = {r[0] for r in conn.execute("SELECT sha256 FROM notice")}
    assert stored == {file_digest(f) for f in files}
    qinghai = conn.execute("SELECT province, year, quarter, period_key FROM notice "
                           "WHERE source_path LIKE '%000_05253d980fb5c9d6.txt'").fetchone()
    assert qinghai == ("青海省", 2020, 4, "2020Q4")


def test_pragmas_and_reference_tables(corpus_db):
    c = store.connect(corpus_db)
    assert c.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert c.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert c.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    labels = dict(c.execute("SELECT code, label FROM problem_type"))
    assert len(labels) == len(PROBLEM_TYPES) and labels["not_updated"] == "更新不及时"
    assert c.execute("SELECT name, latitude IS NOT NULL FROM region WHERE code = '632323'"
                     ).fetchone() == ("泽库县", 1)
    indexed = {r[0] for r in c.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'finding'")}
    assert {"ix_finding_province_facets", "ix_finding_problem", "ix_finding_period_key"} <= indexed
    c.close()


@pytest.mark.parametrize("words, expected_in_text", [("更新不及时", "更新不及时"),
                                                     ("泽库县", "泽库县")])
def test_chinese_search_finds_notices(conn, words, expected_in_text):
    found = search(conn, "notice_fts", words)
    truth = {r[0] for r in conn.execute("SELECT id FROM notice WHERE instr(text, ?) > 0",
                                        (expected_in_text,))}
    assert truth and set(found) == truth


@pytest.mark.parametrize("words", ["更新不及时", "泽库县"])
def test_chinese_search_finds_findings(conn, words):
    found = set(search(conn, "finding_fts", words, limit=10_000))
    truth = {r[0] for r in conn.execute(
        "SELECT id FROM finding WHERE instr(evidence, ?) > 0 OR instr(unit_name, ?) > 0",
        (words, words))}
    assert truth, "the parser finds findings whose evidence says " + words
    assert found == truth


def test_fts_query_segments_like_the_index():
    assert fts_query("泽库县") == '"泽库 泽库县"'
    assert fts_query("更新不及时 泽库县") == '"更新 不 及时" AND "泽库 泽库县"'
    assert fts_query('  "; ') is None


def test_qinghai_drug_administration_written_two_ways_is_one_body(tmp_path):
    """The 青海 2020 notice stored with its hand-made gold findings, which name the drug
    administration both ways as the text does: one body (the same name in the same channel
    is one unit: tests/test_kb_units.py)."""
    from ingest import load_notice
    notice = load_notice(CORPUS / "000_05253d980fb5c9d6.txt")
    gold = json.loads((ROOT / "tests" / "gold" / "000_05253d980fb5c9d6.json").read_text("utf-8"))
    record = {"notice": {}, "pass_rates": gold["pass_rates"], "findings": gold["findings"]}
    c = store.connect(tmp_path / "kb.db")
    store.create_schema(c)
    store.write_notice(c, prepare(notice, record))
    rows = c.execute("SELECT a.alias, u.region_code, u.organization, u.channel FROM unit_alias a "
                     "JOIN unit u ON u.id = a.unit_id "
                     "WHERE a.alias IN ('省药品监管局', '省药品监督管理局')").fetchall()
    assert {alias for alias, *_ in rows} == {"省药品监管局", "省药品监督管理局"}
    assert {org for _, _, org, _ in rows} == {"青海省药品监督管理局"}
    assert {code for _, code, _, _ in rows} == {"630000"}
    # the gold has the body commended (organization) and its website listed: two channels
    assert {channel for *_, channel in rows} == {"organization", "website"}
    c.close()


def test_qiandongnan_weibo_and_wechat_are_two_units_of_one_body(conn):
    rows = conn.execute(
        "SELECT DISTINCT u.id, u.channel, u.organization FROM finding f JOIN unit u ON u.id = f.unit_id "
        "JOIN notice n ON n.id = f.notice_id WHERE n.source_path LIKE '%001_fa05f5aae7f74bf4.txt' "
        "AND f.unit_name = '黔东南州自然资源局'").fetchall()
    assert {channel for _, channel, _ in rows} == {"weibo", "wechat"}
    assert len({uid for uid, _, _ in rows}) == 2
    assert {org for _, _, org in rows} == {"黔东南州自然资源局"}


def test_a_streak_stated_in_the_notice_makes_a_repeat_offender(conn):
    """000 says 泽库县政府网站连续四个季度检查不合格; no earlier 青海 notice is in the corpus."""
    row = conn.execute("SELECT periods_failed, longest_streak, first_failed FROM repeat_offender "
                       "WHERE unit_name = '泽库县' AND channel = 'website'").fetchone()
    assert row == (1, 4, "2020Q4")


def test_notices_carry_their_period_as_a_span(conn):
    """A monthly notice is keyed by its month, not by its year (r07: 福州, 2017年9月份; r10:
    海南, 2016年第三次), and so are its findings."""
    rows = {Path(r[0]).stem: r[1:] for r in conn.execute(
        "SELECT source_path, granularity, period_start, period_end, period_key FROM notice")}
    assert rows["r07"] == ("month", "2017-09-01", "2017-09-30", "2017-09")
    assert rows["r10"] == ("round", None, None, "2016R3")
    assert rows["000_05253d980fb5c9d6"] == ("quarter", "2020-10-01", "2020-12-31", "2020Q4")
    findings = [r[0] for r in conn.execute("SELECT f.period_key FROM finding f JOIN notice n "
                                           "ON n.id = f.notice_id WHERE n.source_path LIKE '%r99.txt'")]
    assert findings and set(findings) == {"2023-03"}        # 陈仓区, 2023年3月份


def test_a_database_of_revision_2_gets_the_period_spans(tmp_path):
    """A knowledge base made before notices carried their span: the next import adds the
    columns and reads each stored notice's period again, its findings' keys included."""
    db = tmp_path / "old.db"
    import_paths([CORPUS / "r99.txt"], db)
    c = store.connect(db)
    c.execute("DROP INDEX ix_notice_granularity")
    for (trigger,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        c.execute(f"DROP TRIGGER {trigger}")          # revision 5's counts
    c.execute("DROP TABLE row_count")
    c.execute("DROP TABLE facet_count")
    for column in ("granularity", "period_start", "period_end"):
        c.execute(f"ALTER TABLE notice DROP COLUMN {column}")
    for table in ("notice", "finding", "pass_rate"):
        c.execute(f"UPDATE {table} SET period_key = '2023'")     # revision 2's key of a month
    c.execute("PRAGMA application_id = %d" % (store.SCHEMA_ID - 1))
    c.close()
    import_paths([CORPUS / "r99.txt"], db)
    c = store.connect(db, readonly=True)
    assert c.execute("SELECT granularity, period_start, period_end, period_key FROM notice").fetchall() == \
        [("month", "2023-03-01", "2023-03-31", "2023-03")]
    assert [r[0] for r in c.execute("SELECT DISTINCT period_key FROM finding")] == ["2023-03"]
    assert c.execute("SELECT value, n FROM facet_count WHERE tbl = 'notice' AND col = 'granularity'"
                     ).fetchall() == [("month", 1)]
    c.close()


def test_a_database_of_revision_4_gets_issuer_keys(tmp_path):
    """A knowledge base made before notices carried their issuer's key: the next import adds
    it from the stored notice, and derives the repeat offenders again."""
    db = tmp_path / "old.db"
    import_paths([CORPUS / "r106.txt", CORPUS / "r13.txt"], db)     # 武定县, two months
    c = store.connect(db)
    c.execute("DROP INDEX ix_notice_issuer_key")
    c.execute("ALTER TABLE notice DROP COLUMN issuer_key")
    c.execute("DELETE FROM repeat_offender")
    c.execute("PRAGMA application_id = %d" % (store.SCHEMA_ID - 1))
    c.close()
    summary = import_paths([CORPUS / "r106.txt", CORPUS / "r13.txt"], db)
    assert summary.unchanged == 2 and summary.offenders_changed
    c = store.connect(db, readonly=True)
    assert [r[0] for r in c.execute("SELECT DISTINCT issuer_key FROM notice")] == ["532329|"]
    assert ("武定县财政局", 2) in c.execute("SELECT unit_name, periods_failed FROM repeat_offender").fetchall()
    c.close()


def test_a_notice_without_a_title_is_labelled_by_its_issuer_and_period(conn):
    """003 (福建) is a page saved without its heading: links to it show who issued it and when."""
    rows = {Path(r[0]).stem: r[1:] for r in conn.execute("SELECT source_path, title, label FROM notice")}
    assert rows["003_39350d8b886053ef"] == (None, "福建省人民政府办公厅 2021Q2")
    assert rows["000_05253d980fb5c9d6"][1] == rows["000_05253d980fb5c9d6"][0] is not None
    assert all(label for _, label in rows.values())


def test_a_database_of_revision_6_gets_labels(tmp_path):
    """A knowledge base made before notices carried a label: the next import adds it."""
    db = tmp_path / "old.db"
    import_paths([CORPUS / "003_39350d8b886053ef.txt"], db)
    c = store.connect(db)
    c.execute("ALTER TABLE notice DROP COLUMN label")
    c.execute("PRAGMA application_id = %d" % (store.SCHEMA_ID - 1))
    c.close()
    assert import_paths([CORPUS / "003_39350d8b886053ef.txt"], db).unchanged == 1
    c = store.connect(db, readonly=True)
    assert c.execute("SELECT label FROM notice").fetchall() == [("福建省人民政府办公厅 2021Q2",)]
    c.close()


# --- idempotence, replacement, failures ------------------------------------------------------

@pytest.fixture
def small_corpus(tmp_path):
    src = tmp_path / "notices"
    src.mkdir()
    for name in ("000_05253d980fb5c9d6.txt", "002_9d929644672a2470.txt", "r08.txt"):
        shutil.copy(CORPUS / name, src / name)
    return src


def test_reimporting_an_unchanged_corpus_writes_nothing(small_corpus, tmp_path):
    db = tmp_path / "kb.db"
    first = import_paths([small_corpus], db, jobs=1)
    assert first.added == 3 and first.findings > 0
    before = file_digest(db)
    again = import_paths([small_corpus], db, jobs=2)
    assert (again.added, again.replaced, again.unchanged, again.findings) == (0, 0, 3, 0)
    assert not again.offenders_changed
    assert file_digest(db) == before


def test_a_changed_file_replaces_its_rows(small_corpus, tmp_path):
    db = tmp_path / "kb.db"
    import_paths([small_corpus], db, jobs=1)
    target = small_corpus / "r08.txt"
    text = target.read_text("utf-8")
    assert "市司法局" in text
    c = sqlite3.connect(db)
    others_before = c.execute("SELECT * FROM finding WHERE notice_id IN (SELECT id FROM notice "
                              "WHERE source_path != ?) ORDER BY id", (str(target.resolve()),)).fetchall()
    c.close()
    target.write_text(text.replace("市司法局", "市统计局"), "utf-8")
    summary = import_paths([small_corpus], db, jobs=1)
    assert (summary.replaced, summary.unchanged) == (1, 2)
    c = sqlite3.connect(db)
    notices = c.execute("SELECT id, sha256 FROM notice WHERE source_path = ?",
                        (str(target.resolve()),)).fetchall()
    assert len(notices) == 1 and notices[0][1] == file_digest(target)
    names = {r[0] for r in c.execute("SELECT unit_name FROM finding WHERE notice_id = ?",
                                     (notices[0][0],))}
    assert "市统计局" in names and "市司法局" not in names
    # the other notices' rows are untouched; nothing points at the replaced notice
    assert c.execute("SELECT count(*) FROM notice").fetchone()[0] == 3
    assert c.execute("SELECT * FROM finding WHERE notice_id != ? ORDER BY id",
                     (notices[0][0],)).fetchall() == others_before
    for table in ("finding", "pass_rate", "unit_alias"):
        assert c.execute(f"SELECT count(*) FROM {table} WHERE notice_id NOT IN "
                         "(SELECT id FROM notice)").fetchone()[0] == 0
    assert c.execute("SELECT count(*) FROM finding_fts").fetchone()[0] == \
        c.execute("SELECT count(*) FROM finding").fetchone()[0]
    # the search index forgot the old rows' words and learnt the new ones
    assert search(c, "finding_fts", "市司法局") == []
    renamed = {r[0] for r in c.execute("SELECT id FROM finding WHERE notice_id = ? "
                                        "AND unit_name LIKE '%市统计局%'", (notices[0][0],))}
    assert renamed and renamed <= set(search(c, "finding_fts", "市统计局", limit=10_000))
    # 市司法局 was named by r08 only: its unit went with the old rows
    assert c.execute("SELECT count(*) FROM unit WHERE id NOT IN (SELECT unit_id FROM unit_alias)"
                     ).fetchone()[0] == 0
    c.close()


def test_the_search_index_keeps_no_copy_of_the_text_and_is_rebuilt_when_outdated(small_corpus, tmp_path):
    db = tmp_path / "kb.db"
    import_paths([small_corpus], db, jobs=1)
    c = store.connect(db)
    tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master")}
    assert {"finding_fts_data", "notice_fts_data"} <= tables
    assert not {"finding_fts_content", "notice_fts_content"} & tables
    queries = ("更新不及时", "市司法局", "网站 栏目")
    found = {(t, q): search(c, t, q, limit=10_000) for t in ("finding_fts", "notice_fts") for q in queries}
    assert all(found.values())
    store.ensure_search_index(c, on_reindex=pytest.fail)   # current: left alone

    # a database from before: search tables that keep the text; and one whose words came
    # from another dictionary (its index emptied here, so only a rebuild finds anything)
    c.execute("DROP TABLE finding_fts")
    c.execute("CREATE VIRTUAL TABLE finding_fts USING fts5(unit_name, evidence)")
    c.execute("UPDATE search_index SET segmenter = 'jieba of another dictionary'")
    c.execute("INSERT INTO notice_fts(notice_fts) VALUES ('delete-all')")
    rebuilt = []
    store.ensure_search_index(c, on_reindex=rebuilt.append)
    assert rebuilt == ["finding_fts", "notice_fts"]
    assert "content=''" in c.execute("SELECT sql FROM sqlite_master WHERE name = 'finding_fts'").fetchone()[0]
    assert {(t, q): search(c, t, q, limit=10_000) for t, q in found} == found
    c.close()


def test_a_bad_file_is_recorded_and_the_rest_imported(small_corpus, tmp_path):
    (small_corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\xd8 not a notice \x00\x00")
    db = tmp_path / "kb.db"
    result = subprocess.run([sys.executable, "-m", "tongbao.cli", "import", str(small_corpus),
                             "--db", str(db), "--jobs", "2"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert "broken.txt" in result.stderr
    c = sqlite3.connect(db)
    errors = c.execute("SELECT path, reason FROM import_error").fetchall()
    assert len(errors) == 1 and errors[0][0].endswith("broken.txt") and errors[0][1]
    assert c.execute("SELECT count(*) FROM notice").fetchone()[0] == 3
    c.close()
    # fixed, the file imports and its error goes
    (small_corpus / "broken.txt").write_text((CORPUS / "r12.txt").read_text("utf-8"), "utf-8")
    assert import_paths([small_corpus], db, jobs=1).failed == 0
    c = sqlite3.connect(db)
    assert c.execute("SELECT count(*) FROM import_error").fetchone()[0] == 0
    c.close()


def test_prepare_rejects_an_unknown_problem_code(tmp_path):
    from ingest import load_notice
    notice = load_notice(CORPUS / "r08.txt")
    record = {"notice": {}, "pass_rates": [],
              "findings": [{"unit": "市司法局", "polarity": "negative", "problem": "bad_code"}]}
    with pytest.raises(ValueError, match="bad_code"):
        prepare(notice, record)
