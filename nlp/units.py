"""Unit names in a sentence: the subjects and enumerations a notice faults or praises.

A notice names units in a few ways, all read here from the structure of the sentence:
- as the subject of a clause, `泽库县政府网站连续四个季度检查不合格`;
- in an enumeration under one predicate, `A、B、C等政府网站存在…`, `如:A、B`,
  `…的政务新媒体有:A、B`, with `和/及/与` before the last name;
- in quotes, `“福州地震信息服务”微信公众号`, possibly after the body that runs the
  account (`宝鸡市信访局“宝鸡信访”`);
- each followed by its own predicate, `司法局出现错误表述1次、涂岭镇出现错别字1次`.
A name keeps the channel said after it (`网站`, `(政务微博)`, `微信订阅号`).
"""
import re
from dataclasses import dataclass
from functools import lru_cache

import jieba.posseg

from . import segment, vocab
from .lexicon import (CHANNEL_OF, CHANNEL_RE, CLASS_OPENERS, CLASS_QUANTIFIER_AT_END, HAN, PREDICATE_START,
                      UNIT_END_RE, not_a_unit, place_names)

# The word lists are in nlp/vocabulary/units.toml, under the same names in lower case.
COUNT = re.compile(r"[0-9*一二两三四五六七八九十几]+\s*[个家条次]")
COLUMN_WORDS = re.compile(vocab.pattern("units.column_words"))   # after a quoted column name: where, not what
CLAUSE_SPLIT = re.compile(r"[,，:：;；|。！？]")   # ASCII ? is mojibake here, not punctuation
QUOTE = re.compile(r"[“\"「『]([^“”\"「」『』\n]{1,30})[”\"」』]")
# a quote the excerpt's cut leaves open
QUOTE_AT_CUT = re.compile(r"[“\"「『]([^“”\"「」『』\n、,，]{1,30})$")
LIST_SEP = "、"
# Words that begin a clause before its subject (其中, 如, 请 …).
LEAD = re.compile("^(?:" + vocab.pattern("units.lead") + ")+")
INTRODUCING_LEAD = re.compile(vocab.pattern("units.introducing_lead"))
MEANS = re.compile(vocab.pattern("units.means"))
VIEWPOINT = re.compile(r"\s*(?:" + vocab.pattern("units.viewpoint") + r")\s*")     # 从…类型看: no subject
# Where an enumeration is introduced inside a clause: …的政务新媒体有 / 分别是 / 包括.
MID_OPENER = re.compile(vocab.pattern("units.mid_openers"))
STRONG_OPENER = re.compile(vocab.pattern("units.strong_openers"))
# Words that never belong to a name: where a subject ends and its predicate begins.
STOP_WORDS = re.compile(vocab.pattern("units.stop_words"))
PAREN_TAIL = re.compile(r"[(（]([^()（）]{1,20})[)）]")
UNCLOSED_BRACKET = re.compile(r"[(（][^()（）]*$")    # 惠山新城发布(抖音…: the note the cut left open
# Words that open a predicate or an exhortation, never a name (按照…, 要加强…, 在…).
FUNCTION_START = re.compile("^(?:" + vocab.pattern("units.function_starts") + ")")
# What may follow a quoted name: its channel, punctuation, the next name, or a predicate.
QUOTE_FOLLOWER = re.compile(vocab.pattern("units.quote_followers", channel_word=CHANNEL_RE.pattern))
# What a quoted column or slogan is followed by (“工作动态”栏目, “三审三校”制度).
NOT_AFTER_A_NAME = re.compile("等?(?:[0-9*一二两三四五六七八九十几]+个)?(?:"
                              + vocab.pattern("units.column_states")
                              + ")?(?:" + vocab.pattern("units.after_a_quoted_column") + ")")
