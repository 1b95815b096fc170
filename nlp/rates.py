"""Pass rates: each 合格率/达标率 of the inspected period, with its scope and counts; also a
share of the units that passed (其中合格206个,占比94.5%) and a value before 合格
(政务新媒体100%合格).

Scores, other shares and other percentages (转载率, 办结率, 得分90分以上的网站30家,占比75%)
are not pass rates; nor are thresholds (合格率不足70%), changes (提高了2.1%) or rates quoted
from earlier periods or for comparison (与第二季度(总体合格率91.2%)相比, 2023年度…合格率为98.1%).
A rate held over a run of quarters up to this one (连续四个季度合格率达100%) is of this period.
"""
import bisect
import re

from . import vocab
from .counts import LOOK_BACK, rate_counts

# The word lists are in nlp/vocabulary/rates.toml, the scope words in channels.toml.
NUM = r"([0-9]+(?:\.[0-9]+)?)\s*%"
RATE_WORD = re.compile("(?<!不)(?:" + vocab.pattern("rates.rate_words") + ")")
# what may stand between the rate word and its value
LINK = re.compile(r"\s*(?:平均|总体)?(?:均|分别)?(?:为|是|达到了?|达|:|：|"
                  r"(?:连续[0-9一二两三四五六七八九十]+个(?:季度|月)|持续|始终|继续)?"
                  r"(?:保持|稳定)(?:在)?)?\s*" + NUM)
# 合格率由上季度的90%提升至95%, 合格率较上季度提高2个百分点,达到95%: the value reached
CHANGED_TO = re.compile(r"(?:由|从|较|比)[^,，。;；%]{0,16}?(?:[0-9.]+\s*%)?[^,，。;；%]{0,4}?"
                        r"(?:提升|提高|上升|下降|降低|增长|增加)(?:了)?"
                        r"(?:[^,，。;；%]{0,10}?百分点)?[,，]?"
                        r"(?:至|到|达到|为|达)(?:[^,，。;；%0-9]{0,8}?的)?\s*" + NUM)
# 合格率分别为:西宁市100%、海东市95.5%: a rate per named subject
NAMED_VALUES = re.compile(r"\s*(?:分别|依次)?(?:为|是)?[:：]?\s*(?=[\u4e00-\u9fff])")
NAMED_VALUE = re.compile(r"([\u4e00-\u9fff()（）]{2,14}?)(?:为|是|达到|达)?\s*"
                         + NUM + r"\s*[、,，;；和及]?\s*")
MORE_VALUES = re.compile(r"\s*[、和及与,，]\s*" + NUM)
# 其中区网站93.8%,部门网站100%: further rates after the first, each with its subject
TRAILING = re.compile(r"[,，;；、]\s*(?:其中)?([\u4e00-\u9fff()（）]{1,12}?)(?:为|是|达到|达)?\s*" + NUM)
NOT_A_SUBJECT = re.compile(vocab.pattern("rates.not_a_subject"))
WEBSITE = re.compile(vocab.pattern("channels.rate_scope.website"))
NEW_MEDIA = re.compile(vocab.pattern("channels.rate_scope.new_media"))
EARLIER = re.compile(vocab.pattern("rates.earlier"))
# 连续四个季度: a run of quarters ending with this one
CONSECUTIVE = re.compile(r"连续[0-9一二两三四五六七八九十]+个(?:季度|月)")
# 2023年度, 2024年第一季度, 2022年上半年: the year of a period
PERIOD_YEAR = re.compile(r"(20[0-9]{2})\s*年(?:度|第?[一二三四1-4]季度|[上下]半年|全年)")
# a share (占比) counts as a rate when what it counts passed (其中合格206个,占比94.5%)
SHARE = re.compile(vocab.pattern("rates.share_words"))
PASSED_WORD = re.compile(r"(?<!不)(?:合格|达标)(?!率)")
BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
GRADES = re.compile(vocab.pattern("rates.grades"))
AIM = re.compile(vocab.pattern("rates.aims"))
# 政务新媒体100%合格: a value before the word, closing its clause
VALUE_PASSED = re.compile(NUM + r"\s*(?:合格|达标)(?=\s*(?:[,，。;；]|$))")
MONTH = re.compile(r"([0-9]{1,2})月份?$")


