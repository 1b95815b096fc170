"""The header read from real notices equals the hand-made gold."""
import json
from pathlib import Path

import pytest

from ingest import load_notice

ROOT = Path(__file__).parent.parent
GOLD = ROOT / "tests" / "gold"
FULL = sorted(p.stem for p in GOLD.glob("0*.json"))
EXCERPTS = sorted(p.stem for p in GOLD.glob("r*.json"))


def _header_and_gold(name):
    gold = json.loads((GOLD / f"{name}.json").read_text("utf-8"))
    return load_notice(ROOT / "corpus" / f"{name}.txt").header, gold


@pytest.mark.parametrize("name", FULL)
def test_full_notice_header_equals_gold(name):
    header, gold = _header_and_gold(name)
    assert (header["year"], header["quarter"], header["province"]) == \
        (gold["year"], gold["quarter"], gold["province"])


def test_excerpt_headers_equal_gold():
    """The excerpts are cut short and noisy; every one must match."""
    wrong = []
    for name in EXCERPTS:
        header, gold = _header_and_gold(name)
        got = (header["year"], header["quarter"], header["province"])
        if got != (gold["year"], gold["quarter"], gold["province"]):
            wrong.append((name, got))
    assert not wrong


def test_corps_notice_is_in_xinjiang():
    """r15 names only the 兵团 and its divisions (第十四师昆玉市), which cpca does not know;
    the Corps is in Xinjiang."""
    header = load_notice(ROOT / "corpus" / "r15.txt").header
    assert header["province"] == "新疆维吾尔自治区"
    assert (header["prefecture"], header["county"]) == (None, None)


def test_a_mention_of_the_corps_does_not_outvote_the_notice_s_own_province(tmp_path):
    header = _notice_file(tmp_path, "关于2022年第一季度全省政府网站检查情况的通报\n"
                                    "各市(州)人民政府:\n"
                          "甘肃省政府办公厅对全省政府网站开展了检查,合格率为98%。"
                          "兰州市、天水市网站均合格。"
                          "新疆生产建设兵团有关单位来我省交流网站管理经验。")
    assert header["province"] == "甘肃省"


def test_full_header_of_a_provincial_notice():
    header = load_notice(ROOT / "corpus" / "000_05253d980fb5c9d6.txt").header
    assert header == {
        "title": "青海省人民政府办公厅关于2020年第四季度全省政府网站检查情况的通报",
        "issuer": "青海省人民政府办公厅", "province": "青海省", "prefecture": None,
        "county": None, "year": 2020, "quarter": 4, "period": "2020年第四季度",
        "granularity": "quarter", "period_start": "2020-10-01", "period_end": "2020-12-31",
        "period_key": "2020Q4", "published": "2021-01-28", "doc_number": None}


def test_county_notice_names_its_prefecture_and_province():
    header = load_notice(ROOT / "corpus" / "r17.txt").header
    assert (header["province"], header["prefecture"], header["county"]) == ("福建省", "泉州市", "泉港区")
    assert header["published"] == "2024-09-10"


def test_prefecture_notice_with_its_own_doc_number():
    header = load_notice(ROOT / "corpus" / "r07.txt").header
    assert header["doc_number"] == "榕政办〔2017〕294号"
    assert (header["province"], header["prefecture"]) == ("福建省", "福州市")
    assert (header["year"], header["quarter"], header["period"]) == (2017, None, "2017年9月份")


@pytest.mark.parametrize("name, year, quarter", [
    ("r24", 2024, None),      # 2024年下半年
    ("r06", 2018, None),      # 2018年第二次 with no quarter named
    ("r03", 2016, 2),         # 第2次, but the text names 本年第二季度
    ("r18", 2023, 4),         # 第四季度, the year from the inspection dates
    ("r02", 2025, 1),         # ****年 masked in the body, the title gives the year
    ("r100", 2016, 2),        # 第二季 without 度; the year from the page's date 17.06.2016
    ("r80", 2018, None),      # 2018年第二次; its 第一季度 is an earlier check's (抽查发现的问题)
    ("r98", 2017, None),      # a Gansu page on 二季度全国…抽查 and on its own 第三次全省 round
    ("r94", 2025, 1),         # 第一季度; 均于2025年1月22日前…发布了 is a date of its figures
    ("r39", 2021, 1),         # 第一季度; the year from 成文日期: | 2021-03-31 |
])
def test_period_rules(name, year, quarter):
    header = load_notice(ROOT / "corpus" / f"{name}.txt").header
    assert (header["year"], header["quarter"]) == (year, quarter)