QUOTE_RUN_AFTER = re.compile(r"^(?:[、和及与]?[“\"「『][^“”\"「」『』]{1,30}[”\"」』])*")
QUOTE_RUN_BEFORE = re.compile(r"(?:[“\"「『][^“”\"「」『』]{1,30}[”\"」』][、和及与]?)*$")
# After these a quote gives the words written or shown, never a name.
WORDS_QUOTED = re.compile(vocab.pattern("units.words_quoted"))
BODY_AFTER_A_QUOTE = re.compile(vocab.pattern("units.body_after_a_quote"))
BOOK_TITLED_ACCOUNT = re.compile(r"《([^《》\n]{2,20})》(?=(?:[、和及与]?《[^《》\n]{2,20}》)*"
                                 r"(?:等[0-9一二三四五六七八九十]*个?)?(?:政务)?(?:账号|帐号|"
                                 + CHANNEL_RE.pattern + r"))")
RUNS_THE_ACCOUNT = re.compile("(?:" + vocab.pattern("units.runs_the_account") + ")的$")
QUOTE_OPENER = re.compile("(?:" + vocab.pattern("units.quote_openers") + ")$")
CHANNEL_AT_END = re.compile("(?:" + CHANNEL_RE.pattern + r")$")
# Between a name and its channel word: 等, 等3个, 县级, 部门 …
BEFORE_CHANNEL = re.compile(r"(?:等[0-9一二三四五六七八九十几]*[个家]?)?"
                            r"(?:(?:县|市|区|州|省|级|直|部门|单位|地)*)")
TRAILING_WORDS = re.compile("(?:" + "|".join(map(re.escape, vocab.words("channels.name_tail"))) + ")$")
BODY_SITE = re.compile("(?:" + "|".join(map(re.escape, vocab.words("channels.site_of_a_body"))) + ")(网)$")
COUNTED_CHANNEL = re.compile(r"等[0-9*一二三四五六七八九十几]+[个家](?:" + CHANNEL_RE.pattern + ")")
COUNT_AFTER = re.compile(r"\s*[0-9]+\s*(?:个|家)")
NEWS_SOURCE_AFTER = re.compile(r"\s*(?:[0-9]{1,2}月[0-9]{1,2}日)?(?:讯|消息|电)")
BRACKETS = re.compile(r"[(（][^)）]*[)）]")
# (主办单位:X局) after an account: the body behind it, not a clause of its own
BODY_BRACKET = re.compile(r"[(（](?:主办|运营|运维|开办|管理|责任|开设)"
                          r"(?:单位|主体|机构|部门)?[:：][^()（）\n。]{1,40}[)）]")
CHANNEL_IN_BRACKETS = re.compile(r"[(（][^)）]*(?:" + CHANNEL_RE.pattern + r")[^)）]*[)）]")
DOCUMENT_TITLE = re.compile(r"《[^《》]{1,80}》")
COLUMN_OF = re.compile(r"栏目[(（]([^()（）]{2,20})[)）]")
COLLECTIVE = re.compile(r"[(（](?:以下|下文)?(?:统称|简称|合称|下称)")
ETC_CLASS = re.compile(r"等(?:[0-9一二三四五六七八九十]+个)?"
                       r"(?:地|地区|单位|部门|省份|省区|城市|网站|账号|帐号)?")
OPEN_SEP = re.compile(r"(?:以及|及(?!时)|和|与)")


@dataclass
class Name:
    text: str          # the unit as named, channel words and brackets removed
    start: int         # [start, end) in the clause's sentence
    end: int
    channel: str | None
    quoted: bool = False
    listed: bool = False   # one of several names in an enumeration
    rest: str = ""     # the words said of this name alone (司法局|出现错误表述1次)
    open_quote: bool = False   # quoted, and the quote runs to where the excerpt is cut off
    host: "Name | None" = None  # the body named before a quoted account, which runs it


