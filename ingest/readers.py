"""Readers: the bytes of a .txt, .html, .pdf or .docx file become one decoded text.

Each reader takes the path and its bytes and returns a str (lines separated by newlines,
table rows as cells joined by " | ", as the corpus's own tables are), or raises IngestError.
"""
import io
import re
import zipfile
from collections import Counter
from functools import lru_cache

from .errors import IngestError

# What a file may hold, checked before it is opened (docs/robustness.md): past these a file
# is an archive or a bomb, not one notice, and reading it would take the machine's memory.
MAX_HTML_BYTES = 10 * 2**20        # markup of one page
MAX_HTML_DEPTH = 256               # elements nested deeper are unwrapped (their content kept)
MAX_DOCX_XML_BYTES = 32 * 2**20    # a Word document's XML parts, inflated
MAX_PDF_PAGES = 200                # a notice with its attachment tables runs to tens of pages

# Control bytes that text in the byte encodings we accept never has (tab, line feed, form
# feed and carriage return aside); NUL is judged separately because UTF-16 has it.
_CONTROL = set(range(1, 32)) - {9, 10, 12, 13}
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
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(data[:4096]):
            raise IngestError(path, "binary file, not text")
        return text
    text = _utf16_without_bom(data)
    if text is not None:
        return text
    if _looks_binary(data[:4096]):
        raise IngestError(path, "binary file, not text")
    from charset_normalizer import from_bytes
    best = from_bytes(data).best()
    if best is None:
        raise IngestError(path, "undecodable bytes: no text encoding fits")
    text = str(best)
    if not text.strip():
        raise IngestError(path, "empty file")
    return text


