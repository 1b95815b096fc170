"""The header of a notice, read from its clean text: who issued it, where, for which period.

Rules follow the record format (docs/record.md): `year`/`quarter` are the inspected period, not the
publication date; `quarter` only when a quarter is named or a month range is exactly one
calendar quarter; a half-year, a year, a single month or an n-th round leave it null.
"""
import re
from collections import Counter, namedtuple

from . import period as spans
from . import regions

CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
YEAR = r"(?P<year>\d{4}|\*{4})\s*年(?:度)?"
PERIOD = re.compile(
    rf"(?:{YEAR})?\s*(?:"
    r"(?:第)?(?P<q>[一二三四1-4])\s*(?:季度|(?<=第[一二三四1-4])季)"     # 第二季 is written too
    r"|(?P<half>[上下])半年"
    r"|(?P<m1>\d{1,2})\s*(?:月份?)?\s*[-—–~至到]\s*"
    r"(?:(?P<year2>\d{4})年)?(?P<m2>\d{1,2})\s*月份?(?![\d日号])"
    r"|(?P<month>(?<=年)\d{1,2})\s*月份?(?![\d日号])"
    r"|第(?P<round>[一二三四五六七八九十\d]+)次"
    r")"
)
# A whole year: "2021年度", "2021年全年", not "2021年度第一季度" nor "2021年度第二次".
ANNUAL = re.compile(r"(?P<year>\d{4}|\*{4})\s*年\s*(?:度|全年)"
                    r"(?!\s*(?:第|[一二三四1-4]\s*季度|[上下]半年|\d))")
# The opening sentence stating what was inspected: "…组织开展了2021年度全市政府网站检查".
INSPECTED = re.compile(r"检查|抽查|普查|监测|巡查|查看|考核")
QUARTER = re.compile(r"(?:第)?([一二三四1-4])\s*(?:季度|(?<=第[一二三四1-4])季)")
ANY_YEAR = re.compile(r"(?<![\d〔\[(（])(\d{4})\s*年")
DASHED_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})-[0-9*]{1,2}-")
# A date in the text, with its year: 2023年11月15日, 2022年2月, 2016-10-2*.
TEXT_DATE = re.compile(r"(?<![\d〔\[(（])(?P<year>(?:19|20)\d{2})\s*(?:年|-[0-9*]{1,2}-)")
# Dates of other things: X年以来, a comparison (较2022年, 与2022年相比), an earlier check's
# (2018年第一次抽查中发现的), a deadline (于2024年3月31日前).
OTHER_DATE_BEFORE = re.compile(r"[较比与自]$|同比$|对比$")
OTHER_DATE_AFTER = re.compile(r"\s*年?(?:[^,,。;;]{0,12}?)(?:以来|至今)|"
                              r"[^,,。;;]{0,16}?(?:检查|抽查|普查|监测|巡查|通报)中?"
                              r"(?:发现|通报|指出)的")
DEADLINE = re.compile(r"[^,,。;;]{0,10}?(?:之前|以前|前)")
DONE = re.compile(r"了|已|均已")
# A quarter of an earlier check or of a comparison, not this period's.
EARLIER_BEFORE = re.compile(r"(?:[上前较比与对]|相比|复查)[^,,。;;]{0,4}$")
EARLIER_AFTER = re.compile(r"[^,,。;;]{0,12}?(?:检查|抽查|普查|监测|巡查|通报)中?"
                           r"(?:发现|通报|指出)?的|"
                           r"[^,,。;;]{0,6}?相比")
