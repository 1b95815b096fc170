"""Result tables: rows of units with 合格/不合格 or 问题 columns, flattened to text.

Three layouts reach here from ingest: one cell per line (`名称 |`), as HTML tables are
flattened, one row per line (`1 | 县公安局 | 武定警方 | 25 |`), as PDF tables are, and
rows whose cells are set apart by tabs or spaces (`1 沂水人社 县人社局 超过2周未更新`)
under a row of column names, as tables pasted into a page's text are.  A table flattened one
cell a line without pipes starts at its 序号, or, without one, at a run of lines that are
column names alone (网站名称 / 主办单位 / 被通报问题), whose count gives the rows' width.
A row's name is in the 名称 column; each 不合格 cell is a finding whose problem comes
from the row's 问题 cell or its column header (`9月更新情况` -> not_updated, month 9),
and whose channel comes from a 平台 cell or the caption above the rows
(`(二)州直部门政务微信更新情况`).  A table that only lists units takes its polarity
from its title (附件:表现优秀的政务新媒体).
"""
import re
from dataclasses import dataclass

from . import vocab
from .lexicon import CHANNEL_OF, CHANNEL_RE
from .problems import POSITIVE_HEADING, problems_of
from .units import clean_name

# The words of cells and headers are in nlp/vocabulary/tables.toml.
FAIL = re.compile("^(?:" + vocab.pattern("tables.fail") + ")$")
# ✓ under a column named by a problem (错链断链, 上期问题未整改): the row has that problem
MARK = re.compile("^(?:" + vocab.pattern("tables.mark") + ")$")
NUMBER = re.compile(r"^[0-9]{1,4}$")
MONTH = re.compile(r"([0-9]{1,2})月")
NAME_HEADER = re.compile(vocab.pattern("tables.name_header"))
ROW_NUMBER_HEADERS = tuple(vocab.words("tables.row_number_headers"))     # 序号, 排名 …


@dataclass
class Cell:
    text: str
    start: int
    end: int


def _split_spaced(line, pos, width=None):
    """The cells of a line whose cells are set apart by tabs or spaces; with `width`, the
    last cell keeps the spaces inside it."""
    found = list(re.finditer(r"[^ \t\u3000]+", line))
    if width and len(found) > width:
        last = found[width - 1].start()
        return [Cell(m.group(0), pos + m.start(), pos + m.end()) for m in found[:width - 1]] + [
            Cell(line[last:].rstrip(), pos + last, pos + len(line.rstrip()))]
    return [Cell(m.group(0), pos + m.start(), pos + m.end()) for m in found]


def _spaced_header(line):
    """`序号 账号名称 主办单位 问题描述`, `序号 单位 网站 存在问题`: a row of short column
    names, set apart by spaces, one of which names the unit; a sentence is never one."""
    cells = line.split()
    return (len(cells) >= 3 and all(1 < len(c) <= 8 for c in cells)
            and not re.search(r"[,，。:：;；、%]", line)     # 地（市）/部门 is a column name
            and all(not re.search(r"[0-9]", c) or MONTH.match(c) for c in cells)     # 1月 2月 3月
            and (any(re.search(r"名称|账号|帐号", c) for c in cells)
                 or cells[0] in ROW_NUMBER_HEADERS and any(NAME_HEADER.search(c) for c in cells)))


def _spaced_row(line, width):
    """An unnumbered row under a spaced header: as many cells as the header, the ones
    before the last short and without the punctuation of a sentence."""
    cells = line.split(None, width - 1)
    return len(cells) == width and all(len(c) <= 30 and not re.search(r"[,，。;；:：]", c) for c in cells[:-1])


SPACED_ROW = re.compile(r"^[0-9]{1,4}[ \t\u3000]+\S")


MOST_COLUMNS = 12       # a longer run of column names is no table's header
DATE_LINE = re.compile(r"[0-9]{4}\s*年\s*[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日")


def _column_name(line):
    """Whether a line is a column's name alone (网站名称, 主办单位, 被通报问题)."""
    cell = line.strip()
    return 1 < len(cell) <= 10 and not re.search(r"[,，。:：;；、0-9|]", cell) and any(
        rx.search(cell) for rx in (NAME_HEADER, PROBLEM_HEADER, HOST_HEADER, PLATFORM_HEADER, OTHER_HEADER))


