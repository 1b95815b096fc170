"""Render a notice's text as a PDF, DOCX or HTML file, the forms notices are published in.

`text` is the notice as paragraphs, one a line. `tables` is a list of tables, each a list of
rows, each a list of cell strings (the first row being the header); they follow the text.
The PDF needs a CJK font: Debian's fonts-wqy-zenhei (`make fonts`).
"""
import html
import re
from pathlib import Path

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


def _paragraphs(text):
    return [line for line in text.split("\n") if line.strip()]


# what Chinese typesetting never starts a line with: it hangs at the end of the line before
_NO_LINE_START = set("，。、；：！？）》”’」』】〕…—,.;:!?)")
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]")


def to_wrapped_text(text, columns=56):
    """Plain text as pdftotext or an old bulletin system gives it: every line broken at
    `columns` display columns (a Chinese character takes two), closing punctuation hanging at
    the end of a line rather than starting the next."""
    out = []
    for line in text.split("\n"):
        current, width = "", 0
        for char in line:
            size = 2 if _WIDE.match(char) else 1
            if current and width + size > columns and char not in _NO_LINE_START:
                out.append(current)
                current, width = "", 0
            current += char
            width += size
        out.append(current)
    return "\n".join(out)


def to_letter_spaced(text):
    """Text with a space between every two characters of a line, as a PDF's spaced-out or
    justified lines come out of some extractors (a space already there becomes three)."""
    return "\n".join(" ".join(line) for line in text.split("\n"))


def to_pdf(text, path, tables=None, font=CJK_FONT, font_size=11):
    """A real text PDF: paragraphs wrapped at any character, tables ruled."""
    from fpdf import FPDF
    from fpdf.enums import WrapMode
    if not Path(font).exists():
        raise FileNotFoundError(f"{font}: missing CJK font; run `make fonts` "
                                "(apt-get install fonts-wqy-zenhei)")
    pdf = FPDF(format="A4")
    pdf.add_font("cjk", fname=str(font))
    pdf.add_font("cjk", style="B", fname=str(font))   # table headings are bold
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("cjk", size=font_size)
    for line in _paragraphs(text):
        pdf.multi_cell(0, font_size * 0.65, line, wrapmode=WrapMode.CHAR,
                       new_x="LMARGIN", new_y="NEXT")
    for rows in tables or []:
        pdf.ln(4)
        pdf.set_font("cjk", size=font_size - 2)
        with pdf.table(wrapmode=WrapMode.CHAR, line_height=font_size * 0.55) as table:
            for cells in rows:
                table.row([str(c) for c in cells])
        pdf.set_font("cjk", size=font_size)
    pdf.output(str(path))
    return Path(path)


def to_docx(text, path, tables=None):
    """A Word document: one paragraph a line, then the tables."""
    import docx
    document = docx.Document()
    for line in _paragraphs(text):
        document.add_paragraph(line)
    for rows in tables or []:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for r, cells in enumerate(rows):
            for c, value in enumerate(cells):
                table.cell(r, c).text = str(value)
    document.save(str(path))
    return Path(path)


def to_html(text, path, tables=None, encoding="utf-8", furniture=True, article=True):
    """A web page with the notice in it.

    With `furniture`, the page has what government sites put around a notice: a script and
    a style sheet, a header menu, breadcrumbs, a font-size and print widget, a list of
    related articles and a copyright footer. With `article`, the notice sits in an
    <article> element; without, in a plain <div> among the rest, as on many older sites.
    """
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in _paragraphs(text))
    for rows in tables or []:
        trs = "".join("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>"
                      for cells in rows)
        body += f"\n<table>{trs}</table>"
    body = f"<article>\n{body}\n</article>" if article else f'<div class="content">\n{body}\n</div>'
    if not furniture:
        page = f"<html><head><meta charset=\"{encoding}\"></head><body>\n{body}\n</body></html>\n"
        Path(path).write_bytes(page.encode(encoding))
        return Path(path)
    menu = "".join(f'<li><a href="/{i}">{name}</a></li>'
                   for i, name in enumerate(["首页", "政务公开", "政务服务", "互动交流", "走进本市"]))
    related = "".join(f'<li><a href="/news/{i}.html">{title}</a><span>2024-0{i}-1{i}</span></li>'
                      for i, title in enumerate(["市政府召开常务会议研究部署近期重点工作",
                                                 "全市安全生产工作会议召开",
                                                 "我市举办2024年春季招聘会"], 1))
    page = f"""<!DOCTYPE html>
<html><head><meta charset="{encoding}"><title>通报</title>
<style>body {{ font-size: 14px }} .menu li {{ display: inline }}</style>
<script>var _hmt = _hmt || []; document.write("统计代码");</script></head>
<body>
<header><div class="logo">某某市人民政府门户网站</div></header>
<div class="menu"><ul>{menu}</ul></div>
<div class="crumb">您的位置: <a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt;\
 <a href="/tzgg">通知公告</a></div>
<div class="tools">字号: <a>大</a> <a>中</a> <a>小</a> | <a>打印</a></div>
{body}
<div class="related"><h3>相关文章</h3><ul>{related}</ul></div>
<footer>版权所有: 某某市人民政府办公室 Copyright 2024 网站标识码 0000000000</footer>
<script>console.log("footer")</script>
</body></html>
"""
    Path(path).write_bytes(page.encode(encoding))
    return Path(path)
