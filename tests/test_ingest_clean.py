"""Clean text of real notices: simplified, no pinyin readings, the site furniture gone,
the notice whole, and every character traceable to the raw text."""
import re
from pathlib import Path

import pytest

from ingest import load_notice
from ingest.normalize import _t2s, normalize, to_halfwidth

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.txt"))
TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
READING = re.compile(rf"[(（][a-zü{TONE}]*[{TONE}][a-zü{TONE}]*[)）]")


@pytest.fixture(scope="module")
def notices():
    return {p.stem: load_notice(p) for p in CORPUS}


def _by_prefix(notices, prefix):
    return next(n for name, n in notices.items() if name.startswith(prefix))


def test_no_pinyin_reading_left(notices):
    raw_000 = _by_prefix(notices, "000").raw_text
    assert len(READING.findall(raw_000)) == 288          # the readings the page had
    for name, notice in notices.items():
        assert not READING.findall(notice.text), name


def test_no_traditional_character_left(notices):
    t2s = _t2s()
    for name, notice in notices.items():
        left = {c for c in set(notice.text) if t2s.convert(c) != c}
        assert not left, (name, left)


def test_real_brackets_kept():
    text, _ = normalize("關(guān)于黔东南州自然资源局(政务微博)和(国办秘函〔2019〕19号)"
                        "的通報（wǎng）")
    assert text == "关于黔东南州自然资源局(政务微博)和(国办秘函〔2019〕19号)的通报"


def test_simplified_place_names_survive_t2s():
    """OpenCC alone turns 乾安县 into 干安县; the name is kept, the traditional text around it
    still converted."""
    assert normalize("乾安縣、乾安县網站")[0] == "乾安县、乾安县网站"


def test_full_width_digits_letters_and_percent_become_half_width():
    assert normalize("合格率为９１％，ＡＰＰ共３个")[0] == "合格率为91%，APP共3个"


def test_stray_markup_removed_and_offsets_kept():
    raw = "<p>关于&nbsp;2021年</p><br/>第一季度&#13;通报&amp;检查</div>"
    text, offsets = normalize(raw)
    assert text == "关于 2021年\n第一季度 通报&检查"
    assert [raw[o] for o, c in zip(offsets, text) if c.isalnum()] == [c for c in text if c.isalnum()]


def test_003_ends_with_signature_and_attachments_not_the_aggregator(notices):
    text = _by_prefix(notices, "003").text
    assert "福建省人民政府办公厅\n2021年6月29日\n附件1" in text
    assert text.endswith("附件3\n2021年第二季度不合格政务新媒体名单")
    assert "版权" not in text and "人阅读" not in text


def test_000_keeps_no_navigation(notices):
    lines = _by_prefix(notices, "000").text.split("\n")
    assert lines[:2] == ["青海省人民政府办公厅",
                         "关于2020年第四季度全省政府网站检查情况的通报"]
    assert not any(re.search(r"设为首页|您的位置|省政协|无障碍", line) for line in lines)


def test_002_keeps_no_spam_domain(notices):
    text = _by_prefix(notices, "002").text
    assert "coffeezulin" not in text and "选择阅读字号" not in text
    assert text.startswith("攀枝花市人民政府办公室关于2023年第四季度")


@pytest.mark.parametrize("name, gone", [
    ("r09", "黄色"), ("r17", "久久"), ("r15", "亚洲"),           # injected spam titles
    ("r09", "afdelivr"), ("r28", "gymcjnpx"), ("004", "gov.cn"),  # spam domain lines
    ("r16", "当前位置"), ("r26", "加入收藏"),                     # breadcrumbs, nav bars
    ("r09", "默认 超大"), ("r15", "打印本页"), ("r12", "A+"),      # font-size and print widgets
    ("004", "扫一扫"), ("r07", "扫描二维码"), ("r12", "欢迎您"),
])
def test_furniture_gone(notices, name, gone):
    assert gone not in _by_prefix(notices, name).text


def test_lists_of_unit_names_kept(notices):
    """Lines of short names joined by 、 are the notice's findings, never navigation.
    (Lines after the notice's end, in a site's trailer, do not count.)"""
    for name, notice in notices.items():
        all_lines = normalize_without_furniture(notice.raw_text)
        last = notice.text.rsplit("\n", 1)[-1]
        body = all_lines[:len(all_lines) - all_lines[::-1].index(last)]
        kept = set(notice.text.split("\n"))
        for line in body:
            if line.count("、") >= 3 and "|" not in line:
                assert line in kept, (name, line)


def normalize_without_furniture(raw):
    import ingest.normalize as n
    keep_all = n.notice_lines
    try:
        n.notice_lines = lambda lines: set(range(len(lines)))
        return n.normalize(raw)[0].split("\n")
    finally:
        n.notice_lines = keep_all


def test_lines_that_speak_of_widgets_are_kept():
    """A finding about a site's 字号 or 首页, and a table row naming a column, are the notice."""
    lines = ["部分网站字号大小不一致,首页栏目更新不及时。", "字号: 默认 超大 | 打印 |",
             "序号 | 栏目 | 问题", "1 | 网站首页 | 打印功能无法使用",
             "2 | 无障碍阅读 | 首页链接失效"]
    text, _ = normalize("\n".join(lines))
    assert text.split("\n") == [lines[0]] + lines[2:]


def test_printed_page_numbers_dropped():
    text, _ = normalize("一、总体情况\n— 2 —\n本季度共检查网站39家。\n-3-\n第4页 共5页\n"
                        "合格率为100%。")
    assert text == "一、总体情况\n本季度共检查网站39家。\n合格率为100%。"