def _named_columns(lines, i):
    """The column names of a table flattened one cell a line without a 序号 column, when a run
    of them starts at line i: one names the unit, another its problem or its host."""
    run = []
    while i + len(run) < len(lines) and len(run) <= MOST_COLUMNS and _column_name(lines[i + len(run)]):
        run.append(lines[i + len(run)].strip())
    names_unit = any(NAME_HEADER.search(c) and not PROBLEM_HEADER.search(c) for c in run)
    names_problem_or_host = any(PROBLEM_HEADER.search(c) or HOST_HEADER.search(c) for c in run)
    if 2 <= len(run) <= MOST_COLUMNS and names_unit and names_problem_or_host:
        return run
    return []


def _named_columns_table(lines, starts, i, header):
    """The rows under the column names `header` (lines from i): the cells that follow, one a
    line, taken `len(header)` at a time, up to the first line that is no cell (a heading, a
    sentence); a problem's cell may be a long line.  Returns (rows, the line after them)."""
    def cell_of(j):
        s = starts[j] + lines[j].index(lines[j].strip())
        return Cell(lines[j].strip(), s, s + len(lines[j].strip()))

    width, problem = len(header), _column(header, PROBLEM_HEADER)
    cells, j = [], i + width
    while j < len(lines):
        cell = lines[j].strip()
        longest = 300 if len(cells) % width == problem else 40
        if not cell or "|" in cell or len(cell) > longest \
                or re.match(r"[一二三四五六七八九十]+、|附件", cell) or DATE_LINE.fullmatch(cell):
            break           # a heading, a sentence, or the date under a signature ends the table
        cells.append(cell_of(j))
        j += 1
    rows = [("row", cells[k:k + width]) for k in range(0, len(cells) - width + 1, width)]   # a cut row is left
    return [("row", [cell_of(i + k) for k in range(width)])] + rows, j


def _cells(text):
    """Yield table blocks: lists of Cell, or ('row', [Cell]) for one-line rows."""
    blocks, block = [], []
    spaced = 0          # the width of a space-flattened table being read, 0 outside one
    first_numbered = True
    cellwise = False    # a table flattened one cell a line, from its 序号 on
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    i = 0
    while i < len(lines):
        if not cellwise and not spaced and (header := _named_columns(lines, i)):
            if block:
                blocks.append(block)
            table, i = _named_columns_table(lines, starts, i, header)
            blocks.append(table)
            block = []
            continue
        line, pos = lines[i], starts[i]
        i += 1
        cell = line.strip()
        if cellwise and cell and "|" not in line and len(cell) <= 40 \
                and not re.match(r"[一二三四五六七八九十]+、|附件", cell):
            s = pos + line.index(cell)
            block.append(Cell(cell, s, s + len(cell)))
            continue
        if cellwise:                     # the first line that is no cell ends the table
            cellwise = False
            if block:
                blocks.append(block)
                block = []
        if not spaced and "|" not in line and cell == "序号":
            if block:
                blocks.append(block)
            s = pos + line.index(cell)
            block, cellwise = [Cell(cell, s, s + len(cell))], True
        elif spaced and (SPACED_ROW.match(line) or not first_numbered and _spaced_row(line, spaced)):
            block.append(("row", _split_spaced(line, pos, spaced)))
        elif "|" not in line and _spaced_header(line):
            if block:
                blocks.append(block)
            block = [("row", _split_spaced(line, pos))]
            spaced = len(block[0][1])
            first_numbered = block[0][1][0].text in ROW_NUMBER_HEADERS
        elif "|" in line:
            spaced = 0
            parts, k = [], 0
            pieces = line.split("|")
            for n, piece in enumerate(pieces):
                stripped = piece.strip()
                if stripped:
                    s = pos + k + piece.index(stripped)
                    parts.append(Cell(stripped, s, s + len(stripped)))
                elif 0 < n < len(pieces) - 1:
                    parts.append(Cell("", pos + k, pos + k))    # an empty cell keeps its column
                k += len(piece) + 1
            if sum(1 for c in parts if c.text) >= 3:
                block.append(("row", parts))
            elif parts:
                parts = [c for c in parts if c.text]
                block.extend(parts)
        elif block:
            blocks.append(block)
            block, spaced = [], 0
        else:
            spaced = 0
    if block:
        blocks.append(block)
    return blocks


