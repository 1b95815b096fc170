"""The recurring-offender graph: on records built here (periods of every granularity, issuers'
series), on a multi-quarter corpus of notices written for the purpose (tests/kb_notices:
宣城市, 2022Q1–2023Q1) and on the real series of corpus/ (tests/test_kb_series.py)."""
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from ingest import Notice
from ingest.period import span
from kb import store
from kb.graph import build_graph, export, failing_units, longest_run, offender_rows
from kb.importer import import_paths, prepare

ROOT = Path(__file__).parent.parent
KB_NOTICES = Path(__file__).parent / "kb_notices"


def notice(path, province, year, quarter, text="通报"):
    return period_notice(path, province, year, "quarter", quarter, period=f"{year}年第{quarter}季度",
                         text=text)


def period_notice(path, province, year, granularity, number=None, issuer=None, prefecture=None,
                  period=None, text="通报"):
    """A notice of any period (ingest/period.py span) by `issuer` (None: unnamed)."""
    s = span(year, granularity, number)
    return Notice(path=path, sha256=f"sha-{path}", raw_text=text, text=text, offsets=[],
                  header={"province": province, "prefecture": prefecture, "county": None,
                          "issuer": issuer, "year": year,
                          "quarter": number if granularity == "quarter" else None,
                          "period": period or f"{year} {granularity} {number}", "granularity": granularity,
                          "period_start": s.first, "period_end": s.last, "period_key": s.key})


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


def test_months_quarters_halves_rounds_and_years_of_one_year_are_distinct_periods(tmp_path):
    """泽库县 faulted in 2023 by a monthly, a quarterly, a half-yearly, a round and a yearly
    notice: five periods, none after another in one series."""
    conn = write(tmp_path / "kb.db", [
        (period_notice("m", "青海省", 2023, "month", 3, "黄南州人民政府办公室", "黄南藏族自治州"),
         [failing("泽库县")]),
        (period_notice("q", "青海省", 2023, "quarter", 1, "青海省人民政府办公厅"), [failing("泽库县")]),
        (period_notice("h", "青海省", 2023, "half", 1, "青海省人民政府办公厅"), [failing("泽库县")]),
        (period_notice("r", "青海省", 2023, "round", 2, "青海省人民政府办公厅"), [failing("泽库县")]),
        (period_notice("y", "青海省", 2023, "year", None, "青海省人民政府办公厅"), [failing("泽库县")]),
    ])
    keys = {r[0] for r in conn.execute("SELECT DISTINCT period_key FROM finding")}
    assert keys == {"2023-03", "2023Q1", "2023H1", "2023R2", "2023"}
    row = conn.execute("SELECT periods_failed, longest_streak, first_failed, last_failed, periods "
                       "FROM repeat_offender WHERE unit_name = '泽库县'").fetchone()
    # in time order, by first day, then last: the year's round with the year, before March
    assert row == (5, 1, "2023Q1", "2023-03", "2023Q1,2023H1,2023,2023R2,2023-03")


def test_a_monthly_issuers_consecutive_months_are_a_streak(tmp_path):
    """A city's monthly notices: 2023年11月, 12月, 2024年1月 in a row, then 3月."""
    months = [(2023, 11), (2023, 12), (2024, 1), (2024, 3)]
    conn = write(tmp_path / "kb.db", [
        (period_notice(f"m{y}{m}", "辽宁省", y, "month", m,
                       "市政府办公室" if m % 2 else "沈阳市人民政府办公室", "沈阳市"),
         [failing("大东区"), failing("市科技局")] if m != 12 else [failing("大东区")])
        for y, m in months])
    offenders = offenders_by_name(conn)
    assert offenders["大东区"] == ("website", 4, 3, "2023-11", "2024-03")
    # 2023-11, 2024-01 and 2024-03: three months, none after another
    assert offenders["沈阳市科学技术局"] == ("website", 3, 1, "2023-11", "2024-03")


def test_halves_and_rounds_follow_each_other_within_their_series(tmp_path):
    conn = write(tmp_path / "kb.db", [
        (period_notice("h1", "天津市", 2020, "half", 2, "天津市人民政府办公厅"), [failing("河西区")]),
        (period_notice("h2", "天津市", 2021, "half", 1, "市政府办公厅"), [failing("河西区")]),
        (period_notice("r1", "湖北省", 2018, "round", 1, "湖北省人民政府办公厅"),
         [failing("十堰市"), failing("荆州市")]),
        (period_notice("r2", "湖北省", 2018, "round", 2, "省政府办公厅"), [failing("十堰市")]),
        (period_notice("r3", "湖北省", 2018, "round", 3, "湖北省政府办公厅"), [failing("荆州市")]),
        # how many rounds 2018 had is not known: its third and 2019's first are not a run
        (period_notice("r4", "湖北省", 2019, "round", 1, "湖北省人民政府办公厅"), [failing("荆州市")]),
    ])
    offenders = offenders_by_name(conn)
    assert offenders["河西区"] == ("website", 2, 2, "2020H2", "2021H1")
    assert offenders["十堰市"] == ("website", 2, 2, "2018R1", "2018R2")
    assert offenders["荆州市"] == ("website", 3, 1, "2018R1", "2019R1")


