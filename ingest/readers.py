"""Readers: the bytes of a .txt, .html, .pdf or .docx file become one decoded text.

Each reader takes the path and its bytes and returns a str (lines separated by newlines,
table rows as cells joined by " | ", as the corpus's own tables are), or raises IngestError.
"""
import io
import zipfile

from charset_normalizer import from_bytes

from .errors import IngestError

# Bytes that never occur in text in any of the encodings we accept (NUL aside, handled
# separately for UTF-16): a file with many of them is binary.
_CONTROL = set(range(0, 9)) | {11, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27,
                                28, 29, 30, 31}
_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))


def decode(path, data):
    """Decode text bytes, detecting the encoding from the bytes, not the file name."""
    if not data.strip():
        raise IngestError(path, "empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as e:
                raise IngestError(path, f"undecodable bytes after a {encoding} byte-order mark") from e
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if b"\x00" not in sample[::2] and b"\x00" not in sample[1::2] and \
            sum(b in _CONTROL for b in sample) > len(sample) // 100:
        raise IngestError(path, "binary file, not text")
    best = from_bytes(data).best()
    if best is None:
        raise IngestError(path, "undecodable bytes: no text encoding fits")
    text = str(best)
    if not text.strip():
        raise IngestError(path, "empty file")
    return text


def read_txt(path, data):
    return decode(path, data)


def read_html(path, data):
    """The article of an HTML page: markup, scripts, styles and navigation dropped."""
    from selectolax.lexbor import LexborHTMLParser
    tree = LexborHTMLParser(decode(path, data))
    tree.strip_tags(["script", "style", "noscript", "nav", "header", "footer", "aside",
                     "form", "iframe", "svg", "template", "select", "button"])
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    if root is None:
        raise IngestError(path, "HTML page with no content")
    # Block elements end a line; a table row becomes cells joined by " | ".
    for row in root.css("tr"):
        cells = [c.text(separator="", strip=True) for c in row.css("td, th")]
        row.replace_with(" | ".join(cells) + "\n")
    for br in root.css("br"):
        br.replace_with("\n")
    for block in root.css("p, div, li, h1, h2, h3, h4, h5, h6, section, table, dd, dt, pre"):
        block.insert_after("\n")
    return root.text(separator="", strip=False)


def read_pdf(path, data):
    """Page text from pdfplumber, with each table's rows as cells joined by " | "."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    if not data.lstrip().startswith(b"%PDF"):
        raise IngestError(path, "broken PDF: no PDF header")
    lines = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                outside = page.filter(lambda obj: not any(_inside(obj, b) for b in boxes))
                text_parts = [(0.0, outside.extract_text() or "")]
                for table in tables:
                    rows = table.extract()
                    text_parts.append((table.bbox[1], "\n".join(
                        " | ".join((c or "").replace("\n", "") for c in row) for row in rows)))
                # Text outside tables first, then tables in page order; corpus tables sit
                # in attachments at the end, so this keeps reading order in practice.
                lines.extend(part for _, part in sorted(text_parts, key=lambda p: p[0]) if part)
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise IngestError(path, "encrypted PDF: cannot read without the password") from e
    except PDFSyntaxError as e:
        raise IngestError(path, f"broken PDF: {e}") from e
    except IngestError:
        raise
    except Exception as e:  # pdfminer raises many internal types on damaged files
        if "password" in str(e).lower() or "encrypt" in type(e).__name__.lower():
            raise IngestError(path, "encrypted PDF: cannot read without the password") from e
        raise IngestError(path, f"broken PDF: {type(e).__name__}: {e}") from e
    text = "\n".join(lines)
    if not text.strip():
        raise IngestError(path, "PDF without a text layer (scanned image?)")
    return text


def _inside(obj, bbox):
    x0, top, x1, bottom = bbox
    return (obj.get("x0", 0) >= x0 - 1 and obj.get("x1", 0) <= x1 + 1
            and obj.get("top", 0) >= top - 1 and obj.get("bottom", 0) <= bottom + 1)


def read_docx(path, data):
    """Paragraphs and tables of a Word document, in document order."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise IngestError(path, f"broken DOCX: {e}") from e
    lines = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                lines.append(" | ".join(cell.text.replace("\n", "") for cell in row.cells))
    return "\n".join(lines)


READERS = {".txt": read_txt, ".html": read_html, ".htm": read_html,
           ".pdf": read_pdf, ".docx": read_docx}
