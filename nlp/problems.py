"""Polarity and problem type: what a notice says of the units it names.

Both are read from the words said of a unit, looked for in widening context: the
unit's own predicate, its clause, the sentence, the sentence a `如:` list illustrates,
then the section headings above it.
"""
import re
from functools import lru_cache

from . import vocab
from .lexicon import cn_number

# Praise and blame (nlp/vocabulary/polarity.toml).
POSITIVE_RE = re.compile(vocab.pattern("polarity.praise"))
NEGATIVE_RE = re.compile(vocab.pattern("polarity.blame"))
# Phrases that mention problems only to say there were none.
NO_PROBLEM_RE = re.compile(vocab.pattern("polarity.no_problem"))
# Statements of work done, neither blame nor praise: they stop a heading from deciding.
CLEAN_RECORD = re.compile(vocab.pattern("polarity.clean_record"))
WORK_DONE = re.compile(vocab.pattern("polarity.work_done"))
PASSING = re.compile(vocab.pattern("polarity.merely_passing"))
NEGATIVE_HEADING = re.compile(vocab.pattern("polarity.negative_heading"))
POSITIVE_HEADING = re.compile(vocab.pattern("polarity.positive_heading"))
# Blame that praise beside it does not outweigh (合格率100% beside 问题整改 is praise; beside 未… it is not).
OUTWEIGHS_PRAISE = re.compile(vocab.pattern("polarity.outweighs_praise"))
STRONG_NEGATIVE = re.compile(vocab.pattern("polarity.strong_blame"))
# A predicate that states what is wrong, not merely that something failed.
STATED_PROBLEM = re.compile(vocab.pattern("polarity.stated_problem"))
UNRECTIFIED_HEADING = re.compile(vocab.pattern("polarity.unrectified_heading"))
NEW_PROBLEM = re.compile(vocab.pattern("polarity.new_problem"))
REQUEST_HEADING = re.compile(vocab.pattern("polarity.request_heading"))
QUOTED = re.compile(r"[“\"「『][^“”\"」』]{1,30}[”\"」』]")
# …but a quote that is what a page shows (显示“暂无信息”) is read.
PAGE_SAYS = re.compile(vocab.pattern("polarity.page_says"))

# Problem codes, each with the phrases that state it (nlp/vocabulary/problems.toml), in the
# order they are reported.
PROBLEM_RES = [(code, re.compile(vocab.pattern(f"problems.problem.{code}")))
               for code in vocab.entry("problems.problem")]
# A failure named without its problem.
UNSPECIFIED_RE = re.compile(vocab.pattern("problems.unspecified"))
# A streak the notice states: 连续四个季度检查不合格, 连续两个月未有信息发布,
# 连续两期被通报.
CONSECUTIVE_RE = re.compile(r"连续([0-9一二两三四五六七八九十]+)(?:个)?"
                            r"(?:季度|月|月份|周期|批次|期|次)[^,，。;；]{0,8}?"
                            r"(?:不合格|不及格|未|无|不更新|被通报|通报|问题)")


def polarity_of(text):
    """'negative', 'positive' or None for a stretch of text."""
    clean = bool(CLEAN_RECORD.search(text))      # 没有扣分: no problem, and praise
    text = NO_PROBLEM_RE.sub("", text)
    text = QUOTED.sub(lambda m: m.group(0) if PAGE_SAYS.search(text[max(0, m.start() - 4):m.start()]) else "", text)
    praised = clean or bool(POSITIVE_RE.search(text))
    if NEGATIVE_RE.search(text):
        return "positive" if praised and not OUTWEIGHS_PRAISE.search(text) else "negative"
    return "positive" if praised else None


def heading_polarity(headings):
    """What the nearest heading that says anything says: 问题 blames, 亮点/表扬 praises."""
    for h in reversed(headings):
        if re.search(r"整改[^,，。:：]{0,4}情况", h) and not re.search(r"不到位|未|不力", h):
            continue      # 问题网站整改情况: a report of progress, not of problems
        h = NO_PROBLEM_RE.sub("", h)      # 未发现严重问题: no blame
        if h.startswith("附件"):
            if POSITIVE_HEADING.search(h):
                return "positive"
            continue
        if NEGATIVE_HEADING.search(h):
            return "negative"
        if POSITIVE_HEADING.search(h):
            return "positive"
    return None


# Quoted names of columns (子栏目“政策解读”为空白, “A”、“B”等栏目) …
_COLUMNS = vocab.pattern("channels.columns")
QUOTED_COLUMN = re.compile("(?<=" + _COLUMNS + ")(?:[、和及与]?" + QUOTED.pattern + ")+|"
                           + QUOTED.pattern + "(?=(?:[、和及与]?" + QUOTED.pattern + r")*"
                           r"[、和及与]?等?(?:[0-9一二三四五六七八九十]+个)?"
                           r"(?:为|是)?(?:" + vocab.pattern("units.column_states") + ")?(?:" + _COLUMNS + "|链接))")