@lru_cache(maxsize=4096)
def _starts_with_verb(text):
    """Whether `text` begins with a verb, adverb or preposition (发挥…, 积极…, 以…)."""
    words = list(jieba.posseg.cut(text[:8]))
    if not words:
        return False
    flag = words[0].flag
    return not (flag.startswith("n") or flag in ("j", "l", "i", "eng", "x", "m", "s", "f"))


@lru_cache(maxsize=4096)
def _word_bounds(text):
    """The offsets where jieba's words of `text` begin."""
    bounds, k = set(), 0
    for word in segment.words(text):
        bounds.add(k)
        k += len(word)
    return frozenset(bounds)


@lru_cache(maxsize=4096)
def _ends_in_preposition(text):
    """Whether `text` ends with a preposition (信息发布前经过…): a clause broken off, never a name."""
    words = list(jieba.posseg.cut(text[-6:]))
    return bool(words) and words[-1].flag == "p"


@lru_cache(maxsize=4096)
def _verb_first(text):
    """Whether `text` opens with a plain verb of two or more characters (发挥…, 搭建…)."""
    words = list(jieba.posseg.cut(text[:8]))
    return bool(words) and words[0].flag == "v" and len(words[0].word) >= 2


def channel_after(text, pos):
    """The channel named right after position `pos` (skipping 等/政府), and where it ends."""
    k = BEFORE_CHANNEL.match(text, pos).end()
    cm = CHANNEL_RE.match(text, k)
    if cm:
        return CHANNEL_OF[cm.group(0)], cm.end()
    paren = PAREN_TAIL.match(text, pos)
    if paren:
        inner = CHANNEL_RE.search(paren.group(1))
        if inner:
            return CHANNEL_OF[inner.group(0)], paren.end()
    return None, pos


# 抖音号“三河融媒”: a channel word before a quoted account name, as table cells give it
CHANNEL_THEN_QUOTE = re.compile(r"^\s*(?:政务|官方)?(?:" + CHANNEL_RE.pattern + r")+"
                                r"\s*[“\"「『]([^”\"」』]{2,30})[”\"」』]?\s*$")


def clean_name(name):
    """Strip channel words, brackets and trailing 等 from a name; '' when nothing is left."""
    quoted = CHANNEL_THEN_QUOTE.match(name)
    if quoted:
        name = quoted.group(1)
    name = name.strip(" \t“”\"'‘’「」『』《》·-—@＠")
    changed = True
    while changed and name:
        changed = False
        m = TRAILING_WORDS.search(name)
        if m and m.start() >= 2:
            name, changed = name[:m.start()], True
        site = BODY_SITE.search(name)      # 天水市水务局网: the body's site
        if site and site.start() >= 2:
            name, changed = name[:site.start(1)], True
        p = PAREN_TAIL.search(name) or UNCLOSED_BRACKET.search(name)
        if p and p.end() == len(name) and p.start() >= 2:
            name, changed = name[:p.start()], True
    return name


def _noun_like(name):
    return not _starts_with_verb(name)


@lru_cache(maxsize=8192)      # names recur within a notice and across notices
def contains_place(name):
    places = place_names()
    return any(name[i:j] in places for i in range(len(name)) for j in range(i + 2, min(len(name), i + 8) + 1))