def test_a_streak_is_one_issuers_series(tmp_path):
    """Consecutive quarters by two issuers are two periods but no streak; by one issuer
    written two ways, a streak."""
    conn = write(tmp_path / "kb.db", [
        (period_notice("a", "重庆市", 2023, "quarter", 2, "市政府办公厅"),
         [failing("綦江区"), failing("渝北区")]),
        (period_notice("b", "重庆市", 2023, "quarter", 3, "重庆市人民政府办公厅"), [failing("綦江区")]),
        (period_notice("c", "重庆市", 2023, "quarter", 3, "重庆高新区管委会办公室"),
         [failing("渝北区")]),
        # a monthly series of the same government: months do not continue its quarters
        (period_notice("d", "重庆市", 2023, "month", 10, "重庆市人民政府办公室"), [failing("綦江区")]),
    ])
    offenders = offenders_by_name(conn)
    assert offenders["綦江区"] == ("website", 3, 2, "2023Q2", "2023-10")
    assert offenders["渝北区"] == ("website", 2, 1, "2023Q2", "2023Q3")
    issuers = {r[0] for r in conn.execute("SELECT issuer_key FROM notice")}
    assert issuers == {"500000|", "500000|高新区管委会办公室"}


def test_a_streak_a_monthly_notice_states_is_in_months(tmp_path):
    """连续三个月不合格 in 2023年5月's notice: March to May; June's notice makes four."""
    conn = write(tmp_path / "kb.db", [
        (period_notice("may", "云南省", 2023, "month", 5, "楚雄州人民政府办公室", "楚雄彝族自治州"),
         [failing("武定县", stated=3), failing("禄丰市")]),
        (period_notice("jun", "云南省", 2023, "month", 6, "州政府办公室", "楚雄彝族自治州"),
         [failing("武定县"), failing("禄丰市")]),
        # a quarterly issuer's 2023Q3 does not continue the months
        (period_notice("q3", "云南省", 2023, "quarter", 3, "云南省人民政府办公厅"),
         [failing("禄丰市")]),
    ])
    offenders = offenders_by_name(conn)
    assert offenders["武定县"] == ("website", 2, 4, "2023-05", "2023-06")
    assert offenders["禄丰市"] == ("website", 3, 2, "2023-05", "2023Q3")


def test_the_same_period_from_two_notices_is_one_period(tmp_path):
    """One notice published twice (001 and r18 of corpus/ are 黔东南州's 2023Q4), or two
    issuers of one quarter: one period failed."""
    conn = write(tmp_path / "kb.db", [
        (period_notice("a", "贵州省", 2023, "quarter", 4, "州政府政务信息中心",
                       "黔东南苗族侗族自治州"),
         [failing("岑巩县", channel="weibo")]),
        (period_notice("b", "贵州省", 2023, "quarter", 4, "州政府政务信息中心",
                       "黔东南苗族侗族自治州"),
         [failing("岑巩县", channel="weibo")]),
        (period_notice("c", "贵州省", 2023, "quarter", 4, "贵州省人民政府办公厅"),
         [failing("岑巩县", channel="weibo")]),
    ])
    assert offenders_by_name(conn) == {}


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
    # the notices name no issuer: the province's government (kb/units.py issuer_key)
    edge = graph.get_edge_data(minzong, "period:2020Q4")["failed_in 630000|"]
    assert (edge["findings"], edge["notices"], edge["issuer"]) == (2, 1, "630000|")
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


def failures_from_findings(conn):
    """Each failing unit's figures added up straight from its negative findings: what
    failing_units reads from unit_notice must come to."""
    units = {uid: [notices, sorted(set((problems or "").split(",")) - {""}),
                   sorted(set((provinces or "").split(",")) - {""}), undated or 0, {}]
             for uid, notices, problems, provinces, undated in conn.execute(
                 "SELECT u.id, count(DISTINCT f.notice_id), group_concat(DISTINCT f.problem), "
                 "group_concat(DISTINCT coalesce(nullif(u.province, ''), f.province)), "
                 "max(CASE WHEN coalesce(f.period_key, '') = '' THEN f.consecutive_periods END) "
                 "FROM finding f JOIN unit u ON u.id = f.unit_id WHERE f.polarity = 'negative' GROUP BY u.id")}
    for uid, key, issuer, findings, notices, stated, problems in conn.execute(
            "SELECT f.unit_id, f.period_key, coalesce(n.issuer_key, ''), count(*), count(DISTINCT f.notice_id), "
            "max(coalesce(f.consecutive_periods, 0)), group_concat(DISTINCT f.problem) "
            "FROM finding f JOIN notice n ON n.id = f.notice_id "
            "WHERE f.polarity = 'negative' AND coalesce(f.period_key, '') != '' "
            "GROUP BY f.unit_id, f.period_key, n.issuer_key"):
        units[uid][4][key, issuer] = (findings, notices, stated, ",".join(sorted(set(problems.split(",")))))
    return units


def test_failure_figures_are_those_of_the_findings(xuancheng):
    _, conn = xuancheng
    read = {unit["unit_id"]: [unit["notices"], unit["problems"], unit["provinces"], unit["stated_undated"],
                              {k: (e["findings"], e["notices"], e["consecutive_periods"], e["problems"])
                               for k, e in failures.items()}]
            for unit, failures in failing_units(conn)}
    expected = failures_from_findings(conn)
    assert len(expected) >= 10 and any(u[3] or any(e[2] for e in u[4].values()) for u in expected.values())
    assert read == expected


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
