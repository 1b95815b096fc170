"""The inspected period as a span (ingest/period.py): granularity, first and last day, and a
key that sorts and never mixes two periods of one year."""
from pathlib import Path

import pytest

from ingest import load_notice
from ingest.header import read_header
from ingest.period import of_months, span

CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.mark.parametrize("name, granularity, first, last, key", [
    ("r07", "month", "2017-09-01", "2017-09-30", "2017-09"),      # 福州 2017年9月份
    ("r45", "month", "2023-09-01", "2023-09-30", "2023-09"),      # 连云港 2023年9月
    ("r50", "month", "2017-02-01", "2017-02-28", "2017-02"),      # 阜阳 2017年2月份
    ("r63", "month", "2022-10-01", "2022-10-31", "2022-10"),      # 章贡区 2022年10月
    ("r89", "month", "2020-05-01", "2020-05-31", "2020-05"),      # 昌都 2020年5月
    ("r99", "month", "2023-03-01", "2023-03-31", "2023-03"),      # 陈仓区 2023年3月份
    ("r80", "round", None, None, "2018R2"),                       # 2018年第二次
    ("r24", "half", "2024-07-01", "2024-12-31", "2024H2"),        # 2024年下半年
    ("r18", "quarter", "2023-10-01", "2023-12-31", "2023Q4"),     # 第四季度, the year from the check's days
    ("r102", None, None, None, None),                             # names no period
])
def test_period_span_of_real_notices(name, granularity, first, last, key):
    h = load_notice(CORPUS / f"{name}.txt").header
    assert (h["granularity"], h["period_start"], h["period_end"], h["period_key"]) == (granularity, first, last, key)


def test_two_monthly_notices_of_one_city_and_year_have_two_keys():
    """沈阳's 2022年10月份 (r37) and its 2023年第四季度 (r19): and two months of one year differ."""
    keys = {load_notice(CORPUS / f"{n}.txt").header["period_key"] for n in ("r37", "r19")}
    assert keys == {"2022-10", "2023Q4"}
    assert span(2023, "month", 3).key != span(2023, "month", 4).key


@pytest.mark.parametrize("wording, granularity, quarter, first, last, key", [
    ("2023年7-9月份", "quarter", 3, "2023-07-01", "2023-09-30", "2023Q3"),
    ("2023年1-6月", "half", None, "2023-01-01", "2023-06-30", "2023H1"),
    ("2023年7月至10月", "other", None, "2023-07-01", "2023-10-31", "2023-07/2023-10"),
    ("2023年11月至2024年1月", "other", None, "2023-11-01", "2024-01-31", "2023-11/2024-01"),
    ("2023年度", "year", None, "2023-01-01", "2023-12-31", "2023"),
    ("2023年第十二次", "round", None, None, None, "2023R12"),
    ("2024年2月份", "month", None, "2024-02-01", "2024-02-29", "2024-02"),
])
def test_period_wordings(wording, granularity, quarter, first, last, key):
    h = read_header(f"关于{wording}全市政府网站检查情况的通报\n各区政府:\n"
                    f"现将{wording}政府网站抽查情况通报如下,"
                    "抽查合格率为98%。")
    assert (h["granularity"], h["quarter"], h["period_start"], h["period_end"], h["period_key"]) == \
        (granularity, quarter, first, last, key)


def test_keys_sort_by_year_and_never_collide():
    keys = [span(2023, "year").key, span(2023, "month", 3).key, span(2023, "half", 2).key,
            span(2023, "quarter", 4).key, span(2023, "round", 2).key, of_months(2023, 7, 10).key,
            span(2022, "quarter", 4).key, span(2024, "month", 1).key]
    assert len(set(keys)) == len(keys)
    assert sorted(keys)[0] == "2022Q4" and sorted(keys)[-1] == "2024-01"


def test_no_year_no_key_nor_days():
    """****年第一季度: a quarter of an unknown year."""
    for s in (span(None, "quarter", 1), of_months(None, 7, 10)):
        assert (s.first, s.last, s.key) == (None, None, None) and s.granularity in ("quarter", "other")