def _rows(block):
    """Group a block into (header, caption, row) triples."""
    out, header, caption, i = [], [], "", 0
    items = list(block)
    while i < len(items):
        item = items[i]
        if isinstance(item, tuple):                      # one-line row
            cells = item[1]
            # rows are numbered, or, under a header without 序号, as wide as the header
            unnumbered = (header and header[0] != "序号" and len(cells) == len(header)
                          and not any(c.text in header for c in cells))
            if NUMBER.match(cells[0].text) or unnumbered:
                out.append((header, caption, cells))
            else:
                header = [c.text for c in cells]
            i += 1
            continue
        if item.text == "序号" or (not NUMBER.match(item.text) and i + 1 < len(items)
                                  and not isinstance(items[i + 1], tuple)
                                  and items[i + 1].text == "序号"):
            if item.text != "序号":
                caption = item.text
                i += 1
            header = []
            while i < len(items) and not isinstance(items[i], tuple) and not NUMBER.match(items[i].text):
                header.append(items[i].text)
                i += 1
            continue
        if NUMBER.match(item.text):
            row = [item]
            i += 1
            while i < len(items) and not isinstance(items[i], tuple):
                nxt = items[i]
                if NUMBER.match(nxt.text) and len(row) >= 2:
                    break
                if nxt.text == "序号":
                    break
                row.append(nxt)
                i += 1
            width = len(header) if header else len(row)
            if len(row) > width and header:
                caption = row[width].text       # a caption for the rows that follow
                row = row[:width]
            out.append((header, caption, row))
            if len(header) > len(row):
                header = header[:len(row)]
            continue
        caption = item.text
        i += 1
    return out


def _channel(*texts):
    for t in texts:
        m = CHANNEL_RE.search(t or "")
        if m:
            return CHANNEL_OF[m.group(0)]
    return None


PROBLEM_HEADER = re.compile("^(?!.*问题数)(?:" + vocab.pattern("tables.problem_header") + ")$")
PLATFORM_HEADER = re.compile(vocab.pattern("tables.platform_header"))
OTHER_HEADER = re.compile("^(?:" + vocab.pattern("tables.other_header") + ")$")


def _column(header, rx):
    return next((k for k, h in enumerate(header) if rx.search(h)), None)


# A column headed 单位 (not 主办单位) names the unit itself; its site's name is beside it
# (an account, though, goes by its own name, as the gold records name 宝鸡信访, not 宝鸡市信访局).
UNIT_HEADER = re.compile("^(?:" + vocab.pattern("tables.unit_header") + ")$")


# The column of the body running the site or account a row names (findings.merge_spellings).
HOST_HEADER = re.compile("^(?:" + vocab.pattern("tables.host_header") + ")$")


SITE_HEADER = re.compile(vocab.pattern("tables.site_header"))
GOVERNMENT_OFFICE = re.compile("(?:" + vocab.pattern("tables.government_office") + ")$")


def _name_column(header):
    """The column that names the unit: an account's name (账号名称), else 单位 before the
    name of its site (网站名称), else any 名称."""
    for rx in (re.compile(r"账号|帐号"), UNIT_HEADER, re.compile("名称")):
        found = _column(header, rx)
        if found is not None:
            return found
    return None


def _marked_problems(header, row):
    """The cells of a row ticked under columns that name a problem."""
    return [(k, c) for k, c in enumerate(row)
            if MARK.match(c.text) and k < len(header) and problems_of(header[k])]


def _codes(*texts):
    """Problem codes from the first text that states one."""
    for t in texts:
        if t:
            codes = problems_of(t)
            if codes:
                return codes
    return []


LISTING_NEGATIVE = re.compile(vocab.pattern("tables.listing_negative"))


def _listed_table(rows, heading_at):
    """A table that only lists units under a title that praises or faults them
    (附件:表现优秀的政务新媒体, 不合格网站名单): one finding per row, or [] when the
    title says neither or a row holds several names (left to the sentence reader)."""
    out = []
    for header, caption, row in rows:
        if len(row) < 2:
            continue
        name_col = _name_column(header) if header else None
        name_cell = row[name_col if name_col is not None and name_col < len(row) else 1]
        if "、" in name_cell.text:
            return []
        title = " ".join([caption] + heading_at(name_cell.start))
        if LISTING_NEGATIVE.search(title):
            polarity, problem = "negative", "unspecified"
        elif POSITIVE_HEADING.search(title):
            polarity, problem = "positive", None
        else:
            return []
        platform_col = _column(header, PLATFORM_HEADER) if header else None
        platform = row[platform_col].text if platform_col is not None and platform_col < len(row) else ""
        channel = _channel(platform, " ".join(c.text for c in row[1:]), caption, *heading_at(name_cell.start))
        out.append({"unit": clean_name(name_cell.text) or name_cell.text, "channel": channel or "organization",
                    "polarity": polarity, "problem": problem, "month": None,
                    "section": (heading_at(name_cell.start) or [None])[-1],
                    "evidence": " | ".join(c.text for c in row), "start": row[0].start, "end": row[-1].end,
                    "unit_start": name_cell.start, "unit_end": name_cell.end})
    return out


