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
# `?!` is how a misdecoded 。“ shows in some pages: a sentence ends there
SENTENCE_END = re.compile("[" + re.escape(SENT_END) + r"]|\?(?=!)")
METADATA_LINE = re.compile("(?:" + vocab.pattern("sections.metadata_labels") + ")[:：]")
# A point made inside a paragraph (…取得较好成效。一是…。二是…): a heading for what follows it there.
POINT = re.compile(r"[一二三四五六七八九十]+是")
TABLE_CELL = re.compile(r"\|\s*$|\s\|\s")
# A table row: 5 五十镇人民政府 五十镇政府网 …
SPACED_ROW = re.compile(r"^\s*[0-9]{1,3}\s+\S+\s+\S+")
# A sentence longer than this is text run on without punctuation or a list of thousands of
# names: it is cut into pieces, so that its cost and its evidence stay bounded. The longest
# sentence of a real notice met so far has 335 characters.
MAX_SENTENCE = 1000
LONG_SENTENCE_BREAKS = vocab.entry("sections.long_sentence_breaks")


@dataclass
class Segment:
    text: str
    offsets: list                      # offsets[i] = position in the notice text of text[i]
    headings: list = field(default_factory=list)   # enclosing headings, outermost first
    paragraph: int = 0                 # index of the source line (paragraph) it starts in
    is_heading: bool = False
    continues_list: bool = False       # a piece of a long sentence cut inside a list (…、)

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


# A short line that names a kind and counts it, unnumbered (未提供有效互动功能(3个)): a sub-heading.
COUNTED_HEADING = re.compile(r"^[^,，。;；:：、()（）]{2,24}"
                             r"[(（][0-9一二三四五六七八九十]+\s*个[)）]\s*$")


def heading_level(line):
    """1 for 一、 and 附件, 2 for (一), 3 for 1., 一是 and a counted kind; None for body text."""
    m = HEADING_RE.match(line)
    if not m:
        return 3 if COUNTED_HEADING.match(line) else None
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
    if line.startswith("附件"):        # 附件:第二季度表现优秀的政务新媒体: the title is the heading
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


def _pieces(text, start, end):
    """[start, end) as (start, end, cut inside a list) pieces of at most MAX_SENTENCE
    characters, each cut after the last break in its second half, else at its limit."""
    while end - start > MAX_SENTENCE:
        lo, hi = start + MAX_SENTENCE // 2, start + MAX_SENTENCE
        cut = max(text.rfind(b, lo, hi) for b in LONG_SENTENCE_BREAKS) + 1 or hi
        yield start, cut, text[cut - 1] == "、"
        start = cut
    yield start, end, False


def split_sentences(text):
    """Split the notice text into sentence Segments, each with its heading chain."""
    lines, pos = [], 0
    for raw in text.split("\n"):
        lines.append((raw, pos))
        pos += len(raw) + 1

    # paragraphs: lines joined where a line break only wraps a paragraph
    groups, joins = [], False
    for idx, (line, start) in enumerate(lines):
        if groups and joins:
            groups[-1].append((line, start))
        else:
            groups.append([(line, start)])
        nxt = lines[idx + 1][0] if idx + 1 < len(lines) else ""
        joins = _joins_next(line, nxt)
    paragraphs = [("".join(line for line, _ in group),
                   [o for line, start in group for o in range(start, start + len(line))]) for group in groups]

    segments, chain = [], []
    for pno, (ptext, poffs) in enumerate(paragraphs):
        level = heading_level(ptext)
        if level:
            chain = [h for h in chain if h[0] < level] + [(level, heading_text(ptext))]
        elif ptext.startswith("附件") or (segments and segments[-1].text.strip() in ("附件", "附件:")):
            chain = [(1, heading_text(ptext))]
        headings = [h[1] for h in chain]
        start, first, points = 0, True, False
        ends = [m.start() for m in SENTENCE_END.finditer(ptext)]
        if ptext and ends[-1:] != [len(ptext) - 1]:
            ends.append(len(ptext) - 1)          # the paragraph ends a sentence too
        for i in ends:
            for a, b, in_list in _pieces(ptext, start, i + 1):
                text = ptext[a:b]
                point = not first and bool(POINT.match(text.lstrip()))
                inline = not first and heading_level(text.lstrip()) in (1, 2) or point
                if inline:     # a page flattened to one paragraph: 。二、存在的问题…; or a point 。二是…
                    lvl = heading_level(text.lstrip())
                    chain = [h for h in chain if h[0] < lvl] + [(lvl, heading_text(text.lstrip()))]
                    headings = [h[1] for h in chain]
                    points = points or point
                piece = Segment(text, poffs[a:b], headings, pno,
                                is_heading=bool(level and first) or inline, continues_list=in_list)
                if piece.text.strip():
                    segments.append(piece)
                    first = False
            start = i + 1
        if points:      # the points made inside a paragraph end with it
            chain = [h for h in chain if h[0] < 3]
    return segments