@lru_cache(maxsize=8192)
def looks_like_unit(name, loose=False, vouched=False):
    """Whether a cleaned name can be a unit.

    Alone, a subject must end like a body (局, 委员会, 县 …) or be a place, and must not
    open with a verb or a function word.  `loose` (one of several names in an
    enumeration) also admits names without such an ending when they read as nouns
    (青海公安); `vouched` (an enumeration introduced by `…有:` or `分别是`, closed by
    `等2个微信公众号`, a name with its platform in brackets or right after it) admits any
    clean name (健康黔东南, 璧山应急政务微博)."""
    if len(name) < 2 or len(name) > 30 or not re.search(f"[{HAN}]", name):
        return False
    if CLASS_OPENERS.search(name) or not_a_unit(name) or _ends_in_preposition(name):
        return False
    tail = CHANNEL_RE.search(name)
    if tail and tail.end() == len(name) and tail.start() < 2:
        return False          # 网站, 区网站, 子网站: a kind of site, not a unit
    if re.search(r"[^A-Za-z0-9" + HAN + r"()（）·]", name) or re.search(f"[{HAN}][a-z]", name):
        return False
    if name.count("(") + name.count("（") != name.count(")") + name.count("）"):
        return False
    if FUNCTION_START.match(name) and not (vouched and name[0] in "从和为时所由") \
            and not any(name[:j] in place_names() for j in range(2, 5)):      # 和县, 和田地区
        return False
    if vouched and not UNIT_END_RE.search(name):
        return len(name) <= 20 and (len(name) >= 3 or name in place_names())
    strong = bool(UNIT_END_RE.search(name)) or name in place_names()
    if strong and (not loose or len(name) == 2) and name[0] not in "省市县区州旗乡镇" \
            and name not in place_names() and not contains_place(name[:4]) and _starts_with_verb(name):
        return False           # 制订全省…: a predicate, not a name
    if strong:
        return True
    return loose and len(name) <= 16 and contains_place(name) and _noun_like(name)


def _inside_place(text, m):
    """Whether a one-character stop word is part of a place name (健康|将乐, 乐|和县)."""
    if m.end() - m.start() != 1 or not re.match(f"[{HAN}]", m.group(0)):
        return False
    places, k = place_names(), m.start()
    return any(text[i:j] in places for i in range(max(0, k - 2), k + 1) for j in range(k + 2, k + 5)
               if j - i >= 2 and j <= len(text))


def _first_stop(text):
    """The first word past the opening two characters where a name ends, outside place names."""
    return next((m for m in STOP_WORDS.finditer(text, 2) if not _inside_place(text, m)), None)


def subject_prefix(text, listed=False):
    """The name that opens `text`, cut before its predicate: '仁和区公开回复的…' -> '仁和区'."""
    stop = _first_stop(text)
    prefix = text[:stop.start()] if stop else text
    cm = CHANNEL_RE.search(prefix, 2)
    if cm and cm.group(0).startswith("政务"):
        later = CHANNEL_RE.match(prefix, cm.start() + 2)
        if later and later.end() > cm.end():
            cm = later         # 日照政务|微信公众号: 政务 ends the brand
    if cm:
        prefix = prefix[:cm.start()]
    prefix = prefix.rstrip("、,，")
    if cm and CHANNEL_OF[cm.group(0)] != "website" and cm.start() == len(prefix):
        # 璧山应急|政务微博, 蓟州发布|微信公众号: a brand is whole before its platform, unless
        # a body's name and a plain verb make it (南京市|发挥…政务新媒体, 东区|搭建幸福东区APP);
        # before a named platform the verb phrase must be longer than a brand's 发布
        shortest = 2 if CHANNEL_OF[cm.group(0)] == "new_media" else 3
        for k in range(2, len(prefix) - shortest + 1):
            rest = prefix[k:]
            if UNIT_END_RE.search(rest) and len(rest) <= 5:
                break      # 青海省|审计厅: a body runs the account
            if UNIT_END_RE.search(prefix[:k]) and not UNIT_END_RE.search(prefix[:k + 1]) \
                    and _verb_first(rest):
                return prefix[:k]
        return prefix
    if UNIT_END_RE.search(prefix) or len(prefix) <= 3:
        return prefix
    # cut after the last organisational ending when what follows is a verb (南京市|发挥…),
    # never inside a word (县市|场监管局)
    bounds = _word_bounds(prefix)
    for k in range(2, len(prefix)):
        if listed and len(prefix) - k <= 4:
            break          # 青海发改, 西宁发布: account names in an enumeration
        if UNIT_END_RE.search(prefix[:k + 1]) or k not in bounds:
            continue       # 进贤|县…: the name goes on
        if (UNIT_END_RE.search(prefix[:k]) or prefix[:k] in place_names()) and _starts_with_verb(prefix[k:]):
            return prefix[:k]
    return prefix


