"""Build n08_table.pdf from its text source, as a real PDF with a ruled table.

    .venv/bin/python tests/notices/build_pdf.py

The source is paragraphs, one a line, followed by the table: rows of cells
separated by " | ", the first row being the header. Needs fpdf2 and a CJK font (Debian package
fonts-wqy-zenhei). The PDF is committed, so this only runs when the source changes.
"""
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import WrapMode

HERE = Path(__file__).parent
SOURCE = HERE / "src" / "n08_table_source.txt"
TARGET = HERE / "n08_table.pdf"
FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
COLUMN_WIDTHS = (10, 45, 45, 50, 40)  # mm: 序号 名称 主办单位 网址 问题


def build(source=SOURCE, target=TARGET):
    if not FONT.exists():
        raise SystemExit(f"{FONT}: missing; apt-get install -y fonts-wqy-zenhei")
    pdf = FPDF(format="A4")
    pdf.add_font("zenhei", fname=str(FONT))
    pdf.add_font("zenhei", style="B", fname=str(FONT))  # table headings are bold
    pdf.set_font("zenhei", size=11)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    lines = source.read_text(encoding="utf-8").splitlines()
    first_row = next(i for i, line in enumerate(lines) if " | " in line)
    rows = [[cell.strip() for cell in line.split("|")] for line in lines[first_row:]]
    for line in lines[:first_row]:
        # CJK text has no spaces to break at: wrap at any character
        pdf.multi_cell(0, 7, line, wrapmode=WrapMode.CHAR, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("zenhei", size=9)
    with pdf.table(col_widths=COLUMN_WIDTHS, wrapmode=WrapMode.CHAR, line_height=6) as table:
        for cells in rows:
            table.row(cells)
    pdf.output(str(target))
    return target


if __name__ == "__main__":
    print(build())