JOINED = re.compile(r"[和与及、]")


def _scope(before):
    """The scope named last before a rate: website, new_media, or both, in the order named,
    when the last clause that names a channel joins sites and accounts (对39个政府网站和238个
    政务新媒体进行了检查, 网站、新媒体)."""
    # (按…政府网站与政务新媒体检查指标…)
    before = BRACKETS.sub(lambda b: " " * len(b.group(0)), before)
    w = [m for m in WEBSITE.finditer(before)]
    n = [m for m in NEW_MEDIA.finditer(before)]
    if not w and not n:
        return None
    if w and n:
        first, last = sorted((w[-1], n[-1]), key=lambda m: m.start())
        between = before[first.end():last.start()]
        if JOINED.search(between) and not re.search(r"[,，;；。:：]", between):
            return ["website", "new_media"] if first is w[-1] else ["new_media", "website"]
    if not n or (w and w[-1].end() > n[-1].end()):
        return ["website"]
    return ["new_media"]


COMPARISON = re.compile(vocab.pattern("rates.comparison"))


def _in_brackets_after_comparison(text, pos):
    """Whether `pos` is inside brackets that follow a comparison with another period."""
    opened = max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))
    closed = max(text.rfind("）", 0, pos), text.rfind(")", 0, pos))
    return opened > closed and bool(COMPARISON.search(text[max(0, opened - 20):opened]))


def _anchors(text, graded):
    """(start of the rate's words, match whose group 1 is its value) of each rate a sentence
    writes: 合格率为95%, 其中合格206个,占比94.5%, 政务新媒体100%合格.  Shares are no rates in
    a paragraph that grades units (优秀网站12个,占比30%;…合格网站16个,占比40%)."""
    found = []
    for m in RATE_WORD.finditer(text):
        found.append((m, LINK.match(text, m.end()) or CHANGED_TO.match(text, m.end())))
    for m in SHARE.finditer("" if graded else text):
        if _share_of_passed(text, m.start()) and (link := LINK.match(text, m.end())):
            found.append((m, link))
    for m in VALUE_PASSED.finditer(text):
        found.append((m, m))
    return sorted(found, key=lambda a: a[0].start())


def _share_of_passed(text, pos):
    """Whether the share (占比) at `pos` is that of the units that passed: what the clauses
    since the last value or semicolon count is 合格, not 不合格 (brackets left out)."""
    start = max(text.rfind(c, 0, pos) for c in ";；。%") + 1
    stretch = BRACKETS.sub("", text[start:pos])
    return bool(PASSED_WORD.search(stretch)) and "不合格" not in stretch


def _period_years(notice_text):
    """(offset, highest year of a period named up to there) at each period the notice names."""
    out, highest = [], 0
    for m in PERIOD_YEAR.finditer(notice_text):
        highest = max(highest, int(m.group(1)))
        out.append((m.start(), highest))
    return out


def _earlier_year(clause, named, at):
    """Whether the clause names the year of a period before one the notice named already
    (2024年度…; 2023年度全省政府网站合格率为98.1%): a figure quoted from that period.
    `named` is _period_years of the notice."""
    years = [int(y) for y in PERIOD_YEAR.findall(clause)]
    k = bisect.bisect_left(named, (at, 0))
    return bool(years and k and max(years) < named[k - 1][1])