def split_last(part, listed=False):
    """Split 'A和B' into ['A', 'B'] when both halves read as units (or, in an
    enumeration, at 及: '海北政务及云上昆仑')."""
    for m in OPEN_SEP.finditer(part):
        left, right = part[:m.start()], part[m.end():]
        if any(m.group(0) + right[:j] in place_names() for j in range(1, 4)) and not CHANNEL_AT_END.search(left):
            continue             # 和田县, 和县: the word is part of a place name (not after …网站和龙岩市)
        if UNIT_END_RE.search(left) and re.match(r"[0-9一二三四五六七八九十]+个", right):
            return [left]        # 市卫生健康委和16个区: the rest is a class, not a name
        loose = listed and "及" in m.group(0) and 2 <= len(left) <= 12
        prefix = subject_prefix(left, True) if left else ""
        tail = left[len(prefix):]
        # all name: nothing after it, or its channel, or 等地 closing a list of places before 和
        whole = left and (not tail or CHANNEL_RE.fullmatch(tail) or PAREN_TAIL.fullmatch(tail)
                          or ETC_CLASS.fullmatch(tail) and (prefix in place_names() or UNIT_END_RE.search(prefix)))
        if whole and (loose or UNIT_END_RE.search(clean_name(left)) or ETC_CLASS.fullmatch(tail)) and right:
            rp = subject_prefix(right, listed)
            if UNIT_END_RE.search(clean_name(rp)) or QUOTE.match(right) or (loose and len(rp) >= 2):
                return [left] + split_last(right)
    return [part]


HOST_JOINT = re.compile(r"以及|及|与|和|、|等")


def _is_host(name):
    """Whether the words before a quoted account name the body that runs it (宝鸡市信访局)."""
    return len(name) >= 3 and bool(UNIT_END_RE.search(name)) and not STOP_WORDS.search(name, 2) \
        and not CLASS_OPENERS.search(name)


@dataclass
class Quote:
    start: int         # the opening mark (where it should stand, when the page lost it)
    end: int           # past the closing mark
    inner: str
    inner_start: int
    open: bool = False  # the excerpt's cut leaves it open


# A page that lost the opening mark of the first quote:
# 巴塘警方”“雅江警察蜀黍”…, 其中师宗文旅”“师宗河长…
ORPHAN_CLOSE = re.compile(r"^(\s*(?:其中|如|比如|例如|包括|主要有)?[:：]?)"
                          r"([^“”\"「」『』\n,，。;；:：、]{2,20})[”」』]")


def _quotes(clause, cut):
    """The quotes of a clause: closed ones, one the excerpt's cut leaves open, and a first one whose
    opening mark the page lost."""
    quotes = [Quote(m.start(), m.end(), m.group(1), m.start(1)) for m in QUOTE.finditer(clause)]
    orphan = ORPHAN_CLOSE.match(clause)
    if orphan and not any(q.start < orphan.end() for q in quotes):
        quotes.insert(0, Quote(orphan.start(2), orphan.end(), orphan.group(2), orphan.start(2)))
    if cut and (last := QUOTE_AT_CUT.search(clause)) and not any(q.end > last.start() for q in quotes):
        quotes.append(Quote(last.start(), last.end(), last.group(1), last.start(1), open=True))
    return quotes


