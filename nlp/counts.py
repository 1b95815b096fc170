"""The counts said beside a pass rate: how many sites or accounts were checked, how many failed.

A sentence counts things clause by clause, and each count is read by the words of its own part
of the clause (parts are set apart by 、): a failure (发现不合格网站9家, 39家政务新媒体不合格), a
pass (合格54个), a check (抽查政府网站536家, 对…612家进行抽查) or a total
(全州在运行政府网站14个);
a part without such words reads like the part before it (共检查政府网站398个、政务新媒体1526个).
Each count is of the channel named right after it (352个政府网站) or else before it in its part
(政务新媒体1526个), and a rate of one channel takes only counts of that channel or of none.
"""
import re
from dataclasses import dataclass

from . import vocab

# a count of sites or accounts, not of percentage points, months, columns or regions (13个地区)
COUNT = re.compile(r"([0-9]+)\s*(?:个|家)次?(?!百分点|月|季度|工作日|小时|栏目|方面|批次|"
                   + vocab.pattern("rates.bodies") + ")")
# 767家政府网站中的612家: the second count is what was checked
PART_OF = re.compile(r"[^0-9,，]{0,10}中的?[0-9]")
WEBSITE = re.compile(vocab.pattern("channels.rate_scope.website"))
NEW_MEDIA = re.compile(vocab.pattern("channels.rate_scope.new_media"))
FAILED = re.compile(vocab.pattern("rates.failed_words"))
PASSED = re.compile(r"(?<!不)(?:合格|达标)(?!率)")
CHECKED = re.compile(vocab.pattern("rates.check_words"))
# The objects checked: 对…46个…网站进行了复查,
# 对…55家政府网站和419个政务新媒体全覆盖检查.
CHECKED_OBJECT = re.compile(r"对[^,，;；。]*(?:进行|开展|" + vocab.pattern("rates.check_words") + ")")
TOTAL = re.compile(vocab.pattern("rates.total_words"))
BRACKETS = re.compile(r"[(（][^()（）]*[)）]")
BREAKDOWN = re.compile(r"其中|包括|含")
ALL_PASSED = re.compile(r"全部(?:合格|达标)")
LOOK_BACK = 3       # sentences of the paragraph before a rate's that may say what was checked


@dataclass
class Count:
    value: int
    kind: str           # failed, passed, checked, total
    channel: str        # website, new_media, or None
    said: bool = True   # the kind said in the count's own part, not carried over from before it


def _channel_at(part, start, end):
    after = part[end:end + 8]
    for rx, name in ((WEBSITE, "website"), (NEW_MEDIA, "new_media")):
        if (m := rx.search(after)) and not re.search(r"[0-9]", after[:m.start()]):
            if m.start() <= 4:
                return name
    before = part[:start]
    w = [m.end() for m in WEBSITE.finditer(before)]
    n = [m.end() for m in NEW_MEDIA.finditer(before)]
    if not w and not n or w and n:
        return None         # none named, or both (共检查政府网站和政务新媒体120个)
    return "website" if not n or (w and w[-1] > n[-1]) else "new_media"


def _kind(part, at, clause):
    """What the count at `at` of `part` (of `clause`) counts: failed, passed, checked, total or
    None.  Failures and passes are said anywhere in the part (39家政务新媒体不合格), a check
    or a total before the count (抽查政府网站536家, 共有政务账号3120个)."""
    if CHECKED_OBJECT.search(clause):
        return "checked"         # 对…612家进行抽查, 对…46个存在突出问题的网站进行了复查
    for rx, kind, text in ((FAILED, "failed", part), (PASSED, "passed", part),
                           (CHECKED, "checked", part[:at]), (TOTAL, "total", part[:at])):
        if rx.search(text):
            return kind
    return None