def find_rates(segments, notice_text):
    """Pass rates in the sentences of a notice, as record entries."""
    rates, last = [], None        # last: (paragraph, entry) of the rate read last
    default = _scope(notice_text[:400]) or ["overall"]
    named_years = _period_years(notice_text)
    graded = {seg.paragraph for seg in segments if GRADES.search(seg.text)}     # 优秀…良好…合格
    for idx, seg in enumerate(segments):
        text = seg.text
        for m, link in _anchors(text, seg.paragraph in graded):
            if not link:
                _named_rates(rates, text, m, seg, default)
                continue
            clause_start = max(text.rfind(c, 0, m.start()) for c in ",，;；。:：、") + 1
            clause = text[clause_start:m.start()]
            if EARLIER.search(clause) or re.search(r"复核|上季度", clause[-8:]):
                continue
            if AIM.search(clause):
                continue      # 确保政务新媒体100%合格: an aim, not a result
            if _earlier_year(clause, named_years, seg.start + clause_start):
                continue
            if _in_brackets_after_comparison(text, m.start()):
                continue      # 比二季度提高2.1个百分点(二季度合格率为90.5%): the earlier figure
            if re.match(r"\s*(?:以上|以下|左右)", text[link.end():]):
                continue      # 达到95%以上: a bound, not the rate
            if re.match(r"\s*[)）]?\s*(?:相比|相较|比较|对比)", text[link.end():]):
                continue      # 与第二季度(总体合格率91.2%)相比: the rate compared with
            if CONSECUTIVE.search(clause) and last and last[0] == seg.paragraph and last[1].get("subject") \
                    and last[1]["rate"] == float(link.group(1)):
                # those already counted: 北京等14个地区…100%;
                # 北京、天津等6个地区连续两个季度…100%
                continue
            values = [link.group(1)]
            pos = link.end()
            while (more := MORE_VALUES.match(text, pos)) and "分别" in link.group(0):
                values.append(more.group(1))
                pos = more.end()
            before = text[:m.start()]
            scope = _scope_of(clause, before, segments, idx, default)
            subjects = [None] * len(values)
            if len(values) > 1:
                wide = text[max(text.rfind(c, 0, m.start()) for c in ",，;；。:：") + 1:m.start()]
                listed = re.split(r"[、和]", re.sub(r"^.*(?:其中|,|，)", "", wide))
                if len(listed) == len(values) and all(_channel_only(s) for s in listed):
                    scope = [_channel_only(s)[0] for s in listed]      # 政府网站、政务新媒体…分别为
                elif len(listed) == len(values):
                    subjects = [s.strip() or None for s in listed]
                elif len(scope) == 1 and "新媒体" in before and "网站" in before:
                    scope = ["website", "new_media"]
                if len(values) == 2 and len(scope) == 2:
                    scope, subjects = scope, [None, None]
            if len(values) == 1 and len(scope) == 2 and "均" not in link.group(0):
                scope = ["overall"]      # 网站和政务新媒体总体合格率96%: both together
            # the subject may be an enumeration
            # (乌海市、阿拉善盟政府网站和政务新媒体合格率均为100%)
            whole = text[max(text.rfind(c, 0, m.start()) for c in ",，;；。:：") + 1:m.start()]
            subject = "整改后" if "整改后" in clause[-6:] else (_subject(whole) or _subject(clause))
            if not subject and not clause.strip() and _one_of_listed_parts(segments, idx):
                subject = _counted_subject(before)      # 政务微博36个,发现不合格0个,合格率为100%;
            month = MONTH.search(clause)
            # 其中,4月合格率为97.95%: a part
            breakdown = re.search(r"其中[,，:：]?\s*$", text[:clause_start])
            earlier = [segments[k].text for k in range(idx - 1, max(idx - 1 - LOOK_BACK, -1), -1)
                       if segments[k].paragraph == seg.paragraph]
            for i, value in enumerate(values):
                scopes = [scope[i]] if len(values) > 1 and len(scope) == len(values) else scope
                for sc in scopes:
                    entry = {"scope": sc, "rate": float(value)}
                    subj = subjects[i] if len(values) > 1 else subject
                    if subj:
                        entry["subject"] = subj
                    if month:
                        entry["month"] = int(month.group(1))
                    # rates of both channels at once take counts that name the channel
                    entry.update(rate_counts(before, sc, earlier, strict=len(values) > 1 or len(scopes) > 1,
                                             part=bool(subj or month or breakdown)))
                    _add(rates, entry, seg)
                    last = (seg.paragraph, entry)
            # trailing rates of the same sentence: 其中区网站93.8%,部门网站100%
            while (t := TRAILING.match(text, pos)) and not NOT_A_SUBJECT.search(t.group(1)) \
                    and not EARLIER.search(t.group(1)):      # …99.13%,上季度为98.85%: the earlier figure
                own = _channel_only(t.group(1))       # …,政务新媒体为93.2%: a channel, not a subject
                entry = {"scope": own[0] if own else scope[0] if len(scope) == 1 else "overall",
                         "rate": float(t.group(2))}
                if not own:
                    entry["subject"] = t.group(1)
                if month:
                    entry["month"] = int(month.group(1))
                _add(rates, entry, seg)
                pos = t.end()
    return rates


