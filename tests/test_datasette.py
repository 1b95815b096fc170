"""The Datasette site on a real import of corpus/: canned queries, facets, Chinese search,
the home page, and HTML from a notice shown escaped. Uses Datasette's own test client."""
import hashlib
import re
import sqlite3
import subprocess
import sys
import html
from html import escape
from pathlib import Path

import markupsafe
import pytest

from ingest.period import order as period_order
from kb.serve import DATABASE_NAME, load_metadata, make_datasette

ROOT = Path(__file__).resolve().parent.parent
TONGBAO = Path(sys.executable).with_name("tongbao")

# A notice in the style of the corpus's Qinghai notices that faults 泽库县 a quarter after
# corpus/000 did, so 泽库县 fails in two periods; its title, text and file name carry live HTML.
HOSTILE_FILE_NAME = "<img src=x onerror=alert(3)>.txt"
HOSTILE_TITLE = ('青海省人民政府办公厅关于2021年第一季度全省政府网站'
                 '<script>alert("tongbao")</script>抽查情况的通报')
HOSTILE_TEXT = HOSTILE_TITLE + """
发布时间: 2021-04-20
各市、自治州人民政府，省政府各委、办、厅、局：
2021年第一季度，省政府办公厅对全省政府网站开展了抽查，共抽查政府网站40个，\
合格率为97.5%。
一、存在的问题
泽库县政府网站首页栏目更新不及时，<b>部分栏目</b>长期未更新<img src=x onerror=alert(2)>。
二、下一步工作
各地区、各部门要对照问题抓紧整改。
"""
SCRIPT = '<script>alert("tongbao")</script>'


def imported_corpus(tmp_path_factory):
    """corpus/ imported by `tongbao import`, plus the hostile notice; built once per session
    (the browser tests share it)."""
    folder = tmp_path_factory.getbasetemp() / "datasette-corpus"
    db = folder / "tongbao.db"
    if db.exists():
        return db
    folder.mkdir()
    run = subprocess.run([str(TONGBAO), "import", str(ROOT / "corpus"), "--db", str(db)],
                         capture_output=True, text=True, cwd=folder)
    assert run.returncode == 0, run.stderr
    _store_hostile_notice(db, folder / HOSTILE_FILE_NAME)
    return db


def _store_hostile_notice(db, path):
    """Ingest strips tags from the files it reads, so HTML reaches the database only by some
    other road; this notice takes the road `tongbao import` takes after reading a file:
    parser, unit resolution, FTS segmentation, store, repeat offenders."""
    from ingest import Notice
    from kb import store
    from kb.graph import offender_rows
    from kb.importer import prepare
    from nlp import parse_notice

    path.write_text(HOSTILE_TEXT, encoding="utf-8")
    notice = Notice(
        path=str(path), sha256=hashlib.sha256(HOSTILE_TEXT.encode()).hexdigest(),
        raw_text=HOSTILE_TEXT, text=HOSTILE_TEXT, offsets=list(range(len(HOSTILE_TEXT))),
        header={"title": HOSTILE_TITLE, "issuer": "青海省人民政府办公厅", "province": "青海省",
                "prefecture": None, "county": None, "year": 2021, "quarter": 1,
                "period": "2021年第一季度", "published": "2021-04-20", "doc_number": None,
                "granularity": "quarter", "period_start": "2021-01-01", "period_end": "2021-03-31",
                "period_key": "2021Q1"})
    conn = store.connect(db)
    try:
        store.write_notice(conn, prepare(notice, parse_notice(notice)))
        store.replace_offenders(conn, offender_rows)
    finally:
        conn.close()   # the last connection out checkpoints the WAL, as an import does


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory):
    return imported_corpus(tmp_path_factory)


@pytest.fixture(scope="session")
def sql(corpus_db):
    conn = sqlite3.connect(f"file:{corpus_db}?mode=ro", uri=True)
    yield lambda query, *params: conn.execute(query, params).fetchall()
    conn.close()


@pytest.fixture
async def ds(corpus_db):
    datasette = make_datasette(corpus_db)
    await datasette.invoke_startup()
    return datasette