def _quoted_names(clause, base, cut=False):
    """Quoted names in a clause, with the spans every quote covers (accepted or not); `cut`:
    the clause is where the excerpt ends, so its last quote may be left open."""
    names, covered = [], []
    quotes = _quotes(clause, cut)
    for q in quotes:
        inner = q.inner
        covered.append((q.start, q.end))
        before = clause[:q.start].rstrip()
        after = clause[q.end:]
        # part of a run “A”、“B”等栏目: look at what follows and precedes the whole run
        if NOT_AFTER_A_NAME.match(QUOTE_RUN_AFTER.sub("", after)):
            continue
        if BODY_AFTER_A_QUOTE.match(after):
            continue          # 福州市“智慧福州”管理服务中心: a quote inside a body's name
        lead_text = before[:QUOTE_RUN_BEFORE.search(before).start()]
        if WORDS_QUOTED.search(lead_text):
            continue          # 错写为“十四无”: the words a page shows, not a name
        if lead_text.endswith("在") and CHANNEL_RE.match(after):
            continue          # 莒南县在“莒南首发”客户端开设…: where the subject acted
        # 俵口镇文化站开设的“俵口文化”微信公众号: the account of the body before 开设的
        runs = RUNS_THE_ACCOUNT.search(lead_text)
        lead_text = lead_text[:runs.start()] if runs else lead_text
        lead = lead_text[-1:] if lead_text else ""
        host, platform = None, None
        if lead and re.match(f"[{HAN}A-Za-z]", lead):
            at_end = CHANNEL_AT_END.search(lead_text)
            if at_end and CHANNEL_OF[at_end.group(0)] == "website":
                continue          # 网站“工作动态”: a column of the site
            if at_end:            # 卫健委微信公众号“东湖健康”: the account named after its platform
                platform = CHANNEL_OF[at_end.group(0)]
                lead_text = lead_text[:at_end.start()]
                if CLASS_QUANTIFIER_AT_END.search(lead_text):
                    continue      # 一些账号“建而不管”: words said of a class of accounts, not a name
            host_m = re.search(f"[{HAN}]{{2,30}}$", lead_text)
            host_name = host_m.group(0) if host_m else ""
            if "的" in host_name[:-2]:     # 上年四季度通报的普益乡“普益发布”: the body after 的
                host_name = host_name.rsplit("的", 1)[-1]
            host_name = re.sub(r"^.*?(?:为|是|有|如|及|和)(?=[" + HAN + "]{2})", "", host_name) \
                if not UNIT_END_RE.search(host_name) else host_name
            # …等网站以及省司法厅“福建司法”: the body after the last joint
            if not _is_host(host_name):
                host_name = HOST_JOINT.split(host_name)[-1]
            if _is_host(host_name):
                host = host_name   # 宝鸡市信访局“宝鸡信访”: the account of a body
            elif not QUOTE_OPENER.search(lead_text) and not platform and not runs:
                continue          # 出现“倍受青睐”: quoted words, not a name
        name = clean_name(inner)
        if not QUOTE_FOLLOWER.match(after) and not platform and not (UNIT_END_RE.search(name) or name in place_names()):
            continue          # “一键式”掌上服务: a quoted modifier inside a phrase
        if not looks_like_unit(name, vouched=len(name) >= 3) or "网站" in inner[:-2]:
            continue
        channel, _ = channel_after(clause, q.end)
        if channel is None:
            cm = CHANNEL_RE.search(inner)
            channel = CHANNEL_OF[cm.group(0)] if cm and cm.end() == len(inner) else platform
        start = len(lead_text) - len(host) if host else (len(lead_text) if platform else q.start)
        names.append(Name(name, base + q.inner_start, base + q.inner_start + len(inner), channel,
                          quoted=True, open_quote=q.open,
                          host=Name(host, base + start, base + start + len(host), channel) if host else None))
        covered[-1] = (start, q.end)
    return names, covered


