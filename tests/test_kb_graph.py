"""The recurring-offender graph: on records built here and on a multi-quarter corpus of
notices written for the purpose (tests/kb_notices: 宣城市, 2022Q1–2023Q1)."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from ingest import Notice
from ingest.period import span
from kb import store
from kb.graph import build_graph, export, longest_run, offender_rows
from kb.importer import import_paths, prepare

ROOT = Path(__file__).parent.parent
KB_NOTICES = Path(__file__).parent / "kb_notices"


def notice(path, province, year, quarter, text="通报"):
    return Notice(path=path, sha256=f"sha-{path}", raw_text=text, text=text, offsets=[],
                  header={"province": province, "prefecture": None, "county": None,
                          "year": year, "quarter": quarter, "period": f"{year}年第{quarter}季度",
                          "granularity": "quarter", "period_key": span(year, "quarter", quarter).key})


def failing(unit, problem="not_updated", channel="website", polarity="negative", stated=None):
    finding = {"unit": unit, "channel": channel, "polarity": polarity, "problem": problem,
               "evidence": f"{unit}存在问题"}
    if stated:
        finding["consecutive_periods"] = stated
    return finding


def write(db, notices_and_findings):
    conn = store.connect(db)
    store.create_schema(conn)
    for n, findings in notices_and_findings:
        store.write_notice(conn, prepare(n, {"notice": {}, "pass_rates": [], "findings": findings}))
    store.replace_offenders(conn, offender_rows)
    return conn


def offenders_by_name(conn):
    return {r[0]: r[1:] for r in conn.execute(
        "SELECT unit_name, channel, periods_failed, longest_streak, first_failed, last_failed "
        "FROM repeat_offender")}


def test_longest_run():
    assert longest_run([]) == 0
    assert longest_run([5]) == 1
    assert longest_run([1, 2, 3, 7, 8]) == 3
    assert longest_run([3, 1, 2, 2]) == 3


def test_streaks_across_notices_built_here(tmp_path):
    conn = write(tmp_path / "kb.db", [
        (notice("a", "青海省", 2020, 3), [failing("省民宗委"), failing("泽库县"),
                                        failing("省体育局", polarity="positive", problem=None)]),
        (notice("b", "青海省", 2020, 4), [failing("青海省民族宗教事务委员会网站"),
                                        failing("省体育局", polarity="positive", problem=None)]),
        (notice("c", "青海省", 2021, 1), [failing("省民宗委", problem="blank_column"),
                                        failing("省体育局", polarity="positive", problem=None)]),
        (notice("d", "青海省", 2021, 3), [failing("泽库县政府网站"), failing("玛多县")]),
    ])
    offenders = offenders_by_name(conn)
    assert offenders["青海省民族宗教事务委员会"] == ("website", 3, 3, "2020Q3", "2021Q1")
    # 2020Q3 and 2021Q3: two periods, not in a row
    assert offenders["泽库县"] == ("website", 2, 1, "2020Q3", "2021Q3")
    assert "玛多县" not in offenders and "青海省体育局" not in offenders
    problems = conn.execute("SELECT problems FROM repeat_offender WHERE unit_name = ?",
                            ("青海省民族宗教事务委员会",)).fetchone()[0]
    assert problems == "blank_column,not_updated"


def test_a_streak_stated_in_one_notice_makes_a_repeat_offender(tmp_path):
    conn = write(tmp_path / "kb.db", [
        (notice("a", "青海省", 2020, 4), [failing("泽库县", stated=4), failing("玛多县")]),
        (notice("b", "青海省", 2021, 1), [failing("泽库县")]),
    ])
    offenders = offenders_by_name(conn)
    # stated 2020Q1–Q4, observed 2021Q1: five quarters in a row
    assert offenders["泽库县"] == ("website", 2, 5, "2020Q4", "2021Q1")
    assert "玛多县" not in offenders


def test_graph_nodes_edges_and_export(tmp_path):
    conn = write(tmp_path / "kb.db", [
        (notice("a", "青海省", 2020, 3), [failing("省民宗委"), failing("泽库县", problem="blank_column")]),
        (notice("b", "青海省", 2020, 4), [failing("省民宗委"), failing("省民宗委", problem="blank_column")]),
    ])
    graph = build_graph(conn)
    kinds = nx.get_node_attributes(graph, "kind")
    assert sorted(n for n, k in kinds.items() if k == "period") == ["period:2020Q3", "period:2020Q4"]
    assert "province:青海省" in graph and "problem:blank_column" in graph
    minzong = next(n for n, d in graph.nodes(data=True) if d.get("label") == "青海省民族宗教事务委员会")
    # one unit—period edge per period failed, adding up that period's findings
    assert graph.number_of_edges(minzong, "period:2020Q4") == 1
    edge = graph.get_edge_data(minzong, "period:2020Q4")["failed_in"]
    assert (edge["findings"], edge["notices"]) == (2, 1)
    assert edge["problems"] == "blank_column,not_updated"
    for suffix, reader in ((".graphml", nx.read_graphml), (".gexf", nx.read_gexf)):
        out = tmp_path / f"g{suffix}"
        export(graph, out)
        back = reader(out)
        assert back.number_of_nodes() == graph.number_of_nodes()
        assert back.number_of_edges() == graph.number_of_edges()
    with pytest.raises(ValueError):
        export(graph, tmp_path / "g.png")


# --- the multi-quarter corpus, through the real parser ---------------------------------------

@pytest.fixture(scope="module")
def xuancheng(tmp_path_factory):
    db = tmp_path_factory.mktemp("xuancheng") / "kb.db"
    summary = import_paths([KB_NOTICES], db, jobs=2)
    assert summary.failed == 0, summary.failures
    conn = sqlite3.connect(db)
    yield db, conn
    conn.close()


def test_multi_quarter_corpus_finds_the_planted_offenders(xuancheng):
    _, conn = xuancheng
    offenders = offenders_by_name(conn)
    # written 市发改委网站, 宣城市发展和改革委员会门户网站, 市发展改革委网站 in 2022Q1–Q3
    assert offenders["宣城市发展和改革委员会"] == ("website", 3, 3, "2022Q1", "2022Q3")
    # its WeChat account, written three ways, failed 2022Q2, 2022Q4 and 2023Q1 (a run over
    # the turn of the year)
    assert offenders["宣城市人力资源和社会保障局"] == ("wechat", 3, 2, "2022Q2", "2023Q1")
    # 2022Q1 says 连续三个季度检查不合格; it fails again in 2022Q2
    assert offenders["旌德县"] == ("website", 2, 4, "2022Q1", "2022Q2")
    # 泾县人民政府网站 2022Q3, 泾县政府门户网站 2022Q4
    assert offenders["泾县"] == ("website", 2, 2, "2022Q3", "2022Q4")


def test_multi_quarter_corpus_leaves_out_one_time_failers(xuancheng):
    _, conn = xuancheng
    names = {r[0] for r in conn.execute("SELECT u.name FROM repeat_offender r "
                                        "JOIN unit u ON u.id = r.unit_id")}
    for once in ("宣城市统计局", "郎溪县", "绩溪发布", "宣州区市场监管", "宣城市医疗保障局",
                 "宣城市住房和城乡建设局", "宣城市公安局"):
        assert once not in names
    # the same body's website failed once: a unit of its own, not an offender
    website = conn.execute("SELECT id FROM unit WHERE name = '宣城市人力资源和社会保障局' "
                           "AND channel = 'website'").fetchone()
    assert website is not None
    assert conn.execute("SELECT 1 FROM repeat_offender WHERE unit_id = ?", website).fetchone() is None


def test_offenders_and_graph_commands(xuancheng, tmp_path):
    db, _ = xuancheng
    run = lambda *args: subprocess.run([sys.executable, "-m", "tongbao.cli", *args],
                                       capture_output=True, text=True, cwd=ROOT,
                                       env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
    shown = run("offenders", "--db", str(db), "--province", "安徽")
    assert shown.returncode == 0, shown.stderr
    assert "宣城市发展和改革委员会" in shown.stdout and "宣城市统计局" not in shown.stdout
    strict = run("offenders", "--db", str(db), "--min-periods", "4")
    assert "旌德县" in strict.stdout and "宣城市发展和改革委员会" not in strict.stdout
    assert run("offenders", "--db", str(db), "--province", "青海").stdout.count("宣城") == 0
    out = tmp_path / "offenders.gexf"
    made = run("graph", str(out), "--db", str(db))
    assert made.returncode == 0, made.stderr
    assert nx.read_gexf(out).number_of_nodes() > 10