async def get_json(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.json()


async def get_html(ds, path):
    response = await ds.client.get(path)
    assert response.status_code == 200, (path, response.text[:500])
    return response.text


async def rows(ds, query, **params):
    """The rows of a table page, or all the rows of a canned query, read a page at a time."""
    if ":page" not in QUERIES.get(query, {}).get("sql", ""):
        params = "&".join(f"{k}={v}" for k, v in params.items())
        return (await get_json(ds, f"/{DATABASE_NAME}/{query}.json?_shape=objects&{params}"))["rows"]
    found = []
    for page in range(1, 100):
        args = "&".join(f"{k}={v}" for k, v in {**params, "page": page}.items())
        rows = (await get_json(ds, f"/{DATABASE_NAME}/{query}.json?_shape=objects&{args}"))["rows"]
        if not rows:
            return found
        found += rows
    raise AssertionError(f"{query}: more than 99 pages")


METADATA = load_metadata()
TABLES = METADATA["databases"][DATABASE_NAME]["tables"]
QUERIES = METADATA["databases"][DATABASE_NAME]["queries"]


def facet_columns(table):
    """The columns a table's metadata facets by ("column" or {"type": "column"})."""
    return [f if isinstance(f, str) else next(iter(f.values())) for f in table.get("facets", [])]


# --- the fixture itself --------------------------------------------------------------------

def test_the_hostile_notice_is_in_the_database_with_its_html(sql):
    assert sql("select count(*) from notice where title like ?", f"%{SCRIPT}%") == [(1,)]
    evidence = sql("select evidence from finding f join notice n on n.id = f.notice_id "
                   "where n.title like '%<script>%' and f.unit_name = '泽库县'")
    assert any("<img src=x onerror=alert(2)>" in e for (e,) in evidence)


# --- metadata ------------------------------------------------------------------------------

def test_every_table_and_every_faceted_column_is_described(sql):
    names = {n for (n,) in sql("select name from sqlite_master where type = 'table' "
                               "and name not like '%fts%'")}
    assert names <= set(TABLES), f"tables without metadata: {names - set(TABLES)}"
    for name, table in TABLES.items():
        if table.get("hidden"):
            continue
        assert table["description"], name
        for column in facet_columns(table) + [table.get("sort"), table.get("sort_desc")]:
            if column:
                assert table["columns"].get(column), f"{name}.{column} has no description"


async def test_home_page_lists_the_tables_with_their_descriptions(ds):
    page = await get_html(ds, "/")
    for name, table in TABLES.items():
        if table.get("hidden"):
            assert f'href="/{DATABASE_NAME}/{name}"' not in page
        else:
            assert f'<a href="/{DATABASE_NAME}/{name}">{escape(table["title"])}</a>' in page
            assert escape(table["description"]) in page
    for name, query in QUERIES.items():
        assert escape(query["title"]) in page and escape(query["description"]) in page


async def test_internal_tables_are_hidden_but_kept(ds):
    listing = await get_json(ds, f"/{DATABASE_NAME}.json")
    visible = {t["name"] for t in listing["tables"] if not t["hidden"]}
    hidden = {t["name"] for t in listing["tables"] if t["hidden"]}
    assert {"finding", "notice", "unit", "unit_alias", "pass_rate", "repeat_offender",
            "problem_type", "region", "import_error"} <= visible
    assert {"finding_fts", "finding_fts_data", "notice_fts", "notice_fts_idx"} <= hidden


async def test_the_database_is_served_read_only(ds, corpus_db):
    database = ds.get_database(DATABASE_NAME)
    assert database.is_mutable is False
    assert ds.setting("sql_time_limit_ms") == 1000
    response = await ds.client.get(f"/{DATABASE_NAME}.json?sql=delete+from+finding")
    assert response.status_code == 400
    assert "Statement must be a SELECT" in response.text


# --- tables: facets, sorting, labels --------------------------------------------------------

async def test_finding_facets_count_findings_by_province_year_quarter_problem(ds, sql):
    data = await get_json(ds, f"/{DATABASE_NAME}/finding.json?_size=0")
    facets = data["facet_results"]
    assert set(facets) == {"province", "year", "quarter", "problem", "channel", "polarity"}
    provinces = {r["value"]: r["count"] for r in facets["province"]["results"]}
    assert provinces["青海省"] == sql("select count(*) from finding where province = '青海省'")[0][0]
    assert provinces["贵州省"] > 0 and provinces["福建省"] > 0
    polarity = {r["value"]: r["count"] for r in facets["polarity"]["results"]}
    assert polarity["negative"] + polarity["positive"] == data["filtered_table_rows_count"]
    # the problem facet shows the Chinese label of the problem type, not its code
    problems = {r["value"]: r["label"] for r in facets["problem"]["results"]}
    assert problems["not_updated"] == "更新不及时"


async def test_notices_are_faceted_by_the_granularity_of_their_period(ds, sql):
    data = await get_json(ds, f"/{DATABASE_NAME}/notice.json?_size=0")
    granularity = {r["value"]: r["count"] for r in data["facet_results"]["granularity"]["results"]}
    assert {"quarter", "month", "half", "round"} <= set(granularity)     # corpus/ has no annual notice
    assert granularity["month"] == sql("select count(*) from notice where granularity = 'month'")[0][0] > 5
    monthly = await get_json(ds, f"/{DATABASE_NAME}/notice.json?granularity=month&_shape=objects&_size=max"
                                 f"&_col=period_key&_col=period_start&_col=period_end")
    for row in monthly["rows"]:
        assert row["period_key"][:7] == row["period_start"][:7] == row["period_end"][:7]


async def test_faceting_by_province_narrows_findings_to_that_province(ds):
    data = await get_json(ds, f"/{DATABASE_NAME}/finding.json?province=青海省&_shape=objects&_size=max")
    assert data["filtered_table_rows_count"] == len(data["rows"]) > 0
    assert {r["province"] for r in data["rows"]} == {"青海省"}
    years = {r["value"] for r in data["facet_results"]["year"]["results"]}
    assert {2017, 2020, 2021} <= years


async def test_findings_are_sorted_by_period_and_show_unit_and_notice_by_name(ds):
    data = await get_json(ds, f"/{DATABASE_NAME}/finding.json?_shape=objects&_labels=on"
                              f"&unit_name=泽库县&_size=max")
    periods = [r["period_key"] for r in data["rows"]]
    assert periods == sorted(periods, reverse=True) and {"2020Q4", "2021Q1"} <= set(periods)
    assert {r["unit_id"]["label"] for r in data["rows"]} == {"泽库县"}
    assert any(r["notice_id"]["label"].endswith("关于2020年第四季度全省政府网站检查情况的通报")
               for r in data["rows"])
    page = await get_html(ds, f"/{DATABASE_NAME}/finding?unit_name=泽库县")
    assert ">泽库县</a>" in page


async def test_every_listed_table_page_renders_its_facets(ds):
    for name, table in TABLES.items():
        if table.get("hidden"):
            continue
        data = await get_json(ds, f"/{DATABASE_NAME}/{name}.json?_size=1")
        assert set(data["facet_results"]) == set(facet_columns(table)), name


async def test_a_narrowed_page_counts_its_facets_in_one_pass(ds, sql):
    data = await get_json(ds, f"/{DATABASE_NAME}/finding.json?province=青海省&_facet=unit_id")
    facets = data["facet_results"]
    assert set(facets) == set(facet_columns(TABLES["finding"])) | {"unit_id"}
    counted = {r["value"]: r["count"] for r in facets["problem"]["results"]}
    assert counted == dict(sql("select problem, count(*) from finding where province = '青海省' "
                               "and problem is not null group by problem"))
    assert facets["province"]["results"][0]["count"] == data["filtered_table_rows_count"]


async def test_a_page_too_big_to_count_lists_its_facets_as_not_counted(ds, monkeypatch):
    from kb import datasette_plugin
    whole = await get_json(ds, f"/{DATABASE_NAME}/finding.json?_size=1")
    narrowed = f"/{DATABASE_NAME}/finding.json?polarity=negative&_facet=problem"
    monkeypatch.setattr(datasette_plugin, "LIVE_FACET_ROWS", 10)
    data = await get_json(ds, narrowed)
    assert data["filtered_table_rows_count"] > 10
    # the page's own facets are not counted, and it says so; one asked for with ?_facet= is
    assert set(data["facet_results"]) == {"problem"}
    page = await get_html(ds, narrowed.replace(".json", ""))
    not_counted = page.split("These facets timed out:")[1].split("<")[0]
    assert {c.strip() for c in not_counted.split(",")} == set(facet_columns(TABLES["finding"])) - {"problem"}
    # the whole table's are counted once, when the server starts
    assert (await get_json(ds, f"/{DATABASE_NAME}/finding.json?_size=1"))["facet_results"] == \
        whole["facet_results"]


# --- canned queries --------------------------------------------------------------------------

async def test_every_canned_query_runs(ds):
    params = {"province": "", "name": "泽库县", "q": "泽库县"}
    for name in QUERIES:
        data = await get_json(ds, f"/{DATABASE_NAME}/{name}.json?_shape=objects&"
                                  + "&".join(f"{k}={v}" for k, v in params.items()))
        assert data["ok"] and data["rows"], name


async def test_repeat_offenders_by_province(ds):
    qinghai = await rows(ds, "repeat_offenders_by_province", province="青海")
    zeku = [r for r in qinghai if r["unit_name"] == "泽库县"]
    assert len(zeku) == 1
    # faulted in 2020Q4 (corpus/000, which also says "four quarters in a row") and 2021Q1
    assert zeku[0]["periods_failed"] >= 2
    assert {"2020Q4", "2021Q1"} <= set(zeku[0]["periods"].split(","))
    assert zeku[0]["longest_streak"] >= 4
    everywhere = await rows(ds, "repeat_offenders_by_province", province="")
    assert len(everywhere) >= len(qinghai) and {r["province"] for r in qinghai} == {"青海省"}
    provinces = [r["province"] or "" for r in everywhere]
    assert provinces == sorted(provinces)


async def test_unit_history_follows_a_unit_across_quarters(ds):
    # corpus/000 faults 玛多县 in 2020Q4; corpus/r28 commends it in 2021Q2
    history = await rows(ds, "unit_history", name="玛多")
    maduo = [(r["period_key"], r["polarity"]) for r in history if r["unit"] == "玛多县"]
    assert ("2020Q4", "negative") in maduo and ("2021Q2", "positive") in maduo
    assert [p for p, _ in maduo] == sorted(p for p, _ in maduo)


async def test_unit_history_finds_a_unit_by_a_name_only_a_notice_used(ds, sql):
    # 青海监狱 is how corpus/000 and corpus/004 write the unit stored as 青海省监狱
    unit_names = [n for (n,) in sql("select name from unit where name like '%青海监狱%'")]
    assert unit_names == []
    history = await rows(ds, "unit_history", name="青海监狱")
    assert {(r["period_key"], r["polarity"]) for r in history} >= {("2017Q4", "negative"),
                                                                  ("2020Q4", "positive")}
    assert await rows(ds, "unit_history", name="") == []


async def test_a_canned_query_page_is_titled_by_its_title_not_its_sql(ds):
    from kb.serve import load_metadata
    queries = load_metadata()["databases"]["tongbao"]["queries"]
    for name, query in queries.items():
        page = await get_html(ds, f"/tongbao/{name}")
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert html.unescape(title) == f"{query['title']}: tongbao", name


async def test_pass_rate_trend(ds):
    trend = await rows(ds, "pass_rate_trend")
    qinghai = {(r["period_key"], r["scope"]): r for r in trend if r["province"] == "青海省"}
    assert qinghai[("2020Q4", "website")]["mean_rate"] == 91.8       # corpus/000
    assert qinghai[("2020Q4", "new_media")]["mean_rate"] == 69.8
    assert qinghai[("2021Q2", "new_media")]["mean_rate"] == 84.0     # corpus/r28
    keys = [(r["province"] or "", period_order(r["period_key"]), r["scope"]) for r in trend]
    assert keys == sorted(keys)


async def test_problem_types_by_province_and_year(ds):
    table = await rows(ds, "problems_by_province_year")
    row = next(r for r in table if (r["province"], r["year"], r["problem"]) ==
               ("青海省", 2020, "not_updated"))
    # corpus/000: 省民宗委、青海动物卫生监督、玉树市、海晏县、贵南县、泽库县、玛多县、
    # 曲麻莱县 …
    assert row["label"] == "更新不及时" and row["units"] >= 8


async def test_notices_per_province_and_period(ds):
    table = await rows(ds, "notices_by_province_period")
    # in time order, not as strings sort: 江苏's 2023Q1 (r12, r55) before its 2023年9月 (r45)
    jiangsu = [r["period_key"] for r in table if r["province"] == "江苏省"]
    assert jiangsu.index("2023Q1") < jiangsu.index("2023-09") and jiangsu == sorted(jiangsu, key=period_order)
    qinghai = {r["period_key"]: r for r in table if r["province"] == "青海省"}
    assert {"2017Q4", "2020Q4", "2021Q1", "2021Q2"} <= set(qinghai)
    assert qinghai["2020Q4"]["notices"] == 1 and qinghai["2020Q4"]["pass_rates"] == 2
    corpus = len(list((ROOT / "corpus").glob("*.txt")))
    assert sum(r["notices"] for r in table) == corpus + 1   # every corpus notice and the composed one


async def test_failing_units_map_places_failing_units_by_region(ds):
    regions = await rows(ds, "failing_units_map", province="青海")
    zeku = next(r for r in regions if r["region"] == "泽库县")
    assert "泽库县" in zeku["units"].split(",") and zeku["negative_findings"] >= 2
    assert (zeku["first_period"], zeku["last_period"]) == ("2020Q4", "2021Q1")
    assert 34 < zeku["latitude"] < 36 and 101 < zeku["longitude"] < 102   # 泽库县, Huangnan
    assert all(r["latitude"] and r["longitude"] and r["province"] == "青海省" for r in regions)
    everywhere = await rows(ds, "failing_units_map", province="")
    assert {r["province"] for r in everywhere} >= {"青海省", "贵州省", "福建省", "四川省"}
    page = await get_html(ds, f"/{DATABASE_NAME}/failing_units_map?province=青海")
    assert "datasette-cluster-map.js" in page


# --- Chinese search ------------------------------------------------------------------------

async def test_table_search_segments_a_chinese_query(ds):
    # 更新不及时 is one run of Han characters: unsegmented, FTS5 would look for one token
    found = await rows(ds, "finding", _search="更新不及时", _size="max")
    assert len(found) >= 8
    assert all("更新不及时" in (r["evidence"] or "") for r in found)
    page = await get_html(ds, f"/{DATABASE_NAME}/finding?_search=更新不及时")
    assert 'value="更新不及时"' in page          # the search box keeps what the user typed


async def test_search_words_must_all_occur(ds):
    both = await rows(ds, "finding", _search="泽库县 更新", _size="max")
    assert both and all("泽库县" in r["unit_name"] + (r["evidence"] or "") for r in both)
    assert await rows(ds, "finding", _search="福州") != []
    assert await rows(ds, "finding", _search="泽库县 福州") == []


async def test_notice_search(ds):
    found = await rows(ds, "notice", _search="政务新媒体", _size="max", _col="title")
    assert len(found) >= 5


async def test_search_all_tables_finds_chinese_words(ds):
    page = await get_html(ds, "/-/search?q=泽库县")
    assert f'data-searchable-url="/{DATABASE_NAME}/finding"' in page
    assert f'data-searchable-url="/{DATABASE_NAME}/notice"' in page
    # the request the search-all page's script makes for each table
    data = await get_json(ds, f"/{DATABASE_NAME}/finding.json?_shape=objects&_labels=on"
                              "&_extra=count&_size=5&_search=泽库县")
    assert data["filtered_table_rows_count"] >= 3 and "泽库县" in {r["unit_id"]["label"] for r in data["rows"]}
    assert all("泽库县" in r["unit_name"] + (r["evidence"] or "") for r in data["rows"])


async def test_search_findings_query(ds):
    found = await rows(ds, "search_findings", q="栏目更新不及时")
    assert any(r["unit"] == "泽库县" and r["period_key"] == "2021Q1" for r in found)
    assert await rows(ds, "search_findings", q="") == []


async def test_search_function_is_kb_fts_segmentation(ds):
    data = await get_json(ds, f"/{DATABASE_NAME}.json?sql=select+escape_fts(:q)+as+e,"
                              "fts_query(:q)+as+f&q=泽库县&_shape=objects")
    from kb.fts import fts_query
    assert data["rows"] == [{"e": fts_query("泽库县"), "f": fts_query("泽库县")}]


# --- charts ----------------------------------------------------------------------------------

async def test_dashboard_charts_run_their_queries(ds):
    page = await get_html(ds, "/-/dashboards/trends")
    assert "Mean stated pass rate per period" in page
    charts = METADATA["plugins"]["datasette-dashboards"]["trends"]["charts"]
    for name, chart in charts.items():
        query = chart["query"].replace("[[ and province = :province ]]", "").replace(
            "[[ and f.province = :province ]]", "")
        response = await ds.client.get(f"/{DATABASE_NAME}.json", params={"sql": query})
        assert response.status_code == 200 and response.json()["rows"], name
    filtered = await ds.client.get("/-/dashboards/trends?province=青海省")
    assert filtered.status_code == 200


# --- HTML in notices is shown, never run ------------------------------------------------------

async def test_html_from_a_notice_is_escaped_on_every_page(ds, sql):
    (notice_id,), = sql("select id from notice where title like '%<script>%'")
    unit_id = sql("select id from unit where name = '泽库县'")[0][0]
    pages = [
        "/", f"/{DATABASE_NAME}", f"/{DATABASE_NAME}/notice", f"/{DATABASE_NAME}/notice/{notice_id}",
        f"/{DATABASE_NAME}/notice?_search=抽查", f"/{DATABASE_NAME}/finding",
        f"/{DATABASE_NAME}/finding?notice_id={notice_id}", f"/{DATABASE_NAME}/unit/{unit_id}",
        f"/{DATABASE_NAME}/unit_alias?notice_id={notice_id}",
        f"/{DATABASE_NAME}/unit_history?name=泽库县", f"/{DATABASE_NAME}/search_findings?q=泽库县",
        f"/{DATABASE_NAME}/repeat_offenders_by_province?province=",
        f"/{DATABASE_NAME}/failing_units_map?province=", "/-/dashboards/trends",
        "/-/search?q=" + SCRIPT,
    ]
    shown = 0
    for path in pages:
        page = await get_html(ds, path)
        for raw in (SCRIPT, "<img src=x onerror", "<b>部分栏目</b>"):
            assert raw not in page, f"{path} renders {raw!r} as HTML"
        shown += str(markupsafe.escape(SCRIPT)) in page
    assert shown >= 6   # the pages that show the title or text of that notice show it as text


# --- the command -----------------------------------------------------------------------------

def test_serve_refuses_a_missing_database(tmp_path):
    from click.testing import CliRunner

    from tongbao.cli import main
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
    assert "none.db: no such database; run `tongbao import corpus" in result.output


def test_serve_refuses_a_file_that_is_not_a_knowledge_base(tmp_path):
    from click.testing import CliRunner

    from tongbao.cli import main
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    result = CliRunner().invoke(main, ["serve", "--db", str(other)])
    assert result.exit_code != 0 and "not a tongbao database" in result.output
    (tmp_path / "junk.db").write_text("not sqlite")
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "junk.db")])
    assert result.exit_code != 0 and "junk.db" in result.output


def test_serve_refuses_a_port_in_use(corpus_db):
    import socket

    from click.testing import CliRunner

    from tongbao.cli import main
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--db", str(corpus_db), "--port", str(port)])
    assert result.exit_code != 0
    assert f"cannot serve on 127.0.0.1:{port}" in result.output and "--port" in result.output


def test_serve_refuses_a_database_an_import_is_still_writing(corpus_db, tmp_path):
    import shutil

    from click.testing import CliRunner

    from tongbao.cli import main
    busy = tmp_path / "busy.db"
    shutil.copy(corpus_db, busy)
    writer = sqlite3.connect(busy)
    try:
        writer.execute("pragma journal_mode = wal")
        writer.execute("insert into import_error(path, reason, at) values ('a.txt', 'why', 'now')")
        writer.commit()    # in the write-ahead log until the writer closes
        result = CliRunner().invoke(main, ["serve", "--db", str(busy)])
    finally:
        writer.close()
    assert result.exit_code != 0 and "busy.db-wal: an import is still writing" in result.output