SUBJECT_TRIM = re.compile(r"^(?:其中|经检查|经抽查|此外|同时)+"
                          r"|(?:连续[0-9一二两三四五六七八九十]+个(?:季度|月))?"
                          r"(?:的)?(?:(?:政府网站|门户网站|网站)[和与及、](?:政务新媒体|新媒体)|"
                          r"政府网站|门户网站|网站|政务新媒体|新媒体|账号|帐号)?"
                          r"(?:检查|抽查|抽检|普查|监测|考核|查看)?(?:总体|平均|整体|综合)?$")
WHOLE = re.compile("^(?:" + vocab.pattern("rates.whole") + ")")
# 苏州、南通、泰州3市, 北京等14个地区: an enumeration closed by its count
COUNTED_LIST = re.compile(r"[\u4e00-\u9fff()（）]+(?:(?:、[\u4e00-\u9fff()（）]+)+等?|等)"
                          r"[0-9]+个?[\u4e00-\u9fff]{1,4}")


def _subject(clause):
    """Who a rate is about, when the clause names it: '省直部门抽检' -> '省直部门'."""
    s = clause.strip()
    for _ in range(3):
        s = SUBJECT_TRIM.sub("", s).strip()
    if COUNTED_LIST.fullmatch(s) and not re.search(r"季度|年|月|检查|抽查|合格|达标|发现|共|对", s):
        return s
    longest = 80 if "、" in s else 20         # an enumeration of places may be long
    if not re.fullmatch(r"[\u4e00-\u9fff()（）、]{2,%d}" % longest, s) or WHOLE.match(s) or re.search(
            r"[0-9]|季度|年|月|检查|抽查|合格|达标|发现|共|对", s):
        return None
    return s


# 政务微信公众号163个, 全县信息公开网站合格36家, 政务新媒体中合格80个: what a clause counts
COUNTED = re.compile(r"(?:其中)?(.+?)中?(?:合格)?[0-9]+\s*(?:个|家)")
FAILED_COUNT = re.compile(r"不合格|问题|未通过")


def _one_of_listed_parts(segments, idx):
    """Whether a sentence is one of parts set apart by semicolons (…合格率为100%;政务微博…)."""
    seg = segments[idx]
    return seg.text.rstrip().endswith((";", "；")) or idx > 0 and segments[idx - 1].paragraph == seg.paragraph \
        and segments[idx - 1].text.rstrip().endswith((";", "；"))