def counts_in(text, plain=None):
    """Every count of a text, with its kind and channel, in the order written.  A count whose
    part says no kind is of the kind of the part or clause before it in its sentence (共检查子站
    48个,新媒体账号63个), unless its clause opens a breakdown (其中, 包括), else of kind `plain`."""
    out = []
    while (blanked := BRACKETS.sub(lambda b: " " * len(b.group(0)), text)) != text:
        text = blanked          # 61个(含13个门户网站): a breakdown in brackets is no count of its own
    for sentence in re.split(r"[;；。]", text):
        kind = None
        for clause in re.split(r"[,，]", sentence):
            kind = None if BREAKDOWN.match(clause.strip()) else kind     # 其中…, 包括…: parts, counted apart
            kind = _clause_counts(out, clause, kind, plain)
    return out


def _clause_counts(out, clause, kind, plain):
    """Add the counts of a clause to `out`; the kind of its last part."""
    for part in re.split(r"[、]", clause):
        for m in COUNT.finditer(part):
            own = _kind(part, m.start(), clause)
            kind = own or kind
            if not PART_OF.match(part, m.end()) and (kind or plain):
                out.append(Count(int(m.group(1)), kind or plain, _channel_at(part, m.start(), m.end()), bool(own)))
        # 各地区…共抽查本地区、本部门政府网站8616个
        kind = _kind(part, len(part), clause) or kind
    return kind


def _fits(count, scope, strict=False):
    if scope == "overall":
        return count.channel is None
    return count.channel == scope or (count.channel is None and not strict)


def _found(counts, kind, scope, strict):
    """The counts of a kind for a scope: those of the scope's channel before those of none, and
    of each, those whose part says the kind before those that carry it over (本次共检查…账号23个,
    微信公众号17个,…其他新媒体2个: 23)."""
    found = [c for c in counts if c.kind == kind and _fits(c, scope, strict)]
    for channel in (scope, None):
        for said in (True, False):
            if best := [c for c in found if c.channel == channel and c.said == said]:
                return best
    return []


def _last(counts, kind, scope, strict=False):
    """The last such count: 对…3216个政务新媒体随机抽查1200个 checked 1200."""
    found = _found(counts, kind, scope, strict)
    return found[-1].value if found else None


def _first(counts, kind, scope, strict=False):
    """The first such count: 其中不合格政务新媒体6个,存在突出问题的政务新媒体4个 failed 6."""
    found = _found(counts, kind, scope, strict)
    return found[0].value if found else None


def rate_counts(before, scope, earlier=(), strict=False, part=False):
    """{checked, failed} said for a rate of `scope` in the sentence before it (`before`); the
    checked count may also be a total of this sentence or a check of the sentences before it
    (`earlier`, nearest first).  `strict`: only counts that name the scope's channel (a rate
    said of both channels at once, 55家政府网站和419个政务新媒体…合格率均为100%).  `part`: the
    rate of a part of what was checked (其中,省直部门网站52个,合格率为100%), which takes only
    the counts said since the rate before it, a plain count among them as its checked count."""
    if part:
        before = before[before.rfind("%") + 1:]
    counts = counts_in(before, plain="checked" if part else None)
    checked = _last(counts, "checked", scope, strict)
    failed = _first(counts, "failed", scope, strict)
    passed = _last(counts, "passed", scope, strict)
    if checked is None and (failed is not None or passed is not None):
        # 全州在运行的政务新媒体150个,普查中发现不合格…14个
        checked = _last(counts, "total", scope, strict)
    for text in [] if part else earlier[:LOOK_BACK]:
        if checked is not None:
            break
        checked = _last(counts_in(text), "checked", scope, strict)
    out = {}
    if checked is None and failed is not None and passed is not None:
        checked = passed + failed            # 政府网站合格54个、不合格3个
    if checked is not None:
        out["checked"] = checked
        if failed is None and passed is not None and passed <= checked:
            failed = checked - passed        # 抽查合格292个
        elif failed is None and ALL_PASSED.search(before) and checked in [c.value for c in counts]:
            failed = 0                       # 普查中14个网站全部合格
    if failed is not None:
        out["failed"] = failed
    return out
