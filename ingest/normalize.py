"""Text normalisation: pinyin readings out, traditional to simplified, widths and spaces
tidied, the site furniture around the notice dropped (see boilerplate.py).

Every step keeps, for each character of its output, the offset of the raw character it
came from, so that a finding can point back at its source.
"""
import html
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

from .boilerplate import notice_lines

# A pinyin reading glued after a character: 關(guān)  網（wǎng）.  One syllable with at least one
# tone mark, so real brackets such as (政务微博) or (APP) never match.  Usually it follows a
# Han character; on mis-decoded pages the character before it may be mojibake (,F(xiàn)).
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
PINYIN = re.compile(rf"(?<=\S)[(（]\s*[a-zü{_TONE}]*[{_TONE}][a-zü{_TONE}]*\s*[)）]")
HTML_TAG = re.compile(r"</?[a-zA-Z][^<>\n]{0,200}>")
HTML_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,5});")
_SPACE = r" \t\u3000\xa0\u2000-\u200b\u202f\u205f\ufeff"
# A run of spaces becomes one space; a run of spaces and line breaks, one line break.
WHITESPACE = re.compile(rf"[{_SPACE}]*\n[{_SPACE}\n]*|[{_SPACE}]+")


@lru_cache(maxsize=1)
def _t2s():
    return OpenCC("t2s")


class Mapped:
    """A string with the raw offset of each of its characters."""

    def __init__(self, text, offsets=None):
        self.text = text
        self.offsets = list(range(len(text))) if offsets is None else offsets

    def sub(self, pattern, repl):
        """re.sub where `repl` is a fixed string or a function of the match."""
        if not pattern.search(self.text):
            return self
        out, offs, last = [], [], 0
        for m in pattern.finditer(self.text):
            out.append(self.text[last:m.start()])
            offs.extend(self.offsets[last:m.start()])
            r = repl(m) if callable(repl) else repl
            out.append(r)
            anchor = self.offsets[m.start()] if m.start() < len(self.offsets) else (
                self.offsets[-1] if self.offsets else 0)
            offs.extend([anchor] * len(r))
            last = m.end()
        out.append(self.text[last:])
        offs.extend(self.offsets[last:])
        return Mapped("".join(out), offs)

    def keep_lines(self, keep):
        """Only the lines whose index is in `keep` (a set), each with its newline."""
        out, offs, pos = [], [], 0
        for i, line in enumerate(self.text.split("\n")):
            end = pos + len(line) + 1
            if i in keep:
                out.append(self.text[pos:end])
                offs.extend(self.offsets[pos:end])
            pos = end
        text = "".join(out)
        return Mapped(text, offs[:len(text)])

    def map_chars(self, convert):
        """Apply a length-preserving conversion; fall back per line when it is not."""
        new = convert(self.text)
        if len(new) == len(self.text):
            return Mapped(new, self.offsets)
        out, offs, pos = [], [], 0
        for line in self.text.splitlines(keepends=True):
            conv = convert(line)
            out.append(conv)
            if len(conv) == len(line):
                offs.extend(self.offsets[pos:pos + len(line)])
            else:
                base = self.offsets[pos] if pos < len(self.offsets) else 0
                offs.extend([base] * len(conv))
            pos += len(line)
        return Mapped("".join(out), offs)


@lru_cache(maxsize=1)
def _names_t2s_would_alter():
    """Place names (cpca) that are simplified already but that OpenCC t2s, reading a
    character out of context, would alter: 乾安县 would become 干安县."""
    from .regions import region_index
    altered = {n for n in region_index()[0] if _t2s().convert(n) != n}
    # their stems too, as account names use them (平安乾安); a one-character stem is no name
    altered |= {n[:-1] for n in altered if len(n) >= 3 and n[-1] in "省市县区旗盟州"}
    names = sorted(altered, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names))) if names else None


def to_simplified(text):
    """OpenCC traditional -> simplified, leaving simplified place names as they are."""
    convert = _t2s().convert
    keep = _names_t2s_would_alter()
    if keep is None or not keep.search(text):
        return convert(text)
    out, last = [], 0
    for m in keep.finditer(text):
        out += [convert(text[last:m.start()]), m.group()]
        last = m.end()
    out.append(convert(text[last:]))
    return "".join(out)


def to_halfwidth(text):
    """Full-width digits, Latin letters and ％ to ASCII; Chinese punctuation kept."""
    return text.translate(_HALFWIDTH)


_HALFWIDTH = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF1A)}
_HALFWIDTH.update({c: c - 0xFEE0 for c in range(0xFF21, 0xFF3B)})
_HALFWIDTH.update({c: c - 0xFEE0 for c in range(0xFF41, 0xFF5B)})
_HALFWIDTH[0xFF05] = ord("%")


LINE_BREAK = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")