_TEXT_CHAR = re.compile(r"[\t\n\r\x20-\x7e\xa0-\u024f\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _utf16_without_bom(data):
    """UTF-16 text saved without a byte-order mark: the byte order whose decoding reads as
    Chinese text (Han characters, CJK and ASCII punctuation, line breaks), else None."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:2000]
        if len(_TEXT_CHAR.findall(sample)) > 0.95 * len(sample) and ("\n" in sample or " " in sample):
            return text
    return None


def _looks_binary(sample):
    """Control bytes no text encoding uses, or NULs in both byte lanes (UTF-16 text has
    NULs in one lane only, and only for ASCII characters)."""
    controls = sum(b in _CONTROL for b in sample)
    nul_lanes = (0 in sample[::2]) + (0 in sample[1::2])
    return controls > len(sample) // 100 or (nul_lanes == 2 and sample.count(0) > len(sample) // 100)


def read_txt(path, data):
    """The decoded text; text wrapped at a fixed width (pdftotext, old mail and bulletin
    systems) has its wrapped lines rejoined, as the PDF reader does from the layout."""
    return rejoin_hard_wrapped(decode(path, data))


def read_html(path, data):
    """The article of an HTML page: markup, scripts, styles and navigation dropped."""
    from selectolax.lexbor import LexborHTMLParser
    if len(data) > MAX_HTML_BYTES:
        raise IngestError(path, f"HTML page too large for a notice: {len(data) / 2**20:.1f} MB of "
                                f"markup (at most {MAX_HTML_BYTES // 2**20} MB)")
    tree = LexborHTMLParser(unwrap_deep(decode(path, data)))
    tree.strip_tags(["script", "style", "noscript", "nav", "aside", "form", "iframe", "svg",
                     "template", "select", "button"])
    article = tree.css_first("article") or tree.css_first("main")
    if article is None:
        # The page's own header and footer; an article's <header> holds the notice's title.
        tree.strip_tags(["header", "footer"])
    root = article or tree.body or tree.root
    if root is None:
        raise IngestError(path, "HTML page with no content")
    _drop_link_lists(root)
    # Block elements end a line; a table row becomes cells joined by " | ".
    for row in root.css("tr"):
        cells = [c.text(separator="", strip=True) for c in row.css("td, th")]
        row.replace_with(" | ".join(cells) + "\n")
    for br in root.css("br"):
        br.replace_with("\n")
    for block in root.css("p, div, li, h1, h2, h3, h4, h5, h6, section, table, dd, dt, pre"):
        block.insert_after("\n")
    return root.text(separator="", strip=False)


_TAG = re.compile(r"<!--.*?(?:-->|\Z)|<(/?)([a-zA-Z][^\s/>]*)[^>]*>", re.S)
# Elements whose content is text, not markup: skipped to their end tag.
_RAW_TEXT = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
             "noscript", "plaintext"}
# Elements that never nest deep: void ones, and those a parser closes when the next of their
# kind (or their parent's end) comes, whose end tags pages often leave out.
_SHALLOW = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
            "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "thead", "tbody",
            "tfoot", "caption", "colgroup", "option", "optgroup", "rb", "rt", "rtc", "rp",
            "html", "head", "body"}


@lru_cache(maxsize=None)
def _raw_text_end(name):
    return re.compile(rf"</{name}\s*>", re.I)


def unwrap_deep(markup, limit=MAX_HTML_DEPTH):
    """The page with the tags of elements nested deeper than `limit` dropped, their content
    kept. An HTML parser looks through its stack of open elements at every tag, so a page
    nested 50,000 deep costs it the square of that (a minute for 550 KB); browsers cap the
    depth the same way. One pass over the tags, keeping a stack as the parser would; a page
    within the limit comes back unchanged."""
    stack, open_names, depth, cut, skip_to = [], Counter(), 0, [], 0
    for m in _TAG.finditer(markup):
        closing, name = m.group(1), (m.group(2) or "").lower()
        if m.start() < skip_to or not name or name in _SHALLOW:
            continue
        if closing:
            if open_names[name]:        # close it and whatever was left open inside it
                while True:
                    opened, kept = stack.pop()
                    open_names[opened] -= 1
                    depth -= kept
                    if opened == name:
                        break
                if not kept:
                    cut.append(m.span())
        elif name in _RAW_TEXT:
            end = _raw_text_end(name).search(markup, m.end())
            skip_to = end.end() if end else len(markup)
        elif not (m.group(0).endswith("/>") and (open_names["svg"] or open_names["math"])):
            kept = depth < limit        # (self-closing tags count only inside SVG and MathML)
            stack.append((name, kept))
            open_names[name] += 1
            depth += kept
            if not kept:
                cut.append(m.span())
    if not cut:
        return markup
    pieces, last = [], 0
    for start, end in cut:
        pieces.append(markup[last:start])
        last = end
    pieces.append(markup[last:])
    return "".join(pieces)


# Links a notice itself carries: its attachments and the addresses of the sites it lists.
_CONTENT_LINK = re.compile(r"\.(docx?|xlsx?|pdf|wps|et|zip|rar)$|附件|^(https?://|www\.)", re.I)


def _drop_link_lists(root):
    """Drop menus and 'related articles' lists: blocks of three or more links holding at
    least half of the block's text. Attachment links and site addresses are content, not menus."""
    for block in root.css("ul, ol, dl, div, p"):
        links = block.css("a")
        if len(links) < 3 or any(_CONTENT_LINK.search(a.attributes.get("href") or "")
                                 or _CONTENT_LINK.search(a.text(strip=True)) for a in links):
            continue
        text = len(block.text(strip=True))
        linked = sum(len(a.text(strip=True)) for a in links)
        if text and linked >= 0.5 * text:     # titles with their dates still count
            block.decompose()


def read_pdf(path, data):
    """Page text from pdfplumber in reading order, each table's rows as cells joined by " | ".

    A line that runs to the right edge of the text block was wrapped by the layout, not
    ended by the author: it is joined to the next line, so paragraphs come back whole.
    Text inside a table's box is read only as the table's cells.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    if not data.lstrip().startswith(b"%PDF"):
        raise IngestError(path, "broken PDF: no PDF header")
    pages = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        count = _page_count(pdf)    # before `with`: closing a PDF opens every page first
        if count > MAX_PDF_PAGES:
            raise IngestError(path, f"PDF of {count:,} pages: more than a notice with its "
                                    f"attachments (at most {MAX_PDF_PAGES} pages)")
        with pdf:
            for page in pdf.pages:
                tables = page.find_tables()
                boxes = [t.bbox for t in tables]
                outside = page.filter(lambda o: not any(_inside(o, b) for b in boxes)) if boxes else page
                lines = outside.extract_text_lines(return_chars=False)
                rows = [(t.bbox[1], [" | ".join((c or "").replace("\n", "") for c in row)
                                     for row in t.extract()]) for t in tables]
                pages.append((page.width, sorted([(l["top"], l) for l in lines] + rows,
                                                  key=lambda i: i[0])))
                page.close()            # its parsed objects are not needed again
    except IngestError:
        raise
    except Exception as e:  # pdfplumber wraps pdfminer's many error types on damaged files
        cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise IngestError(path, "encrypted PDF: cannot read without the password") from e
        reason = str(cause) or type(cause).__name__
        raise IngestError(path, f"broken PDF: {reason}") from e
    text = "\n".join(_pdf_lines(pages))
    if not text.strip():
        raise IngestError(path, "PDF without a text layer (scanned image?)")
    return text


def _page_count(pdf):
    """The page count the document's page tree declares, read without opening a page (0
    when the tree does not say). A count that lies is caught by the import's time budget."""
    from pdfminer.pdftypes import resolve1
    try:
        return int(resolve1(resolve1(pdf.doc.catalog["Pages"])["Count"]))
    except Exception:   # a damaged tree: the pages themselves will tell
        return 0


# The start of a new block: 一、 (二) 3. 第四条 附件 or a date line.
_NEW_BLOCK = re.compile(r"\s*([一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）]"
                        r"|\d+[.、．]|第[一二三四五六七八九十\d]+[条章]"
                        r"|附件|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*$)")


