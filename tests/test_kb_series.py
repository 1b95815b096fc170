"""Repeat offenders of the real notice series in corpus/: the issuers with several notices.

Each series is imported on its own, through the real parser, into its own knowledge base.
What it must give was written by hand from the gold records (tests/gold/NAME.json): the
units faulted (negative findings) in two or more of the series' periods, under the names the
gold gives them, with their channel, the number of periods and the longest streak; and a
unit whose notice states a streak (连续N个月) with that streak. Where a series has no such
unit, it must give none: a unit commended in one period and faulted in another, or faulted
twice in one period, is no repeat offender.
"""
import sqlite3
from pathlib import Path

import pytest

from kb.importer import import_paths

CORPUS = Path(__file__).parent.parent / "corpus"

# series: (its notices, {(unit as the gold names it, channel): (periods failed, longest streak)})
SERIES = {
    # 广东省人民政府办公厅, quarterly: r77 2024Q3 commends 18 cities (佛山, 茂名, 揭阳 …) and
    # faults none; r78 2025Q1 faults 韶关, 茂名, 揭阳市; r11 2025Q2 faults 佛山市. Each of
    # them failed in one quarter only.
    "广东 2024–2025": (["r77", "r78", "r11"], {}),
    # 无锡市人民政府办公室, quarterly: r51 2021Q3 faults five accounts (无锡刑警 …); r108
    # 2021Q4 and r52 2022Q4 (excerpts cut before their lists) fault none.
    "无锡 2021–2022": (["r51", "r108", "r52"], {}),
    # 重庆市人民政府办公厅, quarterly: r82 2023Q2 and r83 2023Q3 commend units (沙坪坝区政府 and
    # 市人力社保局 in both) and fault none.
    "重庆 2023": (["r82", "r83"], {}),
    # 湖北省人民政府办公厅, rounds of checks: r06 (a news page) and r65 (the notice) report
    # 2018's second round, r69 2021's second. 十堰市 (r65) is faulted again as 十堰 (r69).
    "湖北 rounds 2018, 2021": (["r06", "r65", "r69"], {("十堰市", "website"): (2, 1)}),
    # 福建省人民政府办公厅, quarterly: 平潭综合实验区管委会网站 (003, 2021Q2: no IPv6) is
    # faulted again as 平潭综合实验区党工委管委会网站 (r61, 2022Q1: updates, wording); both
    # notices address the body as 平潭综合实验区管委会.
    "福建 2021–2022": (["003_39350d8b886053ef", "r61"], {("平潭综合实验区管委会", "website"): (2, 1)}),
    # 黔东南州政府政务信息中心's 2023Q4 notice, published twice (001 and r18): the units it
    # faults failed in one quarter.
    "黔东南 2023Q4 twice": (["001_fa05f5aae7f74bf4", "r18"], {}),
    # 青海省人民政府(办公厅), quarterly: 004 2017Q4, 000 2020Q4, r28 2021Q2 fault no unit
    # twice; 000 says 泽库县政府网站连续四个季度检查不合格, and of accounts
    # 长期不更新,连续四个季度检查不合格。如:青海微气象(省气象局).
    "青海 2017–2021": (["004_e79e93506fdd3ac5", "000_05253d980fb5c9d6", "r28"],
                     {("泽库县", "website"): (1, 4), ("青海微气象", "new_media"): (1, 4)}),
}
# 武定县人民政府办公室, monthly: 县财政局 publishes nothing in 2023年3月 (r106) nor in 2025年9月
# (r13); r13 says 县水务局连续两个月未有信息发布, 县地震局连续三个月未有信息发布.
WUDING = (["r106", "r13"], {("县财政局", "website"): (2, 1), ("县水务局", "website"): (1, 2),
                           ("县地震局", "website"): (1, 3)})


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    """Each series (and 武定县's) imported into a knowledge base of its own."""
    dbs = {}
    for name, (docs, _) in {**SERIES, "武定县 2023–2025": WUDING}.items():
        db = tmp_path_factory.mktemp("series") / "kb.db"
        summary = import_paths([CORPUS / f"{doc}.txt" for doc in docs], db, jobs=1)
        assert summary.failed == 0, summary.failures
        dbs[name] = db
    return dbs


def offenders(db, expected):
    """(the repeat offenders as {unit id: (periods failed, longest streak)}, the units the
    expected names and channels were stored as)."""
    conn = sqlite3.connect(db)
    try:
        rows = {r[0]: tuple(r[1:]) for r in conn.execute(
            "SELECT unit_id, periods_failed, longest_streak FROM repeat_offender")}
        units = {}
        for (name, channel), figures in expected.items():
            found = {r[0] for r in conn.execute(
                "SELECT DISTINCT a.unit_id FROM unit_alias a JOIN unit u ON u.id = a.unit_id "
                "WHERE a.alias = ? AND u.channel = ?", (name, channel))}
            assert found, f"{name} ({channel}) is stored under no unit"
            for uid in found:
                units[uid] = figures
        return rows, units
    finally:
        conn.close()


@pytest.mark.parametrize("series", SERIES)
def test_a_real_series_gives_exactly_its_repeat_offenders(imported, series):
    rows, expected = offenders(imported[series], SERIES[series][1])
    # each expected unit is one stored unit, however the notices name it
    assert len(expected) == len(SERIES[series][1])
    assert rows == expected


def test_wuding_monthly_units_failing_in_two_months(imported):
    """The periods of 武定县's monthly series, without the streaks r13 states."""
    rows, expected = offenders(imported["武定县 2023–2025"], WUDING[1])
    assert {uid: figures[0] for uid, figures in rows.items() if figures[0] >= 2} == \
        {uid: figures[0] for uid, figures in expected.items() if figures[0] >= 2}


def test_wuding_monthly_series_with_its_stated_streaks(imported):
    rows, expected = offenders(imported["武定县 2023–2025"], WUDING[1])
    assert rows == expected


def test_units_named_differently_in_one_series_are_one_unit(imported):
    """Names the gold gives one unit across a series' notices, commended or faulted."""
    for series, channel, names in [("广东 2024–2025", "website", ("佛山", "佛山市")),
                                   ("广东 2024–2025", "website", ("揭阳", "揭阳市")),
                                   ("湖北 rounds 2018, 2021", "website", ("十堰", "十堰市")),
                                   ("重庆 2023", "website", ("沙坪坝区政府",)),
                                   ("福建 2021–2022", "website",
                                    ("平潭综合实验区管委会", "平潭综合实验区党工委管委会"))]:
        conn = sqlite3.connect(imported[series])
        units = {r[0] for r in conn.execute(
            f"SELECT DISTINCT a.unit_id FROM unit_alias a JOIN unit u ON u.id = a.unit_id "
            f"WHERE a.alias IN ({','.join('?' * len(names))}) AND u.channel = ?", (*names, channel))}
        aliases = {r[0] for r in conn.execute(
            f"SELECT DISTINCT alias FROM unit_alias WHERE unit_id IN ({','.join('?' * len(units))})",
            sorted(units))}
        conn.close()
        assert len(units) == 1 and set(names) <= aliases, (series, names, units, aliases)