@pytest.mark.parametrize("name, province", [
    ("r74", "湖南省"),    # 常德's notice on a hacked page: 澳门金沙博彩娱乐平台 in its title
    ("r56", "安徽省"),    # names its county only in 郎溪经开区
    ("r98", "甘肃省"),    # retells the State Council's check but speaks as 我省
    ("r102", None),       # 全国政府网站首份普查报告出炉: national, though it names 新疆兵团
])
def test_province_rules(name, province):
    assert load_notice(ROOT / "corpus" / f"{name}.txt").header["province"] == province


def test_national_notice_has_no_province():
    header = load_notice(ROOT / "corpus" / "r04.txt").header
    assert header["province"] is None
    assert header["issuer"] == "国务院办公厅政府信息与政务公开办公室"


def _notice_file(tmp_path, body):
    path = tmp_path / "notice.txt"
    path.write_text(body, encoding="utf-8")
    return load_notice(path).header


def test_month_range_of_one_quarter_gives_the_quarter(tmp_path):
    header = _notice_file(tmp_path, "关于2021年7-9月全市政府网站检查情况的通报\n"
                          "各区政府:现将2021年7-9月政府网站抽查情况通报如下,"
                          "抽查合格率为98%。")
    assert (header["year"], header["quarter"]) == (2021, 3)


def test_month_range_across_quarters_gives_no_quarter(tmp_path):
    header = _notice_file(tmp_path, "关于2020年7月—10月全市政府网站检查情况的通报\n"
                          "各区政府:现将2020年7月—10月政府网站抽查情况通报如下,"
                          "抽查合格率为98%。")
    assert (header["year"], header["quarter"]) == (2020, None)


def test_masked_year_stays_unknown(tmp_path):
    header = _notice_file(tmp_path, "关于****年第一季度全市政府网站检查情况的通报\n"
                          "各区政府:现将政府网站抽查情况通报如下,抽查合格率为98%。")
    assert (header["year"], header["quarter"]) == (None, 1)


@pytest.mark.parametrize("name, prefecture, county", [
    ("001_fa05f5aae7f74bf4", "黔东南苗族侗族自治州", None),  # issuer 州政府政务信息中心
    ("r13", "楚雄彝族自治州", "武定县"),                     # issuer 县政府办公室
    ("r08", "咸宁市", None),                               # issuer 市人民政府办公室
    ("r24", None, None),                                   # 市政府办公厅 of a municipality
])
def test_unnamed_local_issuer_is_placed_by_the_text(name, prefecture, county):
    header = load_notice(ROOT / "corpus" / f"{name}.txt").header
    assert (header["prefecture"], header["county"]) == (prefecture, county)


def test_annual_title_wins_over_a_quarter_named_later(tmp_path):
    header = _notice_file(tmp_path, "关于2021年度全市政府网站和政务新媒体检查情况的通报\n"
                          "各区政府:\n2021年,"
                          "市政府办公室对全市政府网站和政务新媒体开展了常态化检查,"
                          "抽查合格率为98%。\n一、总体情况\n"
                          "第三季度通报的问题均已整改到位。")
    assert (header["year"], header["quarter"], header["period"]) == (2021, None, "2021年度")


def test_annual_period_in_the_opening_sentence(tmp_path):
    header = _notice_file(tmp_path, "关于全市政府网站和政务新媒体检查情况的通报\n"
                          "各区政府:\n市政府办公室组织开展了2021年全年全市政府网站检查,"
                          "现将检查情况通报如下。"
                          "\n第三季度通报的问题均已整改到位,抽查合格率为98%。")
    assert (header["year"], header["quarter"], header["period"]) == (2021, None, "2021年全年")


@pytest.mark.parametrize("title, quarter", [
    ("关于2021年度第一季度全市政府网站检查情况的通报", 1),   # a quarter of the year
    ("关于2021年度第二次全市政府网站抽查情况的通报", None),  # a round of the year
])
def test_a_period_within_the_year_is_not_the_whole_year(tmp_path, title, quarter):
    header = _notice_file(tmp_path, f"{title}\n各区政府:\n前期通报的网站问题均已整改,"
                                    f"抽查合格率为98%。")
    assert (header["year"], header["quarter"]) == (2021, quarter)
    assert header["period"] != "2021年度"