def _enumeration_start(masked, introduced):
    """Where the names of a clause begin, past its opening words (其中, 如:, …的网站有,
    …成效明显的): (start, 、-separated parts, whether an opener introduced them)."""
    lead = LEAD.match(masked)
    start = lead.end() if lead else 0
    if lead and INTRODUCING_LEAD.search(lead.group(0)):
        introduced = True
    first_sep = masked.find(LIST_SEP, start)
    for m in MID_OPENER.finditer(masked, start):
        if first_sep < 0 or m.end() <= first_sep or STRONG_OPENER.fullmatch(m.group(0)):
            start, introduced = m.end(), True
    parts = masked[start:].split(LIST_SEP)
    # …工作组织有力、成效明显的北京、天津: the enumeration begins after the 的 that ends
    # its modifier, which may itself be an enumeration of predicates
    offset = 0
    for idx, part in enumerate(parts[:3] if len(parts) > 1 else []):
        if "的" in part:
            k = part.rindex("的") + 1
            head = subject_prefix(part[k:], True)
            if looks_like_unit(clean_name(head)) and not looks_like_unit(clean_name(part[:k - 1])):
                start += offset + k
                parts = [part[k:]] + parts[idx + 1:]
                introduced = True
            break
        offset += len(part) + 1
    return start, parts, introduced


def _candidates(parts, start, listed):
    """One candidate per item: (name, i, j, channel, rest, listed), None for a quote."""
    candidates, pos = [], start
    for part in parts:
        pieces = split_last(part, listed)
        for piece in pieces:
            ps = pos + (part.find(piece) if piece in part else 0)
            lead_m = LEAD.match(piece)
            off = lead_m.end() if lead_m and lead_m.end() < len(piece) else 0
            if off and any(piece[:j] in place_names() for j in range(2, 5)):
                off = 0      # 和县, 和田地区: the opening word is part of a place name
            body = piece[off:]
            if not body or body.startswith("\x00"):
                candidates.append(None)
                continue
            raw = subject_prefix(body, listed)
            channel, k = channel_after(body, len(raw))
            paren = PAREN_TAIL.match(body, k)       # 锦屏县政府(政务微信): the bracket has the last word
            if paren and CHANNEL_RE.search(paren.group(1)):
                channel = CHANNEL_OF[CHANNEL_RE.search(paren.group(1)).group(0)]
            candidates.append((clean_name(raw), ps + off, ps + off + len(raw), channel,
                               body[len(raw):], listed or len(pieces) > 1))
        pos += len(part) + 1
    return candidates