# Letter-spaced text (a PDF's justified or spaced-out lines: `通 报 全 省 政 府 网 站`): a single
# space between two characters is a gap between letters, and goes; a wider gap was a space.
# " | " between table cells stays.
LETTER_GAP = re.compile(r"(?<=[^\s|]) (?=[^\s|])")
_HAN = re.compile(r"[\u3400-\u9fff]")


def _letter_spaced(line):
    """Whether the line is letter-spaced: four or more pieces between spaces, nearly all of
    them single characters, a quarter of them Chinese at least (not a row of numbers)."""
    pieces = [p for p in line.split(" ") if p]
    singles = [p for p in pieces if len(p) == 1]
    return (len(pieces) >= 4 and len(singles) >= 0.9 * len(pieces)
            and sum(bool(_HAN.match(p)) for p in singles) >= max(2, len(singles) / 4))


def _close_letter_gaps(m):
    """A Mapped text with its letter gaps closed: in every line when most lines of four pieces
    or more are letter-spaced (the short lines, dates and addresses of such a text are spaced
    too), else only in the letter-spaced lines."""
    lines = m.text.split("\n")
    spaced = [" " in line and _letter_spaced(line) for line in lines]
    if not any(spaced):
        return m
    if sum(spaced) >= max(3, sum(len(line.split()) >= 4 for line in lines) / 2):
        return m.sub(LETTER_GAP, "")
    spans, pos = [], 0
    for line, letter_spaced in zip(lines, spaced):
        if letter_spaced:
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    starts = [start for start, _ in spans]

    def gap(space):
        i = bisect_right(starts, space.start()) - 1
        return "" if i >= 0 and space.start() < spans[i][1] else " "
    return m.sub(LETTER_GAP, gap)


def _nfc(text):
    return unicodedata.normalize("NFC", text)


BLOCK_TAG = re.compile(r"</?(p|br|div|li|tr|h[1-6]|table|section|article)\b", re.I)


def _tag_break(tag):
    """A stray tag goes; one that ends a block (<br>, </p>, <div>) leaves a line break."""
    return "\n" if BLOCK_TAG.match(tag.group()) else ""


def _unescape(entity):
    """&nbsp; &amp; &#12288; in text copied from a page; a control character becomes a space."""
    char = html.unescape(entity.group())
    return char if char.isprintable() else " "


# A gambling brand a hijacked page injects into the notice's sentences (鸿博体育, UedBet体育): a
# brand, then a word of that trade, not followed by what makes it a body or a topic (体育局,
# 文化体育和旅游, 群众体育工作).
BRAND = re.compile(r"(?P<brand>[A-Za-z][A-Za-z0-9]{1,11}|[\u4e00-\u9fff]{2})"
                   r"(?:体育|娱乐|博彩|彩票|棋牌|真人|电竞)"
                   r"(?![局厅委处科馆场和与及、]|中心|学院|学校|总会"
                   r"|协会|事业|产业|运动|赛事|工作)")
# Where an injected brand shows it is glued on: right before a sentence's punctuation or a line's end.
GLUED = r"(?=[、,，。;；:：\n]|$)"


@lru_cache(maxsize=1)
def _dictionary_words():
    """jieba's dictionary: a brand made of a word (群众体育, 评论娱乐) is the text's own."""
    import jieba
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as words:
        return frozenset(line.split(" ", 1)[0] for line in words)


def injected_brands(text):
    """The brands injected into this text, each met at least twice: a Latin brand, or two
    characters that are neither a word nor a place (龙岩体育 is 龙岩's account) glued before
    punctuation at least once. A notice that reports such spam names it once, if at all."""
    from .regions import mentions
    seen = Counter(m.group() for m in BRAND.finditer(text))
    brands = []
    for token, n in seen.items():
        brand = BRAND.match(token).group("brand")
        if n < 2 or any(start == 0 for start, _, _ in mentions(brand)):
            continue
        if brand.isascii() or (brand not in _dictionary_words()
                               and re.search(re.escape(token) + GLUED, text)):
            brands.append(token)
    return sorted(brands)


def normalize(raw):
    """Return (clean_text, offsets) for a decoded raw text; offsets index into `raw`."""
    m = Mapped(raw).sub(LINE_BREAK, "\n")
    m = m.map_chars(_nfc)
    m = _close_letter_gaps(m)
    m = m.sub(PINYIN, "")
    m = m.map_chars(to_simplified)
    m = m.map_chars(to_halfwidth)
    if brands := injected_brands(m.text):
        m = m.sub(re.compile("|".join(map(re.escape, brands))), "")
    m = m.sub(HTML_TAG, _tag_break)
    m = m.sub(HTML_ENTITY, _unescape)
    m = m.sub(WHITESPACE, lambda w: "\n" if "\n" in w.group() else " ")
    m = m.keep_lines(notice_lines(m.text.split("\n")))
    text = m.text.strip()
    lead = len(m.text) - len(m.text.lstrip())
    return text, m.offsets[lead:lead + len(text)]
