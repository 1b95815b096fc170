"""The spaCy pipeline and the notice record it yields for real notices."""
import json
from pathlib import Path

import jieba
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import load_notice
from nlp import Parser, parse_notice
from nlp.pipeline import build_pipeline

CORPUS = Path(__file__).parent.parent / "corpus"
_PIPELINE = build_pipeline()
SCHEMA = json.loads((Path(__file__).parent / "record_schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def parser():
    return Parser()


@pytest.fixture(scope="module")
def qinghai(parser):
    notice = load_notice(next(CORPUS.glob("000_*.txt")))
    return notice, parser.parse(notice)


def test_pipeline_is_blank_chinese_with_jieba_and_registered_components():
    nlp = build_pipeline()
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["tongbao_sections", "tongbao_rates", "tongbao_findings"]
    text = "一、主要问题\n如:泽库县政府网站连续四个季度检查不合格。"
    doc = nlp(text)
    # one token per jieba word, whitespace included, so the tokens give back the text
    assert [t.text for t in doc] == list(jieba.cut(text, HMM=False))
    assert doc.text == text
    assert [f["unit"] for f in doc._.findings] == ["泽库县"]
    assert [s.text for s in doc.spans["sections"]] == ["一、主要问题"]
    assert doc.spans["findings"][0].start_char <= doc.text.index("泽库县")


def test_record_follows_the_schema(qinghai):
    _, record = qinghai
    jsonschema.validate(record, SCHEMA)


def test_header_copied_with_source(qinghai):
    notice, record = qinghai
    assert record["notice"]["source"] == notice.path
    assert record["notice"]["sha256"] == notice.sha256
    assert record["notice"]["province"] == notice.header.get("province")


def test_findings_point_at_their_evidence(qinghai):
    notice, record = qinghai
    for f in record["findings"] + record["pass_rates"]:
        assert notice.text[f["start"]:f["end"]] == f["evidence"], f
        if "unit" in f:      # the unit as named, where it is named
            named = notice.text[f["unit_start"]:f["unit_end"]]
            assert named.startswith(f["unit"]) or f["unit"] in named, f


def test_qinghai_findings(qinghai):
    _, record = qinghai
    by_unit = {}
    for f in record["findings"]:
        by_unit.setdefault(f["unit"], []).append(f)
    zeku = by_unit["泽库县"]
    assert {f["problem"] for f in zeku} >= {"not_updated", "unspecified"}
    assert any(f.get("consecutive_periods") == 4 for f in zeku)
    assert all(f["section"] == "(一)不及时更新问题反弹" for f in zeku)
    assert [f["polarity"] for f in by_unit["西宁城东公安"]] == ["positive"]
    assert by_unit["青海省社会组织"][0]["problem"] == "interaction_poor"
    assert [(r["scope"], r["rate"]) for r in record["pass_rates"]] == [("website", 91.8), ("new_media", 69.8)]
    assert "马燕燕" not in by_unit          # the page's editor, not a unit


def test_table_months(parser):
    record = parser.parse(load_notice(next(CORPUS.glob("001_*.txt"))))
    months = sorted(f["month"] for f in record["findings"] if f["unit"] == "贵州省黔东南州文旅在线"
                    and "month" in f)
    assert months == [8, 10]


def test_parse_notice_reuses_one_parser():
    notice = load_notice(CORPUS / "r23.txt")
    first = parse_notice(notice)
    assert parse_notice(notice) == first
    assert sorted(f["unit"] for f in first["findings"]) == sorted(
        ["濮阳知识产权", "大美马市坪", "固始民政", "和谐张集", "大美新安集",
         "河南油田公安"])


def test_the_notices_own_region_is_not_a_finding(parser):
    record = parser.parse(load_notice(CORPUS / "r24.txt"))
    units = {f["unit"] for f in record["findings"]}
    assert "天津市" not in units and "市民政局" in units


NOTICE_PIECES = ["、", ",", ":", ";", "。", "|", "\n", "“", "”", "(", ")", "(一)", "一、", "1.", "如:", "等",
                 "网站", "微信公众号", "不合格", "合格率", "95.5%", "泽库县", "省民宗委",
                 "更新不及时", "表现较好",
                 "附件", "序号 |", "8月 |", "除", "外", "连续四个季度", "的", "有"]


@given(st.lists(st.sampled_from(NOTICE_PIECES), max_size=60))
@settings(max_examples=60, deadline=None)
def test_any_text_parses_and_offsets_stay_inside(pieces):
    text = "".join(pieces)
    doc = _PIPELINE(text)
    for entry in doc._.findings + doc._.pass_rates:
        assert 0 <= entry["start"] <= entry["end"] <= len(text)
        assert entry["evidence"] == text[entry["start"]:entry["end"]]


@pytest.mark.parametrize("name", ["003_39350d8b886053ef.txt", "r10.txt", "r27.txt"])
def test_traditional_edition_gives_the_same_findings(parser, tmp_path, name):
    from opencc import OpenCC
    source = CORPUS / name
    traditional = tmp_path / name
    traditional.write_text(OpenCC("s2t").convert(source.read_text(encoding="utf-8")), encoding="utf-8")

    def keys(path):
        return {(f["unit"], f["polarity"], f["problem"]) for f in parser.parse(load_notice(path))["findings"]}
    assert keys(traditional) == keys(source)


def test_label_value_records_and_contact_lines():
    doc = _PIPELINE("二、存在的主要问题\n2.网站名称:张家口市宣化区林业局网站;"
                    "存在问题:网站无法访问。\n(联系人:顾思明;联系方式:8235320)")
    assert [(f["unit"], f["problem"]) for f in doc._.findings] == [
        ("张家口市宣化区林业局", "site_unavailable")]


def test_attachments_listed_by_title_are_not_findings_but_a_titled_list_is():
    listed_by_title = ("二、存在的问题\n如:县林业局网站超过2周未更新。\n"
                       "附件:1.千岛湖镇政府网站问题清单\n"
                       "2.县教育局网站问题清单\n抄送:县委办公室,县政协办公室。")
    assert [f["unit"] for f in _PIPELINE(listed_by_title)._.findings] == ["县林业局"]
    titled_list = ("附件:2020年第四季度不合格网站名单\n1.东湖区人民政府网站\n"
                   "2.市水利局网站\n某市人民政府办公室")
    found = _PIPELINE(titled_list)._.findings
    assert [(f["unit"], f["polarity"]) for f in found] == [("东湖区", "negative"), ("市水利局", "negative")]


def test_pinyin_glued_edition_gives_the_same_findings(parser, tmp_path):
    """Readings glued after characters (網(wǎng)) as some reposting sites print them."""
    import re
    source = CORPUS / "r10.txt"
    text = source.read_text(encoding="utf-8")
    readings = ["(wǎng)", "(zhàn)", "(gōng)", "(zuò)", "(qíng)"]
    count = iter(range(10 ** 6))
    glued = re.sub(r"[\u4e00-\u9fff]", lambda m: m.group(0) + (readings[n % 5] if (n := next(count)) % 4 == 0
                                                                 else ""), text)
    (tmp_path / "r10.txt").write_text(glued, encoding="utf-8")

    def keys(path):
        return {(f["unit"], f["polarity"], f["problem"]) for f in parser.parse(load_notice(path))["findings"]}
    assert keys(tmp_path / "r10.txt") == keys(source)
