"""Sections and sentences: heading chains and wrapped lines."""
from nlp.sections import heading_level, split_sentences

TEXT = """一、检查情况
(一)总体情况。全省正常运行134个政府网站。
二、主要问题
(一)不及时更新问题反弹。部分网站单位重视程度降低。\
如:省民宗委、玉树市等政府网站更新不及时栏目超过10个。
1.政府网站情况:达标率较高的政府网站有:西宁市、
果洛州政府门户网站。
附件
第四季度政府网站和政务新媒体工作成效明显的单位
西区政府、米易县政府 |"""


def test_heading_levels():
    assert heading_level("一、检查情况") == 1
    assert heading_level("(二)监管情况。") == 2
    assert heading_level("1.政府网站情况") == 3
    assert heading_level("一是加强监管") == 3
    assert heading_level("附件:1.名单") == 1
    assert heading_level("2020年第四季度") is None


def test_every_sentence_keeps_its_headings():
    segs = split_sentences(TEXT)
    example = next(s for s in segs if s.text.startswith("如:"))
    assert example.headings == ["二、主要问题", "(一)不及时更新问题反弹"]
    assert example.section == "(一)不及时更新问题反弹"
    assert TEXT[example.start:example.end] == example.text


def test_wrapped_enumeration_is_one_sentence_with_offsets():
    segs = split_sentences(TEXT)
    wrapped = next(s for s in segs if "西宁市、" in s.text)
    assert wrapped.text.endswith("西宁市、果洛州政府门户网站。")
    assert [TEXT[o] for o in wrapped.offsets] == list(wrapped.text)


def test_attachment_title_heads_its_table():
    segs = split_sentences(TEXT)
    assert segs[-1].headings == ["第四季度政府网站和政务新媒体工作成效明显的单位"]


def test_headings_inside_a_page_flattened_to_one_paragraph():
    text = ("一、总体情况本季度检查网站20个。二、存在的问题个别网站更新不及时。"
            "如:县林业局网站。三、工作要求请整改。")
    segs = split_sentences(text)
    example = next(s for s in segs if s.text.startswith("如:"))
    assert example.headings[-1].startswith("二、存在的问题")
    assert segs[-1].headings[-1].startswith("三、工作要求")
    assert [s.is_heading for s in segs] == [True, True, False, True]