def _counted_subject(part):
    """The subject of a rate whose own clause names none, in a part of a sentence that
    lists one kind of site or account after another (政务微博36个,发现不合格0个,合格率为100%;):
    the kind named before the count of the last clause that counts them, if not a failure."""
    blanked = BRACKETS.sub(lambda b: " " * len(b.group(0)), part)     # commas in brackets part nothing
    for found in reversed(list(re.finditer(r"[^,，]+", blanked))):
        clause = part[found.start():found.end()].strip()
        if FAILED_COUNT.search(found.group(0)) or not (m := COUNTED.fullmatch(clause)):
            continue
        name = re.sub(r"^(?:全|本)[省市州区县旗盟国](?=..)", "", m.group(1))      # 全县信息公开网站
        if re.fullmatch(r"(?:共|共有|其中|合格|达标|检查|抽查|普查)+", name):
            continue        # 政务微博12家,合格11家: the kind is named in the clause before
        named = re.fullmatch(r"[\u4e00-\u9fffA-Za-z()（）、]{2,24}", name) and _scope(name) and not re.search(
            r"季度|年|月|检查|抽查|普查|核查|监测|考评|合格|发现|共|对|运行|开设|存在",
            name)
        return name if named and not _channel_only(name) else None
    return None


def _channel_only(text):
    """The scope when `text` names only a channel (政府网站, 政务新媒体), else None."""
    text = text.strip()
    scope = _scope(text)
    bare = re.fullmatch(r"(?:政府|门户)*网站|(?:政务)?新媒体(?:账号)?", text)   # platforms stay subjects
    return scope if scope and len(scope) == 1 and bare else None


TOTAL = re.compile(r"(?:总体|整体|综合)$")


def _scope_of(clause, before, segments, idx, default):
    """Scope from the clause, else the sentence, else the paragraph, else the section
    headings, else the notice's opening."""
    scope = _scope(clause)
    if scope is None and TOTAL.search(clause) and {"website", "new_media"} <= {
            sc for r in RATE_WORD.finditer(before) for sc in _scope(before[:r.start()]) or []}:
        scope = ["website", "new_media"]       # 网站合格率95.83%,新媒体合格率94.74%,总体合格率达94.80%
    scope = scope or _scope(before)
    k = idx - 1
    while scope is None and k >= 0 and segments[k].paragraph == segments[idx].paragraph:
        # a sentence with a rate gives the scope of that rate (…网站和政务新媒体合格率为95.83%,
        # 4个政务新媒体不合格。其中,各镇合格率为…: both, not the new media counted after it)
        text = segments[k].text
        rated = [m.start() for m in RATE_WORD.finditer(text)]
        scope = _scope(text[:rated[-1]] if rated else text)
        k -= 1
    return scope or _scope(" ".join(segments[idx].headings)) or default


def _named_rates(rates, text, m, seg, default):
    """Rates listed per subject after the rate word: 合格率分别为:西宁市100%、海东市95.5%."""
    lead = NAMED_VALUES.match(text, m.end())
    if not lead:
        return
    pos, found = lead.end(), []
    while (v := NAMED_VALUE.match(text, pos)) and not NOT_A_SUBJECT.search(v.group(1)):
        found.append(v)
        pos = v.end()
    if len(found) < 2:
        return
    before = text[:m.start()]
    scope = _scope(before) or _scope(" ".join(seg.headings)) or default
    for v in found:
        own = _channel_only(v.group(1))
        entry = {"scope": own[0] if own else scope[0] if len(scope) == 1 else "overall", "rate": float(v.group(2))}
        if not own:
            entry["subject"] = v.group(1)
        _add(rates, entry, seg)


def _add(rates, entry, seg):
    """Add a rate unless it repeats one already read (a title restating the body):
    the same scope, subject, value and month, and no different count."""
    key = (entry["scope"], entry.get("subject"), entry["rate"], entry.get("month"))
    for other in rates:
        same = (other["scope"], other.get("subject"), other["rate"], other.get("month")) == key
        if same and (other.get("checked") is None or entry.get("checked") is None
                     or other.get("checked") == entry.get("checked")):
            for k in ("checked", "failed"):
                if k in entry and k not in other:
                    other[k] = entry[k]
            return
    entry.update({"evidence": seg.text, "start": seg.start, "end": seg.end})
    rates.append(entry)