def test_table_cells_with_links_kept(notices):
    assert "http://fgw.qdn.gov.cn/ |" in _by_prefix(notices, "001").text


def test_offsets_point_into_raw_text(notices):
    t2s = _t2s()
    for name, notice in notices.items():
        assert len(notice.offsets) == len(notice.text)
        for i, c in enumerate(notice.text):
            if not c.isspace():
                assert to_halfwidth(t2s.convert(notice.raw_text[notice.offsets[i]])) == c, (name, i)


def test_offsets_exact_on_crlf_text(notices):
    raw = _by_prefix(notices, "000").raw_text.replace("\n", "\r\n")
    text, offsets = normalize(raw)
    assert text == _by_prefix(notices, "000").text
    t2s = _t2s()
    assert all(to_halfwidth(t2s.convert(raw[o])) == c for c, o in zip(text, offsets) if not c.isspace())


NOTICES = Path(__file__).parent / "notices"
CORPUS_DIR = Path(__file__).parent.parent / "corpus"


def _first_line(path, pattern):
    return next(l for l in path.read_text("utf-8").splitlines() if re.search(pattern, l))


def _short_notice(line):
    """A short notice whose table heading row sits among the first lines of the page."""
    return "\n".join(["关于2021年第一季度全县政府网站和政务新媒体检查情况的通报",
                      "各乡镇人民政府:", "现将检查发现问题的政务新媒体通报如下:", line,
                      "1\t某某发布\t某某镇人民政府\t超过两周未更新"])


@pytest.mark.parametrize("path", ["h02_zhejiang_2018.txt", "h04_shandong_2019.txt",  # | and tabs
                                  "h08_xizang_2020.txt"])                             # spaces
def test_table_heading_row_at_the_top_is_kept(path):
    heading = _first_line(NOTICES / path, r"^序号")
    text, _ = normalize(_short_notice(heading))
    assert text.split("\n")[3] == " ".join(heading.split("\t"))


def test_table_heading_row_of_the_corpus_at_the_top_is_kept():
    heading = _first_line(CORPUS_DIR / "r13.txt", r"^序号 \|")
    assert heading in normalize(_short_notice(heading))[0].split("\n")


def _clean_line(path, pattern):
    """A raw line of a real page, normalised but not judged."""
    return normalize_without_furniture(_first_line(path, pattern))[0]


@pytest.mark.parametrize("path, pattern", [
    (CORPUS_DIR / "000_05253d980fb5c9d6.txt", r"^中央人民政府"),  # links to other sites
    (CORPUS_DIR / "000_05253d980fb5c9d6.txt", r"^藏文版"),        # widgets
    (CORPUS_DIR / "r26.txt", r"加入收藏"),
    (NOTICES / "n05_traditional.txt", r"^首頁 \|"),                 # site sections
])
def test_navigation_bar_at_the_top_is_dropped(path, pattern):
    bar = _clean_line(path, pattern)
    assert " | " in bar
    assert normalize(_short_notice(bar))[0].split("\n")[3].startswith("1 ")


def test_navigation_bar_split_by_spaces_is_dropped():
    bar = _clean_line(NOTICES / "n05_traditional.txt", r"^首頁 \|").replace(" | ", " ")
    assert bar == "首页 政务公开 网上办事 互动交流 网站地图"
    assert normalize(_short_notice(bar))[0].split("\n")[3].startswith("1 ")


def test_breadcrumb_of_the_form_您现在的位置_dropped():
    text = load_notice(NOTICES / "h07_ningxia_2022.txt").text
    assert "您现在的位置" not in text
    assert text.split("\n")[1].startswith("固原市人民政府办公室关于2022年第二季度")


def test_place_name_stems_in_account_names_survive_t2s():
    """Accounts are named with a county's stem (平安乾安); OpenCC alone gives 平安干安."""
    assert normalize("“平安乾安”微信公众號")[0] == "“平安乾安”微信公众号"


def test_a_run_on_notice_quoting_page_furniture_is_kept_whole():
    """A notice pasted as one long line keeps its text, even where it quotes a disclaimer or a
    breadcrumb's words; a short line of them alone is still dropped."""
    body = "经检查,县教育局网站首页信息更新不及时,栏目空白较多。" * 12
    line = body + "转载请注明出处,本站内容仅供参考,不代表本站观点。"
    text, _ = normalize("\n".join([line, "转载请注明出处,本站内容仅供参考,不代表本站观点。"]))
    assert text.split("\n") == [line]


def test_gambling_brands_injected_into_a_hijacked_page_are_taken_out(notices):
    """r22 (安徽) carries 鸿博体育 four times and r30 (内蒙古) UedBet体育 seven times, glued into
    the notice's own sentences; a real 体育 body or an account named after a place stays."""
    r22, r30 = notices["r22"].text, notices["r30"].text
    assert "鸿博体育" not in r22 and "颍上县、阜阳市颍州区" in r22 and "省体育局" in r22
    assert "UedBet" not in r30 and "政务服务与数据管理局" in r30
    assert "龙岩体育" in _by_prefix(notices, "003").text      # 003 (福建) faults the account once
    twice = "“龙岩体育”微信公众号更新不及时。“龙岩体育”微信公众号已整改。"
    assert normalize(twice)[0] == twice                         # named after 龙岩: an account


def test_a_notice_that_reports_gambling_spam_keeps_its_words():
    text = ("经查，某县政府网站被植入博彩链接。另有一个网站页面指向博彩网站。"
            "市文化体育和旅游局、县文化体育和旅游局整改。")
    assert normalize(text)[0] == text
