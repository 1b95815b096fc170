"""Every reader on real notices: a PDF with a table, a DOCX, an HTML page, and the text in
GBK, GB18030, Big5, UTF-16 and UTF-8 with a BOM all read back to the clean text of the .txt.
(Text hard-wrapped or letter-spaced in transit: tests/test_transit.py.)"""
from pathlib import Path

import pytest

from ingest import iter_files, load_notice
from ingest.readers import wrap_width
from tests.render import CJK_FONT, to_docx, to_html, to_pdf

CORPUS = Path(__file__).parent.parent / "corpus"
N001 = CORPUS / "001_fa05f5aae7f74bf4.txt"


def _table_of_001():
    """001's first attachment (序号 | 网站名称 | 网址 | 合格/不合格), which the page flattened
    to one cell a line, back as rows."""
    lines = N001.read_text("utf-8").split("\n")
    start = lines.index("序号 |")
    end = next(i for i in range(start, len(lines)) if lines[i].startswith("附件2"))
    cells = [l.rstrip(" |") for l in lines[start:end] if "||" not in l]
    return [cells[i:i + 4] for i in range(0, len(cells), 4)]


@pytest.fixture(scope="module")
def notice_001(tmp_path_factory):
    """(body paragraphs, table, clean text of the same notice as a .txt)."""
    lines = N001.read_text("utf-8").split("\n")
    body = "\n".join(lines[:lines.index("序号 |") - 1])
    table = _table_of_001()
    txt = tmp_path_factory.mktemp("txt") / "001.txt"
    txt.write_text(body + "\n" + "\n".join(" | ".join(row) for row in table), encoding="utf-8")
    return body, table, load_notice(txt).text


def test_table_of_001_is_real():
    table = _table_of_001()
    assert table[0] == ["序号", "网站名称", "网 址", "合格/不合格"]
    assert table[1] == ["1", "州发展改革委", "http://fgw.qdn.gov.cn/", "合格"]
    assert len(table) == 51


@pytest.mark.skipif(not CJK_FONT.exists(), reason="CJK font missing: make fonts")
def test_pdf_with_table_reads_back(notice_001, tmp_path):
    body, table, expected = notice_001
    pdf = to_pdf(body, tmp_path / "001.pdf", tables=[table])
    notice = load_notice(pdf)
    assert notice.text == expected
    assert "1 | 州发展改革委 | http://fgw.qdn.gov.cn/ | 合格" in notice.text
    assert notice.header["province"] == "贵州省"


def test_docx_with_table_reads_back(notice_001, tmp_path):
    body, table, expected = notice_001
    assert load_notice(to_docx(body, tmp_path / "001.docx", tables=[table])).text == expected


@pytest.mark.parametrize("article", [True, False], ids=["article", "plain-div"])
def test_html_page_reads_back_without_its_furniture(notice_001, tmp_path, article):
    body, table, expected = notice_001
    page = to_html(body, tmp_path / "001.html", tables=[table], article=article)
    html = page.read_text("utf-8")
    assert all(word in html for word in ["统计代码", "政务服务", "相关文章", "版权所有"])
    assert load_notice(page).text == expected


@pytest.mark.parametrize("stem, encoding", [
    ("003_39350d8b886053ef", "gbk"),
    ("000_05253d980fb5c9d6", "gb18030"),     # traditional, with pinyin tone marks
    ("004_e79e93506fdd3ac5", "big5"),
    ("r04", "big5"),
    ("002_9d929644672a2470", "utf-16"),
    ("r09", "utf-16-le"),                    # no byte-order mark
    ("r21", "utf-16-be"),
    ("r09", "utf-8-sig"),
])
def test_encodings_detected_from_bytes(stem, encoding, tmp_path):
    source = CORPUS / f"{stem}.txt"
    encoded = tmp_path / f"{stem}.txt"
    encoded.write_bytes(source.read_text("utf-8").encode(encoding))
    assert load_notice(encoded).text == load_notice(source).text


def test_gbk_with_html_suffix_is_decoded_by_its_bytes(tmp_path):
    """The encoding comes from the bytes, not the file name or a wrong meta tag."""
    source = CORPUS / "003_39350d8b886053ef.txt"
    page = tmp_path / "page.htm"
    to_html(source.read_text("utf-8"), page, encoding="gbk", furniture=False)
    assert load_notice(page).text == load_notice(source).text


def test_directory_means_every_supported_file_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    for name in ["x.txt", "a/y.HTML", "a/b/z.pdf", "a/b/w.docx", "a/b/sheet.xls", "a/notes",
                 "a/b/~$w.docx", ".git/HEAD.txt", "a/.draft.txt"]:
        (tmp_path / name).write_bytes(b"x")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert found == ["a/b/w.docx", "a/b/z.pdf", "a/y.HTML", "x.txt"]


def test_html_article_keeps_its_own_header(tmp_path):
    """The page's <header> and <footer> go; the article's <header> is the notice's title."""
    lines = (CORPUS / "r16.txt").read_text("utf-8").split("\n")
    title, body = lines[2], [l for l in lines[4:] if l.strip()][2:]
    page = tmp_path / "r16.html"
    page.write_text(
        "<html><body><header>黑龙江省人民政府网</header><article>"
        f"<header><h1>{title}</h1></header>" + "".join(f"<p>{l}</p>" for l in body) +
        "<footer>责任编辑:某某</footer></article><footer>版权所有 黑龙江省人民政府</footer>"
        "</body></html>", encoding="utf-8")
    notice = load_notice(page)
    assert notice.text.startswith(title + "\n各市(地)")
    assert "人民政府网" not in notice.text and "版权" not in notice.text
    assert notice.header["title"] == title


FULL = sorted(CORPUS.glob("0*.txt"))


@pytest.mark.parametrize("render", ["pdf", "docx", "html"])
@pytest.mark.parametrize("source", FULL, ids=lambda p: p.stem[:3])
def test_every_full_notice_reads_back_through_every_reader(source, render, tmp_path):
    """Each full corpus notice, as clean text, rendered and read back: the same clean text."""
    if render == "pdf" and not CJK_FONT.exists():
        pytest.skip("CJK font missing: make fonts")
    expected = load_notice(source).text
    to = {"pdf": to_pdf, "docx": to_docx, "html": to_html}[render]
    assert load_notice(to(expected, tmp_path / f"notice.{render}")).text == expected


def test_no_corpus_notice_is_taken_for_hard_wrapped_text():
    """Web pages, with their furniture, lists and tables, are not wrapped at a width: their
    lines are left as they are."""
    for path in sorted(CORPUS.glob("*.txt")):
        assert wrap_width(path.read_text("utf-8").split("\n")) is None, path.name