# …and unquoted (人事信息、法律法规、信息公开指南等8个栏目长期未更新).
COLUMN_LIST = re.compile(r"(?:[^,，。;；、“”的未不无存]{2,10}、)+"
                         r"[^,，。;；、“”的未不无存]{2,10}"
                         r"(?=等[0-9一二三四五六七八九十]*个?(?:" + _COLUMNS + "))")
# …unless the column is what is missing (未按要求开设“政策解读”栏目).
MISSING_COLUMN = re.compile(vocab.pattern("polarity.missing_column"))
# Columns named after an area of work, unquoted, followed by another problem of the column
# (政策解读栏目为空白): where that problem is, like a quoted column name.
AREA_COLUMN = re.compile("(?:" + vocab.pattern("problems.column_areas") + ")"
                         "(?=" + vocab.pattern("problems.column_problem") + ")")


def problems_of(text):
    """Problem codes stated in a stretch of text (without 'unspecified').  The names of
    columns (“政策解读”栏目, 政策解读栏目为空白) say where a problem is, not what it is, unless
    the notice says the column is missing."""
    text = NO_PROBLEM_RE.sub("", text)
    text = QUOTED_COLUMN.sub(
        lambda m: m.group(0) if MISSING_COLUMN.search(text[max(0, m.start() - 10):m.start()]) else "", text)
    text = COLUMN_LIST.sub("", text)
    text = AREA_COLUMN.sub("", text)
    codes = []
    for code, rx in PROBLEM_RES:
        if rx.search(text):
            codes.append(code)
            # the words of one problem do not also state another (未完成错敏信息整改)
            text = rx.sub(lambda m: "\x00" * len(m.group(0)), text)
    return codes


def is_unspecified_failure(text):
    """不合格, 问题突出, 被通报 …: a failure named without its problem."""
    return bool(UNSPECIFIED_RE.search(NO_PROBLEM_RE.sub("", text)))


def consecutive_periods(text):
    m = CONSECUTIVE_RE.search(text)
    return cn_number(m.group(1)) if m else None


RECTIFIED = re.compile(vocab.pattern("polarity.rectified"))


def classify(contexts, headings, allow_heading=True):
    """Decide polarity and problems from contexts, narrowest first.

    Returns (polarity, [codes], consecutive) or (None, [], None) when nothing is said.
    `allow_heading`: whether the section headings may decide polarity when the text
    around the name says nothing."""
    polarity, codes, consecutive = _classify(tuple(contexts), tuple(headings), allow_heading)
    return polarity, list(codes), consecutive


@lru_cache(maxsize=1024)     # the names of one enumeration share their contexts: read them once
def _classify(contexts, headings, allow_heading):
    contexts, headings = list(contexts), list(headings)
    polarity, level, done = None, None, False
    for k, ctx in enumerate(contexts):
        polarity = polarity_of(ctx)
        if polarity:
            level = k
            break
        if k <= 1 and PASSING.search(ctx):
            return None, [], None     # merely passing
        if k <= 1 and WORK_DONE.search(ctx):
            done = True               # 西宁市已完成…: a plain statement of work done
            break
        if k == 0 and RECTIFIED.search(ctx):
            return None, [], None     # X网站空白栏目问题已整改到位: its own predicate clears it
    in_request = any(REQUEST_HEADING.search(h) for h in headings[-2:])
    section = heading_polarity(headings)
    if polarity is None:
        if not allow_heading or done and section != "positive":
            return None, [], None
        polarity, level = section, len(contexts)
    elif polarity == "negative" and section == "positive" and not any(
            STRONG_NEGATIVE.search(QUOTED.sub("", c)) for c in contexts[:2]):
        polarity = "positive"     # a highlight section describing what a unit overcame
    if polarity == "positive" and in_request:
        return None, [], None     # exhortations are not praise
    if polarity != "negative":
        return polarity, [], None
    codes, consecutive = [], None
    # problem words are read narrowest first, even when a wider context gave the polarity;
    # a failure named in so many words (…均不合格,予以通报批评) takes no problem from the
    # heading it happens to stand under
    own = contexts[level] if level < len(contexts) else ""
    named_failure = level < len(contexts) and is_unspecified_failure(own)
    for ctx in contexts + ([] if named_failure else list(reversed(headings))):
        codes = problems_of(ctx)
        if consecutive is None:
            consecutive = consecutive_periods(ctx)
        if codes:
            break
    if codes and "rectification" not in codes and any(UNRECTIFIED_HEADING.search(h) for h in headings) \
            and not any(NEW_PROBLEM.search(c) for c in contexts):
        codes = codes + ["rectification"]     # listed under 未整改或整改不到位的情况
    if not codes and level <= 1 and STATED_PROBLEM.search(QUOTED.sub("", own)) and not is_unspecified_failure(own):
        codes = ["other"]         # a problem stated in words no type covers (领导信息未及时调整)
    elif not codes or is_unspecified_failure(own):
        codes = codes + ["unspecified"]
    return polarity, codes, consecutive