def table_findings(text, heading_at):
    """Findings from result tables.  `heading_at(offset)` gives the headings above an offset.

    A result table has 合格/不合格 cells (each failing cell is a finding, its month from
    the column) or a 问题 column (each row with a problem is a finding).
    Returns (findings, consumed) where consumed are (start, end) spans of the tables read."""
    findings, consumed = [], []
    for block in _cells(text):
        rows = _rows(block)
        cells = [c for item in block for c in (item[1] if isinstance(item, tuple) else [item])]
        has_fail = any(FAIL.match(c.text) for c in cells) or any(
            _marked_problems(h, r) for h, _, r in rows)
        has_problem_col = any(_column(h, PROBLEM_HEADER) is not None for h, _, _ in rows)
        if not (has_fail or has_problem_col):
            listed = _listed_table(rows, heading_at)
            if listed or any(c.text == "合格" for c in cells):
                findings.extend(listed)      # a table where every unit passed says nothing more
                consumed.append((cells[0].start, cells[-1].end))
            continue
        consumed.append((cells[0].start, cells[-1].end))
        for header, caption, row in rows:
            if len(row) < 2:
                continue
            name_col = _name_column(header)
            if name_col is None:
                name_col = next((k for k, h in enumerate(header) if NAME_HEADER.search(h) and k > 0), 1)
            if name_col >= len(row):
                continue
            name_cell = row[name_col]
            headings = heading_at(name_cell.start)
            problem_col = _column(header, PROBLEM_HEADER)
            if not header and any(FAIL.match(c.text) for c in row) and not re.match(
                    r"(?:不?合格|https?:|www\.)", row[-1].text):
                problem_col = len(row) - 1      # a header lost upstream: the last cell says the problem
            problem_text = row[problem_col].text if problem_col is not None and problem_col < len(row) else ""
            platform_col = _column(header, PLATFORM_HEADER)
            platform = row[platform_col].text if platform_col is not None and platform_col < len(row) else ""
            channel = _channel(platform, caption, header[name_col] if name_col < len(header) else "",
                               name_cell.text, *reversed(headings))
            host_col = _column(header, HOST_HEADER)
            host = clean_name(row[host_col].text) if host_col not in (None, name_col) and host_col < len(row) else ""
            name_header = header[name_col] if name_col < len(header) else ""
            if host and SITE_HEADER.search(name_header) and not re.search(r"账号|帐号|新媒体", name_header) \
                    and not GOVERNMENT_OFFICE.search(host):
                # 第四师农业局 | 第四师农业信息网: a site goes by the body running it, unless
                # that is the office running a government's portal (威县人民政府网站: 威县)
                name_cell, host = row[host_col], ""
            failing = [(k, c) for k, c in enumerate(row) if FAIL.match(c.text)] + _marked_problems(header, row)
            if not failing and problem_text and not has_fail:
                failing = [(problem_col, row[problem_col])]
            for k, cell in failing:
                col = header[k] if k < len(header) else ""
                codes = _codes(problem_text, col if k != problem_col else "") or (
                    ["not_updated"] if "更新" in col else ["unspecified"])
                month = MONTH.search(col) if k != problem_col else None
                for code in codes:
                    findings.append({
                        "unit": clean_name(name_cell.text) or name_cell.text, "channel": channel or "website",
                        "polarity": "negative", "problem": code,
                        "month": int(month.group(1)) if month else None,
                        "section": headings[-1] if headings else None,
                        "evidence": " | ".join(c.text for c in row),
                        "start": row[0].start, "end": row[-1].end,
                        "unit_start": name_cell.start, "unit_end": name_cell.end,
                        **({"host": host} if host else {}),
                    })
    return findings, consumed
