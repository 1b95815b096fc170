"""Sections and sentences of a notice.

Numbered headings (一、 (一) 1. 一是 附件) split the notice into nested sections; every
sentence keeps the chain of headings above it.  A sentence is a `Segment`: its text
with the line breaks of wrapped lines taken out, and for each character its offset in
the notice text, so that findings point back at their evidence.
"""
import re
from dataclasses import dataclass, field

from . import vocab

# Heading numbering: 一、 (一) 1. 1、 一是 附件.
HEADING_RE = re.compile("^(?:" + vocab.pattern("sections.heading_marks") + ")")
SENT_END = vocab.entry("sections.sentence_end")
METADATA_LINE = re.compile("(?:" + vocab.pattern("sections.metadata_labels") + ")[:：]")
TABLE_CELL = re.compile(r"\|\s*$|\s\|\s")
SPACED_ROW = re.compile(r"^\s*[0-9]{1,3}\s+\S+\s+\S+")      # 5 五十镇人民政府 五十镇政府网 …: a table row


@dataclass
class Segment:
    text: str
    offsets: list                      # offsets[i] = position in the notice text of text[i]
    headings: list = field(default_factory=list)   # enclosing headings, outermost first
    paragraph: int = 0                 # index of the source line (paragraph) it starts in
    is_heading: bool = False

    @property
    def start(self):
        return self.offsets[0] if self.offsets else 0

    @property
    def end(self):
        return self.offsets[-1] + 1 if self.offsets else 0

    def span(self, i, j):
        """Offsets in the notice text of text[i:j]."""
        if not self.offsets or i >= j:
            return self.start, self.start
        return self.offsets[i], self.offsets[j - 1] + 1

    def sub(self, i, j):
        return Segment(self.text[i:j], self.offsets[i:j], self.headings, self.paragraph,
                       self.is_heading)

    @property
    def section(self):
        return self.headings[-1] if self.headings else None


def heading_level(line):
    """1 for 一、 and 附件, 2 for (一), 3 for 1. and 一是; None for body text."""
    m = HEADING_RE.match(line)
    if not m:
        return None
    mark = m.group(0)
    if mark.startswith("附件"):
        return 1
    if mark[0] in "(（":
        return 2
    if mark.endswith("是") or mark[0].isdigit():
        return 3
    return 1


def heading_text(line):
    """The heading itself: the line up to its first full stop, at most 40 characters."""
    if line.startswith("附件"):        # 附件:第二季度表现优秀的政务新媒体 — the title is the heading
        cut = re.split(r"[。]", line, maxsplit=1)[0]
    else:
        cut = re.split(r"[。:：]", line, maxsplit=1)[0]
    return cut[:40].strip()


def _joins_next(line, nxt):
    """Whether a line break is only the wrapping of one paragraph (北京、\\n辽宁)."""
    if not line or not nxt or heading_level(nxt) or TABLE_CELL.search(line) or TABLE_CELL.search(nxt) \
            or SPACED_ROW.match(line) or SPACED_ROW.match(nxt):
        return False
    if line[-1] in "、,，(（“":
        return True
    if METADATA_LINE.search(line):
        return False          # a line of page metadata
    # a long paragraph cut in the middle of a word
    return len(line) >= 20 and line[-1] not in SENT_END + ":：)）”" and "\u4e00" <= nxt[0] <= "\u9fff"


def split_sentences(text):
    """Split the notice text into sentence Segments, each with its heading chain."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((raw, pos))
        pos += len(raw) + 1

    # paragraphs: lines joined where a line break only wraps a paragraph
    paragraphs = []
    for idx, (line, start) in enumerate(lines):
        offs = list(range(start, start + len(line)))
        if paragraphs and paragraphs[-1][2]:
            prev = paragraphs[-1]
            paragraphs[-1] = (prev[0] + line, prev[1] + offs, False, prev[3])
        else:
            paragraphs.append((line, offs, False, idx))
        nxt = lines[idx + 1][0] if idx + 1 < len(lines) else ""
        if _joins_next(line, nxt):
            p = paragraphs[-1]
            paragraphs[-1] = (p[0], p[1], True, p[3])

    segments, chain = [], []
    for pno, (ptext, poffs, _, _) in enumerate(paragraphs):
        level = heading_level(ptext)
        if level:
            chain = [h for h in chain if h[0] < level] + [(level, heading_text(ptext))]
        elif ptext.startswith("附件") or (segments and segments[-1].text.strip() in ("附件", "附件:")):
            chain = [(1, heading_text(ptext))]
        headings = [h[1] for h in chain]
        start, first = 0, True
        for i, ch in enumerate(ptext):
            # `?!` is how a misdecoded 。“ shows in some pages: a sentence ends there
            if ch in SENT_END or ptext[i:i + 2] == "?!" or i == len(ptext) - 1:
                text = ptext[start:i + 1]
                inline = not first and heading_level(text.lstrip()) in (1, 2)
                if inline:     # a page flattened to one paragraph: 。二、存在的问题…
                    lvl = heading_level(text.lstrip())
                    chain = [h for h in chain if h[0] < lvl] + [(lvl, heading_text(text.lstrip()))]
                    headings = [h[1] for h in chain]
                piece = Segment(text, poffs[start:i + 1], headings, pno,
                                is_heading=bool(level and first) or inline)
                if piece.text.strip():
                    segments.append(piece)
                    first = False
                start = i + 1
    return segments