CITATION = re.compile(r"《[^《》]*》|〔[^〕]*〕|\([^()]*〔[^()]*\)")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[(（]\s*(?:\d{4}|\*{4})\s*[〕\])）]\s*(?:\d+|\*+)\s*号")
DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
DATE_ISO = re.compile(r"(\d{4})[-./](\d{1,2})[-./](\d{1,2})")
# A page's date written day first, alone on its line with the time: "17.06.2016  11:33".
DATE_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
# "发布时间:2024-06-27", "成文日期: | 2021-03-31 |" (a table), a date opening a meta line,
# or a date after the title.
PUBLISHED = re.compile(r"(?:(?:^|\s)(?:发布|成文|印发)?(?:时间|日期)\s*[:：]\s*\|?\s*"
                       r"|^|(?:通报|报告)\s+)"
                       r"(?P<date>\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
                       r"|^(?P<dmy>\d{1,2}\.\d{1,2}\.\d{4})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
# The closing date, alone or after the signature: "州政府政务信息中心 2023年11月23日".
SIGNATURE_DATE = re.compile(r"(?:(?P<org>[^\s,。:;]{2,30})\s+)?" + DATE_CN.pattern)
ORG_END = (r"(?:办公厅|办公室|人民政府|政府|管理局|服务局|数据局"
           r"|委员会|小组|中心|公开办|信息办|局)")
TITLE_END = re.compile(r"(通报|情况|报告|通知|函)》?$")
ISSUER_BEFORE_TITLE = re.compile(rf"^(?P<issuer>[^,。:;《]{{2,40}}?{ORG_END})\s*(关于|对于)")
ENUMERATOR = re.compile(r"^([一二三四五六七八九十]+、"
                        r"|[(（][一二三四五六七八九十\d]+[)）]|\d+[.、])")
NATIONAL_ISSUER = re.compile(r"^(国务院|国家|中央)")
# A title on the country's sites (全国政府网站首份普查报告出炉) that names no place.
NATIONAL_TITLE = re.compile(r"全国")
LOCAL_VOICE = re.compile(r"我[省市区州县旗盟]")
# Casino advertising injected into a hacked page (澳门金沙博彩娱乐平台) names no place.
GAMBLING_SPAM = re.compile(r"[\u4e00-\u9fff]{0,4}(?:博彩|赌场|赌博|娱乐城|娱乐平台|百家乐)")
# The addressee formula of the central government and its ministries (水利部办公厅 …).
NATIONAL_ADDRESSEE = re.compile(r"各省、自治区、直辖市")


def _number(s):
    """12, 十二, 二十三: a number written in digits or in Chinese up to 99."""
    if s.isdigit():
        return int(s)
    tens, _, units = s.rpartition("十")
    if "十" not in s:
        return CN_DIGITS.get(s)
    return (CN_DIGITS.get(tens, 0) if tens else 1) * 10 + (CN_DIGITS.get(units, 0) if units else 0)


# The inspected period: year and quarter as the record format has them, the wording, the
# scope word after it (全省), and its span (ingest/period.py).
Period = namedtuple("Period", "year quarter wording scope span")


def find_title(lines):
    """The notice's title among the first lines, joined when it is broken over lines."""
    head = lines[:25]
    for i, line in enumerate(head):
        line = re.sub(r"^[\s•·]*", "", line)
        if len(line) > 90 or re.search(r"[。;]|[:：]$", line) or ENUMERATOR.match(line):
            continue
        if (("关于" in line or "通报" in line)
                and re.search(r"季度|半年|年|月|次|检查|抽查|普查", line)):
            title = line
            # A title broken over lines: "…政府系统" / "政务新媒体检查…的通报".
            j = i + 1
            while not TITLE_END.search(title) and j < len(head) and len(head[j]) < 40 \
                    and not head[j].startswith("各") and not head[j].endswith((":", "：")):
                title += head[j]
                j += 1
            # "青海省人民政府办公厅" on the line above "关于…的通报".
            if title.startswith("关于") and i > 0 and re.search(f"{ORG_END}$", head[i - 1]) \
                    and len(head[i - 1]) < 30:
                title = head[i - 1] + title
            title = re.sub(rf"^{DOC_NUMBER.pattern}\s*", "", title).strip("《》 ")
            title = re.sub(r"^(原标题|标题|名\s*称)\s*[:：]\s*", "", title)
            return re.sub(rf"\s+({DATE_ISO.pattern}|{DATE_CN.pattern}).*$", "", title)
    return None


# What opens an issuer's sentence before its name (近期, 一季度, a bullet), and what joins a
# second body or a citation after it (会同市数据局, 根据国务院办公厅…): neither is the issuer.
ISSUER_LEAD = re.compile(r"^(?:[^\w]+|近期|近日|日前|近来|今年|本季度|[一二三四]季度)+")
ISSUER_TAIL = re.compile(r"(?:会同|联合(?!会)|根据|按照|依据).*$")


def find_issuer(title, lines):
    """The body that issued the notice: before 关于 in its title, at its signature, or the
    subject of its opening sentence."""
    org = _issuer(title, lines)
    return (ISSUER_TAIL.sub("", ISSUER_LEAD.sub("", org)) or None) if org else None


def _issuer(title, lines):
    if title:
        m = ISSUER_BEFORE_TITLE.match(title)
        if m:
            return m.group("issuer")
    # The signature: the organisation's name before the closing date, on its line or above.
    for i in range(len(lines) - 1, 0, -1):
        m = SIGNATURE_DATE.fullmatch(lines[i].strip())
        if m:
            org = m.group("org") or lines[i - 1].strip()
            if re.search(f"{ORG_END}$", org) and len(org) < 40:
                return org
            break
    # The subject of the opening sentence: "省政府办公厅组织开展了…", "国务院办公厅近来印发…".
    for line in lines[:15]:
        m = re.search(rf"([^\W\d_和及]{{2,30}}?{ORG_END})(近日|近期|近来|组织|对|于|印发|通报|公布)",
                      CITATION.sub("", line))
        if m:
            # "…讯", and "此次抽查工作是由省政府…办公室组织的": the body after 是由
            return re.sub(r"^.*?(讯|电|消息)|^.*(?:是由|工作由|均由)", "", m.group(1))
    return None


def opening_sentence(title, text):
    """The first sentence after the title that speaks of the inspection, citations removed."""
    for line in text[:1500].split("\n"):
        if title and title in line:
            continue
        for sentence in re.split(r"(?<=[。;!?])", CITATION.sub("", line)):
            if INSPECTED.search(sentence):
                return sentence
    return ""


def _scope(source, m):
    """The word of scope after a period: 2021年第一季度全省 → 全省."""
    return re.match(r"\s*(全国|全省|全区|全市|全州|全县|全旗|全盟)?", source[m.end():]).group(1)


def _first_period(source, annual, local):
    """The first period the source names: a PERIOD match, or with `annual` a whole year if
    it comes first. In a `local` notice a period of a national check (二季度全国政府网站抽查)
    is another check's: (None, that period) when the source names no other."""
    m = PERIOD.search(source)
    national = None
    while m and (not (m.group("year") or m.group("q") or m.group("m1"))
                 or local and _scope(source, m) == "全国"):
        if m.group("year") or m.group("q") or m.group("m1"):
            national = national or m
        m = PERIOD.search(source, m.end())      # a bare 第N次 or half-year needs a year
    # "于2021年8月至9月组织开展了2021年第三季度…检查": after 于 is when the work was done;
    # the period inspected, if the sentence names one later, is that one.
    later = PERIOD.search(source, m.end()) if m and source[max(m.start() - 1, 0):m.start()] == "于" else None
    if later and (later.group("year") or later.group("q")):
        m = later
    a = ANNUAL.search(source) if annual else None
    return (a if a and (m is None or a.start() <= m.start()) else m), national


def find_period(title, text, published=None, local=False):
    """The inspected Period.

    The title, then the opening sentence, then the rest: the period they name wins over
    later mentions (a 年度 notice recalls 第三季度通报的问题), and only there does a whole
    year count as the period, since a body speaks of 年度考核 and 年度报表 too. A period
    that names no year takes the year of the title, else of the notice's own date
    (`published`), else of a date the text gives for this check."""
    body = text[:3000]
    sources = ((title or "", True), (opening_sentence(title, text), True),
               (CITATION.sub("", body), False), (body, False))
    national = None
    for source, annual in sources:
        m, other = _first_period(source, annual, local)
        national = national or (other and (other, source))
        if m:
            break
    else:
        m, source = national or (None, None)
    if m is None:
        year = _title_year(title) or _own_year(published) or _check_year(body)
        return Period(year, None, None, None, spans.Span())
    wording = m.group(0).strip()
    scope = _scope(source, m)
    if m.re is ANNUAL:
        year = int(m.group("year")) if m.group("year").isdigit() else None
        return Period(year, None, wording, scope, spans.span(year, "year"))
    quarter = None
    if m.group("q"):
        quarter = _number(m.group("q"))
    elif m.group("m1"):
        m1, m2 = int(m.group("m1")), int(m.group("m2"))
        if m2 - m1 == 2 and m1 % 3 == 1:
            quarter = (m1 + 2) // 3
    elif m.group("round"):
        quarter = _round_quarter(body, scope)
    year = m.group("year")
    if year is None:        # 第四季度 alone
        late = quarter == 4 or m.group("half") == "下"
        year = _title_year(title) or _own_year(published, late) or _check_year(body)
    elif year.isdigit():
        year = int(year)
    else:
        # Masked digits: the year only when the text states it elsewhere with this period.
        rest = re.escape(wording[len(year):].strip().lstrip("年度").strip())
        again = re.search(rf"(\d{{4}})\s*年度?\s*{rest}", text) if rest else None
        year = int(again.group(1)) if again else None
    return Period(year, quarter, wording, scope, _span(m, year, quarter))


def _span(m, year, quarter):
    """The span of a PERIOD match whose year is `year`."""
    if m.group("q"):
        return spans.span(year, "quarter", quarter)
    if m.group("half"):
        return spans.span(year, "half", 1 if m.group("half") == "上" else 2)
    if m.group("m1"):
        m1, m2 = int(m.group("m1")), int(m.group("m2"))
        if 1 <= m1 <= 12 and 1 <= m2 <= 12:
            return spans.of_months(year, m1, m2, int(m.group("year2")) if m.group("year2") else None)
        return spans.Span("other")
    if m.group("month"):
        month = int(m.group("month"))
        return spans.span(year, "month", month) if 1 <= month <= 12 else spans.Span("other")
    return spans.span(year, "round", _number(m.group("round")))


def _title_year(title):
    found = ANY_YEAR.search(CITATION.sub("", title or ""))
    return int(found.group(1)) if found else None


def _own_year(published, late=False):
    """The year of the notice's own date; a notice on the year's last quarter or half dated
    January to March was written the year after."""
    if not published:
        return None
    year, month = int(published[:4]), int(published[5:7])
    return year - 1 if late and month <= 3 else year


def _check_year(body):
    """The year of the first date the text gives for this check or its figures (截至2024年6月30日,
    the days of the check); not of a cited notice or 文号, a deadline, an earlier check or
    a span since (2018年以来)."""
    clean = CITATION.sub("", body)
    for m in TEXT_DATE.finditer(clean):
        after = clean[m.end():m.end() + 40]
        if OTHER_DATE_BEFORE.search(clean[max(m.start() - 3, 0):m.start()]) or OTHER_DATE_AFTER.match(after):
            continue
        clause = re.split(r"[,,。;;]", after, maxsplit=1)[0]
        if DEADLINE.match(after) and not DONE.search(clause):
            continue        # 于2025年1月22日前报送: a deadline; …前…发布了: a date of the figures
        return int(m.group("year"))
    return None


def _round_quarter(body, scope):
    """An n-th round has a quarter only when the text names one for this period: not the
    quarter of an earlier check (2018年第一季度抽查发现的问题), of one compared with (比一季度)
    or of a check of another scope (the round 全省, the quarter 全国)."""
    clean = CITATION.sub("", body)
    for q in QUARTER.finditer(clean):
        before = clean[max(q.start() - 8, 0):q.start()]
        if EARLIER_BEFORE.search(before) or EARLIER_AFTER.match(clean[q.end():q.end() + 20]):
            continue
        if scope and _scope(clean, q) not in (None, scope):
            continue
        return _number(q.group(1))
    return None


def find_published(lines):
    """The closing date of the notice, else a publication date in the page's head."""
    for line in reversed(lines):
        m = SIGNATURE_DATE.fullmatch(line.strip())
        if m:
            return _iso(*m.groups()[1:])
    for line in lines[:15]:
        m = PUBLISHED.search(line.strip())
        if m and m.group("dmy"):
            day, month, year = DATE_DMY.match(m.group("dmy")).groups()
            return _iso(year, month, day)
        if m:
            date = DATE_ISO.match(m.group("date")) or DATE_CN.match(m.group("date"))
            return _iso(*date.groups())
    return None


def _iso(y, m, d):
    return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"


def find_doc_number(lines):
    """The notice's own 文号: on a line of its own, labelled, or before the title."""
    for line in lines[:25]:
        s = re.sub(r"^[\s•·]*(文\s*号|发文字号)\s*[:：]\s*", "", line.strip())
        m = DOC_NUMBER.match(s)
        if m and (m.end() == len(s) or s[m.end()] == "《"):
            return m.group(0)
    return None


def find_province(title, issuer, lines, national):
    """Full name of the province the notice covers, or None for a national notice."""
    if national:
        return None
    title, issuer, lines = _unspammed(title), _unspammed(issuer), [_unspammed(line) for line in lines]
    votes = Counter()
    regions.province_votes(title or "", 5.0, votes)
    regions.province_votes(issuer or "", 5.0, votes)
    regions.province_votes("\n".join(lines), 1.0, votes)
    for line in lines[:12]:
        if line.startswith("各") and line.rstrip().endswith((":", "：")):
            regions.addressee_votes(line, votes)
    if not votes:       # no province, prefecture or county named: the towns it names
        votes = regions.town_votes("\n".join(lines))
    if not votes:
        return None
    code, _ = votes.most_common(1)[0]
    return regions.province_name(code)


def _unspammed(text):
    return GAMBLING_SPAM.sub(" ", text) if text else text


def read_header(text):
    lines = text.split("\n")
    title = find_title(lines)
    issuer = find_issuer(title, lines)
    published = find_published(lines)
    # A text that says 我省, 我市 … speaks for a place: it is no national notice, even when it
    # retells one (a provincial news page on the State Council's check).
    local = bool(LOCAL_VOICE.search(text))
    period = find_period(title, text, published, local)
    national = not local and (
        bool(issuer and NATIONAL_ISSUER.match(issuer)) or period.scope == "全国"
        or bool(title and NATIONAL_TITLE.search(title) and not regions.mentions(title))
        or any(NATIONAL_ADDRESSEE.search(line) for line in lines[:12]
               if line.startswith(("各", "部", "国务院")) and line.rstrip().endswith((":", "：", ","))))
    province = find_province(title, issuer, lines, national)
    prefecture, county = regions.locate(issuer, province) if province else (None, None)
    # "州政府政务信息中心", "县政府办公室": a local issuer that does not name its place; the
    # place is the one of its level the notice names most.
    unnamed = re.match(r"(州|市|县|区|旗|盟)(人民)?政府", issuer or "")
    if province and unnamed and not (prefecture or county):
        if unnamed.group(1) in "县区旗":
            county = regions.most_mentioned(text, province, "county")
            prefecture = regions.locate(county, province)[0] if county else None
        else:
            prefecture = regions.most_mentioned(text, province, "prefecture")
    return {"title": title, "issuer": issuer, "province": province, "prefecture": prefecture,
            "county": county, "year": period.year, "quarter": period.quarter, "period": period.wording,
            "granularity": period.span.granularity, "period_start": period.span.first,
            "period_end": period.span.last, "period_key": period.span.key,
            "published": published, "doc_number": find_doc_number(lines)}
