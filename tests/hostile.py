"""Hostile files, made to look like what scraping turns up, at a chosen scale.

Used by tests/test_hostile.py (each file's outcome under the import's own budget) and by
bench/bench_hostile.py (parse time at 1×, 3× and 10× the size). Nothing here is committed
as data: every file is written from the corpus, cpca's region table and a few sentences.

    enumeration(path, scale)   1,000 × scale unit names before one predicate (A、B、…等网站存在…)
    unpunctuated(path, scale)  a title, then 60,000 × scale Han characters of notices, no punctuation
    deep_html(path, scale)     one notice sentence inside 50,000 × scale nested <div>
    docx_bomb(path)            a DOCX whose document.xml expands from about 1 MB to 1 GB
    many_pages_pdf(path)       a notice page repeated over 5,000 pages
"""
import io
import re
import tempfile
import zipfile
from pathlib import Path

from tests.generator import DEPARTMENTS, _dept_name, provinces

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

TITLE = "关于2021年第二季度全省政府网站和政务新媒体抽查情况的通报"
SENTENCE = ("经抽查,全省政府网站总体合格率为95.2%,"
            "其中仁和区人民政府网站存在内容更新不及时、"
            "空白栏目等问题,检查发现的问题已通报相关单位限期整改。")


def unit_names(n):
    """n distinct names of county bodies (仁和区统计局 …), from cpca's region table."""
    counties = [c for p in provinces() for pref in p.children for c in pref.children]
    names = []
    for full, _ in DEPARTMENTS:
        for county in counties:
            names.append(county.name + _dept_name(full, "county"))
            if len(names) == n:
                return names
    raise ValueError(f"only {len(names)} distinct names")


def enumeration(path, scale=1):
    """A notice whose one sentence lists 1,000 × scale units before its predicate."""
    names = "、".join(unit_names(int(1000 * scale)))
    text = f"{TITLE}\n一、主要问题\n{names}等网站存在内容更新不及时问题。\n{SENTENCE}\n"
    Path(path).write_text(text, encoding="utf-8")
    return Path(path)


def unpunctuated(path, scale=1):
    """A title, then 60,000 × scale Han characters and nothing else: the clean text of the
    corpus's notices with every character that is not Han removed, run together and repeated."""
    from ingest import IngestError, load_notice
    texts = []
    for p in sorted(CORPUS.glob("*.txt")):
        try:
            texts.append(load_notice(p).text)
        except IngestError:
            continue
    han = re.sub(r"[^\u4e00-\u9fff]", "", "".join(texts))
    n = int(60_000 * scale)
    Path(path).write_text(f"{TITLE}\n" + (han * (n // len(han) + 1))[:n], encoding="utf-8")
    return Path(path)


def deep_html(path, scale=1):
    """A page holding one notice sentence inside 50,000 × scale nested <div>."""
    depth = int(50_000 * scale)
    page = (f"<html><head><title>{TITLE}</title></head><body>" + "<div>" * depth
            + f"<p>{TITLE}</p><p>{SENTENCE}</p>" + "</div>" * depth + "</body></html>")
    Path(path).write_text(page, encoding="utf-8")
    return Path(path)


def docx_bomb(path, expanded=2**30):
    """A well-formed DOCX whose word/document.xml is `expanded` bytes once inflated (one
    notice paragraph, then the same empty paragraph over and over): about a thousandth of
    that on disk."""
    from tests.render import to_docx
    with tempfile.TemporaryDirectory() as tmp:
        buffer = io.BytesIO(to_docx(f"{TITLE}\n{SENTENCE}", Path(tmp) / "one.docx").read_bytes())
    filler = b"<w:p><w:r><w:t></w:t></w:r></w:p>" * 30_000
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename != "word/document.xml":
                out.writestr(item, data)
                continue
            head, tail = data.split(b"</w:body>")
            body_end = head.rindex(b"<w:sectPr")
            with out.open("word/document.xml", "w", force_zip64=True) as xml:
                xml.write(head[:body_end])
                written = body_end
                while written < expanded:
                    xml.write(filler)
                    written += len(filler)
                xml.write(head[body_end:] + b"</w:body>" + tail)
    return Path(path)


def many_pages_pdf(path, pages=5000):
    """A real text PDF of `pages` pages, each the same notice page."""
    from pypdf import PdfReader, PdfWriter

    from tests.render import to_pdf
    with tempfile.TemporaryDirectory() as tmp:
        page = PdfReader(to_pdf(f"{TITLE}\n{SENTENCE}", Path(tmp) / "one.pdf")).pages[0]
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_page(page)
    with open(path, "wb") as f:
        writer.write(f)
    return Path(path)


MAKERS = {"enumeration.txt": enumeration, "unpunctuated.txt": unpunctuated,
          "deep.html": deep_html}