_SENTENCE_ENDS = ("。", "：", ":", "；", "！", "？")


def _rejoin(lines):
    """Lines as (text, full, may_continue): a full line (one that reached the right edge) was
    wrapped, and the next line that may continue a paragraph is joined to it. A full line
    ending a sentence may also end its paragraph: the next is joined unless it starts a
    heading, an item or the attachments."""
    out, wrapped = [], "no"
    for text, full, may_continue in lines:
        if text is None:                        # a break (a table, even one without rows)
            wrapped = "no"
            continue
        if out and may_continue and (wrapped == "yes"
                                     or (wrapped == "unless-heading" and not _NEW_BLOCK.match(text))):
            out[-1] += text
        else:
            out.append(text)
        wrapped = "no" if not full else "unless-heading" if text.rstrip().endswith(_SENTENCE_ENDS) else "yes"
    return out


def _pdf_lines(pages):
    """Lines of the pages' items (text lines and table rows), wrapped lines rejoined."""
    # The right edge of the text block, over the whole document: a last page of short
    # lines must not make them look full.
    right = max((item["x1"] for _, items in pages for _, item in items if isinstance(item, dict)),
                default=0)
    lines, heading = [], None
    for width, items in pages:
        for _, item in items:
            if isinstance(item, list):          # table rows
                # A table continued on a new page repeats its heading row: drop the repeat.
                rows = item[1:] if item and item[0] == heading else item
                heading = item[0] if item else None
                lines += [(row, False, False) for row in rows] + [(None, False, False)]
                continue
            text = item["text"]
            char_width = (item["x1"] - item["x0"]) / max(len(text), 1)
            lines.append((text, right > 0.6 * width and item["x1"] >= right - 1.5 * char_width, True))
    return _rejoin(lines)


# Text wrapped at a fixed width: many lines of 40 columns or more (20 Chinese characters) end
# near one width, hardly any run past it, and most of those end mid-sentence.
WRAP_MIN_COLUMNS = 40


# Wide characters (East Asian Width W and F) in the scripts and symbols notices hold: hangul jamo,
# CJK punctuation and ideographs, kana, Yi, hangul, compatibility and full-width forms, emoji.
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe10-\ufe19\ufe30-\ufe6f\uff00-\uff60"
                   "\uffe0-\uffe6\U0001f300-\U0001f64f\U0001f900-\U0001f9ff\U00020000-\U0003fffd]")


def _columns(line):
    """Display width: 2 for a wide character, 1 for others, as fixed-width wrapping counts."""
    return 2 * len(line) - len(_WIDE.sub("", line))


def wrap_width(lines):
    """The width most lines of the text were wrapped at, or None if it was not wrapped at a fixed
    width. A wrapped line ends near it: a column or two short when the next character was too
    wide to fit, past it when closing punctuation hangs at the end."""
    # a line of under 20 characters cannot reach 40 columns
    widths = [_columns(line.rstrip()) if len(line) >= WRAP_MIN_COLUMNS // 2 else 0 for line in lines]
    long = [w for w in widths if w >= WRAP_MIN_COLUMNS]
    if len(long) < 5:
        return None
    edge = Counter(long).most_common(1)[0][0]
    near = [line for line, w in zip(lines, widths) if w >= WRAP_MIN_COLUMNS and abs(w - edge) <= 3]
    beyond = sum(w > edge + 3 for w in long)
    ending = sum(line.rstrip().endswith(_SENTENCE_ENDS) for line in near)
    if len(near) >= max(5, len(long) / 3) and beyond <= len(long) / 10 and ending <= len(near) / 2:
        return edge
    return None


def rejoin_hard_wrapped(text):
    """Text wrapped at a fixed width with its wrapped lines rejoined; other text unchanged.
    A line starting with a space or an indent begins a paragraph, and table rows (cells
    joined by " | ") are never joined."""
    lines = text.split("\n")
    edge = wrap_width(lines)
    if edge is None:
        return text

    def line(raw):
        text = raw.rstrip("\r")
        row = " | " in text
        return (text, not row and _columns(text.rstrip()) >= edge - 3,
                not row and bool(text.strip()) and not text[:1].isspace())
    return "\n".join(_rejoin(map(line, lines)))


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
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            # zipfile inflates a member only to its declared size, so the sum bounds the XML
            xml = sum(i.file_size for i in package.infolist() if i.filename.endswith((".xml", ".rels")))
    except (zipfile.BadZipFile, OSError) as e:
        raise IngestError(path, f"broken DOCX: {e}") from e
    if xml > MAX_DOCX_XML_BYTES:
        raise IngestError(path, f"DOCX whose XML expands to {xml / 2**20:,.0f} MB: a zip bomb or "
                                f"an archive, not a notice (at most {MAX_DOCX_XML_BYTES // 2**20} MB)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises zip, XML and package errors alike
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
           ".pdf": read_pdf, ".docx": read_docx}      # one for each of ingest/files.py's SUFFIXES