def test_a_year_named_in_a_citation_is_not_the_period(tmp_path):
    header = _notice_file(tmp_path, "关于全市政府网站检查情况的通报\n各区政府:\n"
                                    "按照《2021年度政务公开"
                          "工作要点》要求,"
                          "市政府办公室对2021年第三季度全市政府网站进行了检查,"
                          "合格率为98%。")
    assert (header["year"], header["quarter"]) == (2021, 3)


def test_ministry_notice_addressed_to_every_province_is_national(tmp_path):
    """A ministry's notice names provinces it praises, but covers the whole country."""
    path = tmp_path / "ministry.txt"
    path.write_text(
        "水利部办公厅关于2022年第四季度水利政府网站和政务新媒体检查情况的通报\n"
        "部机关各司局,部直属各单位,各省、自治区、直辖市水利(水务)厅(局):\n"
        "部办公厅组织开展了2022年第四季度水利政府网站和政务新媒体检查,"
        "现将有关情况通报如下。\n"
        "黑龙江省水利厅、浙江省水利厅网站检查得分排名前列,予以通报表扬。"
        "黑龙江省水文中心网站无法访问。\n",
        encoding="utf-8")
    header = load_notice(path).header
    assert header["province"] is None
    assert (header["year"], header["quarter"]) == (2022, 4)


def test_when_the_check_was_done_is_not_the_period_inspected(tmp_path):
    header = _notice_file(tmp_path, "各设区市人民政府,省各直属单位:\n"
                          "省政府办公厅于2021年8月至9月组织开展了2021年第三季度全省政府网站"
                          "和政务新媒体"
                          "抽查工作。现将有关情况通报如下。\n一、总体情况\n"
                          "本季度共抽查政府网站186个。\n")
    assert (header["year"], header["quarter"]) == (2021, 3)


QUARTER_NOTICE = ("关于第四季度全市政府网站检查情况的通报\n各区政府:\n"
                  "{body}现将第四季度政府网站抽查情况通报如下,"
                  "抽查合格率为98%。请于{deadline}前完成整改。\n{signature}")


@pytest.mark.parametrize("body, deadline, signature, year", [
    # the notice's own date; a fourth quarter dated January is the year before
    ("", "2024年2月10日", "市政府办公室\n2024年1月20日", 2023),
    ("", "2023年12月31日", "市政府办公室\n2023年12月20日", 2023),
    # no date of its own: the days of the check count, a deadline and 以来 do not
    ("2022年以来,全市网站建设不断加强。"
     "市政府办公室于2021年12月1日至10日开展了检查。", "2023年1月10日", "", 2021),
    ("2022年以来,全市网站建设不断加强。", "2023年1月10日", "", None),
])
def test_year_of_a_period_that_names_none(tmp_path, body, deadline, signature, year):
    header = _notice_file(tmp_path, QUARTER_NOTICE.format(body=body, deadline=deadline, signature=signature))
    assert (header["year"], header["quarter"]) == (year, 4)


def test_a_round_takes_no_quarter_of_an_earlier_check(tmp_path):
    header = _notice_file(tmp_path, "关于2019年第二次全省政府网站抽查情况的通报\n各市政府:\n"
                          "省政府办公厅组织开展了2019年第二次全省政府网站抽查,合格率为95%,"
                          "比第一季度提高2个百分点。"
                          "本次还对2019年第一季度抽查发现的问题网站进行了复查。")
    assert (header["year"], header["quarter"]) == (2019, None)


@pytest.mark.parametrize("name, issuer", [
    ("r100", "省政府信息公开工作领导小组办公室"),   # 此次…抽查工作是由…办公室组织的
    ("r94", "市政府办公室"),                       # 近期市政府办公室会同市数据局…
    ("r39", "区政府办公室"),                       # 区政府办公室根据国务院办公厅…
    ("r31", "市人民政府办公室"),                   # 一季度市人民政府办公室…
    ("r61", "福建省人民政府办公厅"),               # ●福建省人民政府办公厅关于…
])
def test_the_issuer_is_the_body_alone(name, issuer):
    """The body that issued a real notice, without the time words, bullets, second bodies and
    citations around it in the sentence that names it."""
    assert load_notice(ROOT / "corpus" / f"{name}.txt").header["issuer"] == issuer