def names_in_clause(clause, base=0, introduced=False, cut=False):
    """All unit names in one clause; offsets are relative to the sentence (base + i).

    `introduced`: the clause follows an opener such as `…的政务新媒体有:` or `微信订阅号中,`;
    `cut`: the excerpt ends with this clause, in the middle of a sentence."""
    if VIEWPOINT.fullmatch(clause):
        return []
    quoted, covered = _quoted_names(clause, base, cut)
    covered += [m.span() for m in DOCUMENT_TITLE.finditer(clause)]    # 《…通知》 names no unit
    # blank the quotes out so that the enumeration reader does not read into them
    masked = list(clause)
    for a, b in covered:
        for k in range(a, b):
            masked[k] = "\x00"
    masked = "".join(masked)

    start, parts, introduced = _enumeration_start(masked, introduced)
    listed = len(parts) > 1
    candidates = _candidates(parts, start, listed)
    real = [c for c in candidates if c]
    if real and MEANS.match(real[-1][4].lstrip()):
        candidates, real = [], []     # 通过政府开放日、视频解读等不同形式: means, not units
    # an enumeration whose first part is a predicate (落实政务公开、数字政府建设…) is no list of names
    if listed and not introduced and real and candidates[0] and not looks_like_unit(real[0][0], loose=True) \
            and _first_stop(BRACKETS.sub("", CHANNEL_RE.sub("", parts[0]))):
        candidates, real = [], []
    # …等微信公众号 / …局网站: only a closing channel after 等 or after a real body vouches
    tail_channel = bool(real) and real[-1][3] is not None and (
        real[-1][4].lstrip().startswith("等") or bool(UNIT_END_RE.search(real[-1][0])))
    # …等2个微信公众号: a counted class of accounts vouches even for brand names alone
    counted_tail = bool(real) and bool(COUNTED_CHANNEL.match(real[-1][4].lstrip()))
    has_strong = any(UNIT_END_RE.search(c[0]) or c[0] in place_names() for c in real)
    counted = sum(1 for c in real if COUNT_AFTER.match(c[4]))
    names, predicate_seen = [], False
    for c in candidates:
        if c is None:
            if not listed:
                break
            continue
        name, i, j, channel, rest, is_listed = c
        # once an item has a predicate (A、B网站更新及时、互动活跃), a bare item after it may
        # continue that predicate: only one that reads as a body on its own is a name
        said = COLUMN_WORDS.sub("", COUNT.sub("", CHANNEL_RE.sub("", BRACKETS.sub("", rest))))
        own_predicate = bool(re.search(f"[{HAN}]", said))
        after_predicate = predicate_seen and is_listed and not own_predicate
        predicate_seen = predicate_seen or own_predicate
        if NEWS_SOURCE_AFTER.match(rest):
            continue        # 海口网12月16日消息: the news source of the page
        if counted >= 2 and COUNT_AFTER.match(rest):
            continue        # 海南州4个、玉树州7个: counts per region, not findings
        alone = not re.sub(r"[\s。]", "", CHANNEL_RE.sub("", BRACKETS.sub("", rest)))
        own_bracket = bool(CHANNEL_IN_BRACKETS.match(rest))   # 钒钛之光(订阅号)、仁和政务服务(服务号)
        # 璧山应急政务微博参与…: an account named by its brand, then its platform
        account = channel not in (None, "website") and bool(CHANNEL_RE.match(rest.lstrip()))
        vouched = (introduced and (is_listed or alone) or is_listed and tail_channel and has_strong
                   or is_listed and counted_tail
                   or is_listed and own_bracket or account and len(name) >= 3)
        if after_predicate and not looks_like_unit(name):
            continue
        if looks_like_unit(name, loose=is_listed, vouched=vouched):
            names.append(Name(name, base + i, base + j, channel, listed=is_listed, rest=rest))
        elif names and not listed:
            break
    if COLLECTIVE.search(clause):
        return []      # A、B、C(以下统称区县政府): a list that defines a collective, no list of names
    if names:      # the predicate of the last name runs to the end of the clause
        names[-1].rest = clause[names[-1].end - base:]
    for m in COLUMN_OF.finditer(clause):   # 养老服务栏目(民政局): the body behind a column
        if looks_like_unit(m.group(1)):
            names.append(Name(m.group(1), base + m.start(1), base + m.end(1), "website"))
    names.extend(quoted)
    names.sort(key=lambda n: n.start)
    return names


def names_in_sentence(text, introduced=False, cut=False):
    """Split a sentence into clauses and read the names of each: [(clause_start, clause_end, [Name])].

    `introduced`: the sentence is a line of a list opened by the sentence before
    (`不合格账号如下:` / `1.青海公安`); `cut`: the excerpt ends inside this sentence."""
    out, start = [], 0
    # 《宁河区苗庄镇》微信公众号: book-title marks around an account name are its quotes
    text = BOOK_TITLED_ACCOUNT.sub(lambda m: "“" + m.group(1) + "”", text)
    brackets = [b.span() for b in BODY_BRACKET.finditer(text)]
    splits = [m for m in CLAUSE_SPLIT.finditer(text) if not any(a < m.start() < b for a, b in brackets)]
    for m in splits + [None]:
        end = m.start() if m else len(text)
        clause = text[start:end]
        if clause.strip():
            before = text[:start].rstrip()
            introduced = (not out and introduced) or before.endswith((":", "：")) or bool(
                re.search(r"(?:中|有|为|是|包括|如)[,，]$", before))
            out.append((start, end, names_in_clause(clause, start, introduced, cut and m is None)))
        start = (m.end() if m else len(text))
    return out
