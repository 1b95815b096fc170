"""Findings from the sentences of a notice: who is faulted for what, who is praised.

For every name a sentence gives (see units.py) the words said of it are gathered in
widening context, narrowest first: its own predicate, its clause and the clauses
without subject that continue it, the whole sentence, the sentence before when this
one only illustrates it (`如:A、B。`), and the headings above.  problems.py reads
polarity and problem type from them.
"""
import heapq
import re
from dataclasses import replace
from functools import lru_cache

from . import vocab
from .lexicon import CHANNEL_OF, CHANNEL_RE, CLASS_OPENERS, UNIT_END_RE, full_place_names, place_names
from .problems import classify, heading_polarity, polarity_of
from .sections import MAX_SENTENCE
from .units import TRAILING_WORDS, clean_name, looks_like_unit, names_in_sentence, split_last

# The word lists are in nlp/vocabulary/findings.toml.
# Lines of page metadata and contacts, never findings.
METADATA_RE = re.compile(r"^\s*[(（]?(?:本文)?(?:" + vocab.pattern("findings.metadata_labels") + ")[:：]")
# The addressee line under the title (各市人民政府,省政府各厅委、各直属机构:): groups, not findings.
ADDRESSEE_RE = re.compile(r"^\s*(?=[^:：]*各)(?:[^,，、:：。]{1,20}[,，、])*[^,，、:：。]{1,20}[:：]\s*$")
# The list of attachments by title (附件:1.…问题清单 2.…): not findings.
ATTACHMENT_TITLE_RE = re.compile(r"^\s*附件\s*[0-9一二三四五六七八九十]*\s*[:：]")
NUMBERED_TITLE_RE = re.compile(r"\s*[0-9]{1,2}\s*[.、．]")     # used with .match()

# An inspector's own actions: the subject of these is the issuer, not a finding.
INSPECTOR_RE = re.compile(r"^(?:已(?:经)?(?:于[^,，。;；]{0,12}?)?)?(?:"
                          + vocab.pattern("findings.inspector_acts") + ")")
# …and these when the subject is an office that inspects (办公厅对全市网站进行抽查).
INSPECTOR_WEAK_RE = re.compile(r"^(?:已(?:经)?)?(?:" + vocab.pattern("findings.inspector_acts_weak") + ")")
INSPECTOR_NAME_RE = re.compile("(?:" + vocab.pattern("findings.inspecting_offices") + ")$")

# A value right after a name: the name is the subject of a rate in a list of rates.
RATE_AFTER = re.compile(r"\s*(?:为|是|达到|达)?\s*[0-9]+(?:\.[0-9]+)?\s*%")
# A clause that only says where the next clause looks (…网站“部门信息”栏目中,).
_COLUMNS = vocab.pattern("channels.columns")
LOCATION_ONLY = re.compile(r"^[^,，。;；]*?(?:网站|首页|" + _COLUMNS + r"|页面|平台)"
                           r"(?:[“\"][^”\"]{1,20}[”\"])?"
                           r"(?:" + _COLUMNS + r"|页面)?(?:中|里|内|上)\s*$")
# A requirement after the names (…各部门要切实加强, …应当): they are addressed, not found at fault.
EXHORTED = re.compile(r"(?:等)?(?:各[^,，。;；]{0,6}?)?(?:" + vocab.pattern("findings.exhortations") + ")(?!求)")
REPOST_VERB = re.compile(vocab.pattern("findings.repost_verbs"))
ILLUSTRATES = re.compile(r"^\s*(?:" + vocab.pattern("findings.illustrating") + ")")


def _without(text, spans, base=0):
    out, last = [], 0
    for a, b in sorted(spans):
        out.append(text[last:max(a - base, last)])
        last = max(last, b - base)
    out.append(text[last:])
    return "".join(out)


def sentence_findings(segments, skip=()):
    """Findings of every sentence Segment outside the `skip` spans (tables read apart)."""
    findings = []
    prev = prev_used = None
    prev_named = False
    list_ctx = None     # the line that opened a list of names, one a line (…名单如下:)
    in_attachment_list = numbered_only = False
    default_channel = _notice_channel(segments)
    for idx, seg in enumerate(segments):
        if any(a <= seg.start < b for a, b in skip) or METADATA_RE.match(seg.text):
            continue
        if not seg.headings and ADDRESSEE_RE.match(seg.text) \
                and not re.search(r"如下|以下|通报|存在", seg.text):
            continue
        # 附件:1.…清单 / 2.…: attachments listed by title say nothing of anyone
        title = ATTACHMENT_TITLE_RE.match(seg.text)
        if title or (in_attachment_list and NUMBERED_TITLE_RE.match(seg.text)):
            # a numbered list of titles goes on (附件:1.… 2.…); a titled list of units does not
            in_attachment_list = bool(title and NUMBERED_TITLE_RE.match(seg.text, title.end())) or (
                not title and in_attachment_list)
            # a titled attachment (附件:不合格网站名单) opens the numbered list of units below it
            list_ctx = None if in_attachment_list else seg.text
            numbered_only = True
            prev, prev_named = seg, False
            continue
        in_attachment_list = False
        list_line = list_ctx is not None and _looks_like_list_line(seg.text) and (
            not numbered_only or bool(NUMBERED_TITLE_RE.match(seg.text)))
        # the last sentence of an excerpt cut off mid-way
        cut_off = seg is segments[-1] and seg.text.rstrip()[-1:] not in "。!?！？;；)）”|"
        clauses = names_in_sentence(seg.text, introduced=list_line, cut=cut_off)
        if cut_off:
            clauses = _before_the_cut(seg.text, clauses)
        all_spans = [(n.start, n.end) for _, _, ns in clauses for n in ns]
        # a piece of a long sentence cut inside a list: the list's predicate comes later
        carried = _list_predicate(segments, idx) if seg.continues_list else ""
        sentence_ctx = _without(seg.text, all_spans) + carried
        bare = len(re.findall(r"[\u4e00-\u9fff]", CHANNEL_RE.sub("", sentence_ctx))) < 4
        illustrates = ILLUSTRATES.match(seg.text) or (
            bare and prev is not None and prev.text.rstrip()[-1:] in ":：;；") \
            or _names_its_members(prev, seg, clauses)
        prev_ctx = (prev_used or prev.text) if prev is not None and illustrates else ""
        if list_line and bare:
            prev_ctx = list_ctx
        elif seg.text.rstrip()[-1:] in ":：":
            list_ctx, numbered_only = seg.text, False
        elif not list_line:
            list_ctx = None
        n_names = len(all_spans)
        set_apart = [m.span() for m in SET_APART.finditer(seg.text)]
        # a bare name, or a heading naming a unit ((三)X县“X发布”微信公众号。), may have what is
        # said of it in the sentences after it
        next_ctx = "" if not all_spans else (
            _said_next(segments, idx) if bare or seg.is_heading else _refers_back(segments, idx))
        for ci, (cs, ce, names) in enumerate(clauses):
            if not names or _is_inspector(seg.text[names[-1].end:ce], names[-1]):
                continue
            if LOCATION_ONLY.match(seg.text[names[-1].end:ce]):
                continue      # 县政府门户网站“政策解读”栏目中, …: where, not whom, it faults
            if _is_group_label(seg.text, clauses, ci):
                continue
            if EXHORTED.match(seg.text, names[-1].end):
                continue      # …和自治区各部门要切实加强…: whom a requirement addresses, not a finding
            # …未按要求转载国务院、省政府发布的…: names after a repost verb are its sources
            names = [n for n in names if not REPOST_VERB.search(seg.text[cs:n.start])]
            if not names:
                continue
            clause_ctx = _clause_context(seg.text, clauses, ci) + (carried if ci == len(clauses) - 1 else "")
            # 除A、B外,其余…均合格: the names set apart are not what the rest of the sentence says
            names = [n for n in names if not any(a <= n.start < b for a, b in set_apart)
                     and not RATE_AFTER.match(seg.text, n.end)]   # 东湖区100%: the subject of a rate
            if not names:
                continue
            names = [_host_of_anonymous(seg.text, n) for n in names
                     if not _runs_quoted_account(seg.text, n, names) and not LEVELS_ONLY.match(n.text)]
            if not names:
                continue
            continued = _continuation(seg.text, clauses, ci)
            for name in names:
                rest = re.sub(r"^[-—–][^,，。;；]*", "", name.rest)   # -养老服务: a column of the unit
                own = rest if re.search(r"[\u4e00-\u9fff]{2}", CHANNEL_RE.sub("", rest)) else ""
                labelled = ci == 0 and seg.text[ce:ce + 1] in ":：" and not seg.text[:name.start].strip(" \u3000")
                if labelled:
                    # 周口市:全年…;市政府门户网站…: a paragraph under the unit's name is all said of it
                    continued = "，".join([continued] + _rest_of_paragraph(segments, idx))
                if name is names[-1] and continued and (own or labelled):
                    own = (own + "，" if own else "") + continued    # …更新不及时,且存在空白栏目3个
                contexts = [c for c in (own, clause_ctx, _sentence_context(seg.text, clauses, ci),
                                        next_ctx, prev_ctx) if c]
                if cut_off and ci == len(clauses) - 1 and not own.strip() and not sentence_ctx.strip() \
                        and prev_named and not prev_used:
                    continue     # …流于形式;盘锦市大洼区|: a list's next item, cut before its predicate
                if cut_off and ci == len(clauses) - 1 and clauses[ci - 1][2] \
                        and seg.text[clauses[ci - 1][1]:cs] in ",，;；" and heading_polarity(seg.headings) is None \
                        and not re.search(r"[\u4e00-\u9fff]", CHANNEL_RE.sub("", seg.text[names[-1].end:ce])):
                    # …永城市合格率为100%,新乡市、兰考县、|: a new list after names with a predicate of
                    # their own, cut before its own predicate, and no heading to say it for them
                    continue
                allow_heading = n_names >= 2 or bool(prev_ctx or next_ctx) or not bare
                polarity, codes, consecutive = classify(contexts, seg.headings, allow_heading)
                if polarity is None or polarity == "positive" and _rate_below_full(own):
                    continue      # …灵武市合格率为94.1%: a rate of its own, short of the praise around it
                for code in codes or [None]:
                    channel = name.channel or _channel_of(
                        name.text, [own, clause_ctx, sentence_ctx, prev_ctx] + _paragraph_before(segments, idx),
                        seg, default_channel)
                    f = {"unit": name.text, "channel": channel,
                         "polarity": polarity, "problem": code if polarity == "negative" else None,
                         "month": None, "section": seg.section, "evidence": seg.text.strip(),
                         "start": seg.start, "end": seg.end}
                    f["unit_start"], f["unit_end"] = seg.span(name.start, name.end)
                    if consecutive and (code == "unspecified" or len(codes) == 1):
                        f["consecutive_periods"] = consecutive
                    findings.append(f)
        findings.extend(_named_by_phrase(seg))
        # a run of bare lists (A、B;C、D;) all borrow the sentence that opened the first
        prev_used = prev_ctx if bare and prev_ctx else None
        prev, prev_named = seg, bool(all_spans)
    return findings


COUNTED = re.compile(r"[0-9*一二两三四五六七八九十几]+\s*[个家条次件处篇]")


# A sentence that opens a point of its own beyond its heading (此外,…).
NEW_POINT = re.compile(r"^\s*(?:此外|另外|同时|还有|另|并且|而且)")


def _before_the_cut(text, clauses):
    """The names of a sentence the excerpt cuts off that are still findings: a name cut in the
    middle is not, nor are the names of the last clause of a point beyond the heading when their
    own predicate was cut before it said anything (此外,A网站、“B”抖音号在|); a list under its
    lead-in or heading stays (其中A27条、B|; (一)聚焦政策公开…。A、B等针对…政策文|)."""
    if not clauses:
        return clauses
    *before, (cs, ce, names) = clauses
    # an account whose quote the cut splits is still named by the body that runs it
    whole = [n if not _cut_in_middle(text, n) else n.host for n in names
             if not _cut_in_middle(text, n) or n.host]
    if whole:
        end = next((n.start for n in names if n.start >= whole[-1].end), len(text))
        said = COUNTED.sub("", CHANNEL_RE.sub("", re.split(r"[、“\"「『]", text[whole[-1].end:end])[0]))
        if re.search(r"[\u4e00-\u9fff]", said) and polarity_of(said) is None and NEW_POINT.match(text):
            whole = []
    return before + [(cs, ce, whole)]


def _cut_in_middle(text, name):
    """Whether the excerpt's cut falls inside `name`: a quote it leaves open holding nothing after
    the name (“咸宁城市绿色|), or a bare name at the very end that does not end as a body or a
    place does (荆州市荆|). 县退役军人事务局| and “惠山新城发布(抖音| are whole."""
    if text[name.end:].strip():
        return False
    if name.open_quote:
        return text[name.start:name.end].strip() == name.text
    return not (UNIT_END_RE.search(name.text) or name.text in full_place_names())


# X某部门网站(主办单位:Y): a site left anonymous, named only by the body that runs it.
ANONYMOUS_HOST = re.compile(r"(?:下属)?某[^,，。;；()（）]{0,10}?(?:" + CHANNEL_RE.pattern + r")?\s*[(（]"
                            r"(?:主办|运营|运维|开办|管理)(?:单位|主体|机构|部门)?[:：]"
                            r"([^()（）\n。]{2,40})[)）]")


# 区科经局开设的政务微博“西陵科技”: the body, then the account it runs, named in quotes.
ACCOUNT_OF = re.compile(r"(?:的|(?:开设|主办|运营|开办|注册)的)?\s*(?:政务|官方)?"
                        r"(?:" + CHANNEL_RE.pattern + r")+"
                        r"号?(?:账号|帐号)?\s*(?=[“\"「『])")


# Names made only of level words (县市区, 市政府, 辖区): a class of units or the notice's own.
LEVELS_ONLY = re.compile(r"^(?:自治区|自治州|自治县|[省市县区州乡镇旗盟]|辖区|各|全)+"
                         r"(?:人民政府|政府)?$")
# a rate merely stated (合格率为94.1%), not one said to be high (合格率超过90%)
OWN_RATE = re.compile("(?:" + vocab.pattern("rates.rate_words") + r")\s*(?:为|是)\s*([0-9]+(?:\.[0-9]+)?)\s*%")


def _rate_below_full(predicate):
    m = OWN_RATE.search(predicate)
    return bool(m) and float(m.group(1)) < 100


def _runs_quoted_account(text, name, names):
    """Whether `name` is only the body running the quoted account named right after it; the
    account is the unit then (as the gold records name 宝鸡信访, not 宝鸡市信访局)."""
    m = ACCOUNT_OF.match(text, name.end)
    return bool(m) and any(o.quoted and m.end() <= o.start <= m.end() + 1 for o in names)


def _host_of_anonymous(text, name):
    """The body in brackets after an anonymous site (某部门网站) is the unit, not the place before it."""
    m = ANONYMOUS_HOST.match(text, name.end)
    host = clean_name(m.group(1)) if m else ""
    if not host:
        return name
    channel = name.channel or next((CHANNEL_OF[c.group(0)] for c in CHANNEL_RE.finditer(m.group(0))), None)
    return replace(name, text=host, start=m.start(1), end=m.start(1) + len(host), channel=channel)


def _is_inspector(predicate, last_name):
    """Whether the names are the inspecting office (省政府办公厅组织开展…, 办公室对全市…)."""
    predicate = predicate.lstrip("等")
    return bool(INSPECTOR_RE.match(predicate) or re.match(r"\s*关于", predicate) or (
        INSPECTOR_WEAK_RE.match(predicate) and INSPECTOR_NAME_RE.search(last_name.text)))


PROBLEMS_FOLLOW = re.compile(r"\s*(?:存在(?:的)?(?:主要)?问题|主要问题|问题(?:描述)?)[:：]"
                             r"|\s*经(?:查|核查|检查)[,，]")


def _said_next(segments, idx):
    """What the sentences after a bare name, in its paragraph and naming no one, say of it:
    `网站名称:A网站;存在问题:网站无法访问。` (the one sentence after a semicolon), or
    `(一)正安县人民政府网站。存在问题:1.…;2.…` (every sentence of the list)."""
    seg = segments[idx]
    end = seg.text.rstrip()[-1:]
    if idx + 1 >= len(segments) or end not in ";；。":
        return ""
    listed = bool(PROBLEMS_FOLLOW.match(segments[idx + 1].text))
    if end == "。" and not listed:
        return ""
    if listed:
        return "，".join(_rest_of_paragraph(segments, idx))
    nxt = segments[idx + 1]
    if nxt.paragraph != seg.paragraph or any(ns for _, _, ns in names_in_sentence(nxt.text)):
        return ""       # another paragraph, or a sentence with a subject of its own
    return nxt.text


# 上述账号均存在…问题
REFERS_BACK = re.compile(r"^\s*(?:现|特|经研究[,，]?|决定)?(?:对|给予|向)?"
                         r"(?:以上|上述)[^,，。;；]{0,8}?"
                         r"(?:单位|地区|部门|网站|账号|帐号)"
                         r"(?:[^。;；]{0,30}?(?:表扬|批评)|(?:均|都|皆)?(?:存在|出现))")


FOLLOWING = 2 * MAX_SENTENCE


def _rest_of_paragraph(segments, idx):
    """The sentences after sentence `idx` in its paragraph, as far as FOLLOWING characters
    (the longest paragraph of a real notice met so far has 700; text run on for pages has
    more than can be said of one name)."""
    out, size = [], 0
    for nxt in segments[idx + 1:]:
        if nxt.paragraph != segments[idx].paragraph or size > FOLLOWING:
            break
        out.append(nxt.text)
        size += len(nxt.text)
    return out


def _list_predicate(segments, idx):
    """What is said of a list cut across pieces of a long sentence (A、…、|…、|…等网站存在…):
    the first clause of the piece where the list ends, without its names."""
    end = idx
    while segments[end].continues_list and end + 1 < len(segments):
        end += 1
    return _first_clause_context(segments[end].text)


@lru_cache(maxsize=64)
def _first_clause_context(text):
    clauses = names_in_sentence(text)
    return _clause_context(text, clauses, 0) if clauses else ""


def _refers_back(segments, idx):
    """`对以上单位予以通报表扬。`: the sentence after this one praising or faulting the units
    it named, said in its own paragraph."""
    if idx + 1 >= len(segments):
        return ""
    nxt = segments[idx + 1]
    return nxt.text if nxt.paragraph == segments[idx].paragraph and REFERS_BACK.match(nxt.text) else ""


def _is_group_label(text, clauses, ci):
    """`松桃县:县林业局网站…`: a lone name before a colon heads the units that follow."""
    cs, ce, names = clauses[ci]
    return (len(names) == 1 and not text[names[0].end:ce].strip() and text[ce:ce + 1] in ":："
            and ci + 1 < len(clauses) and bool(clauses[ci + 1][2]))


# 同时,该网站…出现错别字 / …,主办单位未按程序注销: the subject named before, referred to again
SAME_SUBJECT = re.compile(r"(?:该|其|此)(?:网站|账号|帐号|公众号|微博|号|平台|单位|部门"
                          r"|栏目)|(?:账号|帐号)|"
                          # parts of its own site
                          r"(?:部分|个别|多个|一些)(?:子)?"
                          r"(?:栏目|信息|页面|内容|链接|文件|稿件)|"
                          r"(?:其|该)?(?:主办|运营|运维|开办)(?:单位|主体)|"
                          # 其中一个网站: one of its own
                          r"其中[0-9一二两三四五六七八九十]+\s*(?:个|家)")


def _continuation(text, clauses, ci):
    """The clauses after clause `ci` that name no one, which go on saying what its
    subject did (…既未开设专栏, 也未添加入口)."""
    parts = []
    for ns, ne, more in clauses[ci + 1:]:
        clause = text[ns:ne].strip()
        if more or (OTHERS.match(clause) or CLASS_SUBJECT.match(clause)) and not SAME_SUBJECT.match(clause):
            break        # …, 其他地区县级政府网站…: a clause with a subject of its own
        parts.append(text[ns:ne])
    return "，".join(parts)


ANAPHORIC = re.compile(r"也|亦|同样|同时")
OTHERS = re.compile(r"(?:各|其他|其余|其它|全[省市区县州旗国])")     # 其他地区县级政府网站…
# 15个区…, 其余单位…: a clause whose subject is a counted or quantified class
CLASS_SUBJECT = re.compile(r"(?:其中|共有|共)?(?:[0-9一二两三四五六七八九十]+\s*(?:个|家)"
                           r"|(?:部分|个别|一些|少数|多数|"
                           r"大部分|大多数|绝大多数|其他|其余|其它|全[省市区县州旗])"
                           r"[^,，。;；]{0,6}?"
                           r"(?:单位|部门|网站|账号|帐号|区|县|市|镇|乡|街道|地区|新媒体))")
# What may follow a name in its clause without saying anything of it (等市级政府门户网站, 等3个).
CLASSIFIER = re.compile(r"等|[0-9一二两三四五六七八九十几]+\s*[个家]|[省市县区州地乡镇]"
                        r"|级|直|部门|单位|政府|[(（][^)）]*[)）]")


def _has_predicate(words):
    """Whether the words after a clause's names say something of them (…合格率超过95%), rather
    than only classify them (…等市级政府门户网站) and leave the saying to a later clause."""
    return bool(re.search(r"[\u4e00-\u9fff]", CLASSIFIER.sub("", CHANNEL_RE.sub("", words))))


def _sentence_context(text, clauses, ci):
    """The sentence said of the names of clause `ci`, without the names; when these names have a
    predicate of their own, without the clauses whose own subject is praised or blamed: named
    (A、B合格率超过95%,C、D合格率低于85%), or counted or a class after them (…得125分,15个区没有
    扣分; a class before them is what they are examples of). What is said of others is not said
    of these, unless their clause refers back to it (也存在…)."""
    cs, ce, names = clauses[ci]
    predicate = text[names[-1].end:ce] if names else ""
    apart = _has_predicate(predicate) and not ANAPHORIC.search(predicate)
    kept = [(s, e, ns) for k, (s, e, ns) in enumerate(clauses)
            if k == ci or not apart or polarity_of(text[ns[-1].end:e] if ns else text[s:e]) is None
            or not ns and (k < ci or not CLASS_SUBJECT.match(text[s:e].strip()))]
    return "，".join(_without(text[s:e], [(n.start, n.end) for n in ns], s) for s, e, ns in kept)


def _clause_context(text, clauses, ci):
    """Clause `ci` without its names, joined with its continuation."""
    cs, ce, names = clauses[ci]
    own = _without(text[cs:ce], [(n.start, n.end) for n in names], cs)
    more = _continuation(text, clauses, ci)
    return own + "，" + more if more else own


# Phrases that name a faulted unit outside a subject position.
EXCEPTION = re.compile(r"除(?:了)?([^,，。;；外]{2,60}?)(?:以)?外[,，]?[^。;；]{0,40}?"
                       r"(?:(?:合格率|均)[^。;；]{0,20}?(?:100%|[0-9.]+%以上)|"
                       r"(?:均|全部|都)(?:已|能)?(?:合格|达标|整改|完成|按期))")
# 除A、B外: the names a sentence sets apart from what it says of the rest
SET_APART = re.compile(r"除(?:了)?[^,，。;；外]{2,60}?(?:以)?外")
SUMMONED = re.compile(r"约谈(?:了)?([^,，。;；]{2,60}?)(?:的)?(?:相关|主要|有关|分管)?"
                      r"(?:责任人|负责人|负责同志|领导)")
# “鹤壁淇滨发布”主办单位淇滨区委宣传部: the body summoned, after the account it runs
HOST_LEAD = re.compile(r".*(?:主办|运营|运维|开办)(?:单位|主体)[:：]?")


def _named_by_phrase(seg):
    """除佛山市外…合格率达100% (the exception is faulted); 约谈X负责人 (X is faulted)."""
    out = []
    for rx in (EXCEPTION, SUMMONED):
        for m in rx.finditer(seg.text):
            for name, start, end in _listed_in(m.group(1), m.start(1)):
                if rx is SUMMONED and (lead := HOST_LEAD.match(seg.text, start, end)):
                    name, start = clean_name(seg.text[lead.end():end]), lead.end()
                if looks_like_unit(name):
                    out.append(_phrase_finding(seg, rx, m, name, start, end))
    return out


def _listed_in(text, base):
    """The names of an enumeration A、B和C with their offsets (base + index)."""
    out, pos = [], 0
    for part in text.split("、"):
        for piece in split_last(part, listed=True):
            start = base + pos + part.find(piece)
            out.append((clean_name(piece), start, start + len(piece)))
        pos += len(part) + 1
    return out


def _phrase_finding(seg, rx, m, name, start, end):
    """The finding of a name a phrase faults: unspecified, or rectification (除X外均已整改到位)."""
    problem = "rectification" if rx is EXCEPTION and "整改" in m.group(0) else "unspecified"
    unit_start, unit_end = seg.span(start, end)
    return {"unit": name, "channel": "website" if rx is EXCEPTION else "organization",
            "polarity": "negative", "problem": problem, "month": None,
            "section": seg.section, "evidence": seg.text.strip(),
            "start": seg.start, "end": seg.end, "unit_start": unit_start, "unit_end": unit_end}


def _looks_like_list_line(text):
    """A short line naming one or a few units: `1.青海公安`, `（二）西宁市统计局网站;`."""
    body = text.strip().rstrip("。;；,，")
    if re.match(r"[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|附件", body):
        return False          # a new section ends the list
    return len(body) <= 40 and not re.search(r"[。,，]", body)


def _notice_channel(segments):
    """The channel a notice is about when its title names only one kind (…政府网站抽查情况的通报)."""
    opening = " ".join(s.text for s in segments[:2])
    found = {CHANNEL_OF[m.group(0)] for m in CHANNEL_RE.finditer(opening)}
    if found == {"website"}:
        return "website"
    if found and "website" not in found:
        return "new_media"
    return "organization"


ON_A_SITE = re.compile(vocab.pattern("findings.on_a_site"))


# A sentence about a class of units (个别单位…多次整改仍不到位。), which the next may name.
CLASS_SENTENCE = re.compile(r"^\s*(?:[一二三四五六七八九十]+是)?"
                            r"(?:个别|部分|一些|少数|有的|多个|[0-9一二两三四五六七八九十]+个)"
                            r"[^,，。;；]{0,8}?"
                            r"(?:单位|部门|网站|账号|帐号|地区|县|区|市|乡镇|镇|街道)")


def _names_its_members(prev, seg, clauses):
    """Whether sentence `seg`, in the paragraph of a sentence about a class of units, opens with
    names: the members of that class, of whom the class sentence is said (…多次整改仍不到位。
    “江达县人民政府”“贡觉县人民政府”…,工作进展缓慢)."""
    first = next((ns[0] for _, _, ns in clauses if ns), None)
    return (prev is not None and prev.paragraph == seg.paragraph and bool(CLASS_SENTENCE.match(prev.text))
            and first is not None and not re.search(r"[\u4e00-\u9fff]", seg.text[:first.start]))


def _paragraph_before(segments, idx):
    """The sentences before sentence `idx` in its paragraph, nearest first (政务新媒体方面。…其中A…)."""
    out = []
    for k in range(idx - 1, max(idx - 8, -1), -1):
        if segments[k].paragraph != segments[idx].paragraph:
            break
        out.append(segments[k].text)
    return out


def _channel_of(name, contexts, seg, default="organization"):
    """The channel a name is faulted or praised for when no channel word follows it: the
    first context (its predicate, clause, sentence, illustrated sentence, the sentences
    before it in its paragraph, then headings) that names channels; both websites and new
    media (网站和政务新媒体) mean the unit itself."""
    found = _channel_named(tuple(c for c in contexts if c), tuple(seg.headings))
    return found or ("website" if name.endswith("网") else default)


# A grade given to a body as a whole (考评等次…提升为优秀), not to one of its sites or accounts.
GRADED_BODY = re.compile(r"考评|考核|等次|绩效")


@lru_cache(maxsize=1024)      # the names of one enumeration share their contexts
def _channel_named(contexts, headings):
    for text in contexts + tuple(reversed(headings)):
        found = {CHANNEL_OF[m.group(0)] for m in CHANNEL_RE.finditer(text)}
        if not found:
            if ON_A_SITE.search(text):
                return "website"      # 县档案馆…子栏目信息发布量为零: columns are a site's
            if GRADED_BODY.search(text):
                return "organization"
            continue
        if "website" in found and len(found) > 1:
            return "organization"
        return sorted(found - {"new_media"} or found)[0]
    return None


def dedupe(findings):
    """One finding per (unit, polarity, problem, channel, month), the first kept, with the
    longest streak any of its repeats states
    (…为零的县水务局。其中,县水务局连续两个月未有信息发布)."""
    kept, out = {}, []
    for f in findings:
        key = (f["unit"], f["polarity"], f["problem"], f["channel"], f.get("month"))
        first = kept.get(key)
        if first is None:
            kept[key] = f
            out.append(f)
        elif f.get("consecutive_periods", 0) > first.get("consecutive_periods", 0):
            first["consecutive_periods"] = f["consecutive_periods"]
    return out


# Words around a name that do not change the unit: its channel, or 人民政府 after a region.
_CHANNEL_BEFORE = re.compile(r"^(?:(?:政务|官方)?(?:" + CHANNEL_RE.pattern + r"))+")
_GOVERNMENT_AFTER = re.compile(r"(?<=[省市州县区旗盟])(?:人民政府|政府)$")


@lru_cache(maxsize=8192)
def _base_of(name):
    """The name without leading channel words or trailing channel and 政府 words."""
    base = _CHANNEL_BEFORE.sub("", name) or name
    while True:
        shorter = _GOVERNMENT_AFTER.sub("", TRAILING_WORDS.sub("", base))
        if shorter == base or len(shorter) < 2:
            return base
        base = shorter


@lru_cache(maxsize=1)
def _region_names():
    """Full region names (百色市), and places with a level word cpca may not carry (那曲地区)."""
    return frozenset(full_place_names()) | {place + level for place in place_names()
                                            for level in ("地区", "市", "州", "盟")}


LEVEL_WORDS = set("省市州县区")


@lru_cache(maxsize=8192)
def _endings(base):
    """The endings of a base that follow one or more region names only (河池市大化瑶族自治县|
    民政局 → 民政局), the base itself first."""
    regions = _region_names()
    after_regions = [True] + [False] * len(base)        # base[:i] is region names only
    # 市财政局 / 财政局: a level word alone stands for the notice's own region
    after_regions[1] = base[:1] in LEVEL_WORDS and len(base) >= 4
    for j in range(2, len(base) + 1):
        after_regions[j] = any(after_regions[i] and base[i:j] in regions for i in range(j - 1))
    return tuple(base[i:] for i in range(len(base)) if after_regions[i])


def _same_unit(a, b):
    """Whether two names spell one unit: their bases differ only by leading region names."""
    short, long_ = sorted((_base_of(a), _base_of(b)), key=len)
    return short in _endings(long_)


class _Spellings:
    """Names kept so that those spelling the same unit as another name (`_same_unit`) are
    found by looking up its base and endings, not by comparing it with every name kept:
    a notice may name thousands of units."""

    def __init__(self):
        self.by_base, self.by_ending, self.count = {}, {}, 0

    def add(self, name, item):
        entry = (self.count, item)
        self.count += 1
        base = _base_of(name)
        self.by_base.setdefault(base, []).append(entry)
        for ending in _endings(base):
            self.by_ending.setdefault(ending, []).append(entry)

    def same_unit(self, name):
        """The items of the names that spell the same unit as `name`, in the order added."""
        base = _base_of(name)
        found = [self.by_base.get(e, ()) for e in _endings(base)] + [self.by_ending.get(base, ())]
        return (item for _, item in heapq.merge(*found, key=lambda entry: entry[0]))


def _named_by_host(findings):
    """A table row's account or site whose host (主办单位 column) the body faults by name, with no
    account named there (X微信公众号长期未更新), is that unit: the body's name is kept."""
    bodies = {}      # polarity -> the first finding of each unit without a host
    for f in findings:
        if "host" not in f and f["unit"] not in bodies.setdefault(f["polarity"], {}):
            bodies[f["polarity"]][f["unit"]] = f
    spellings = {}
    for polarity, firsts in bodies.items():
        spellings[polarity] = _Spellings()
        for unit, f in firsts.items():
            spellings[polarity].add(unit, f)
    out = []
    for f in findings:
        host = f.get("host")
        f = {k: v for k, v in f.items() if k != "host"}      # not a field of the record
        named = host and f["polarity"] in spellings and next(
            (b for b in spellings[f["polarity"]].same_unit(host) if b["unit"] != f["unit"]), None)
        out.append(dict(f, unit=named["unit"], unit_start=named.get("unit_start"), unit_end=named.get("unit_end"))
                   if named else f)
    return out


def merge_spellings(findings):
    """One unit per spelling within a notice: names of one polarity that differ only by a
    leading region (百色市凌云县 / 凌云县人民政府门户网站) or by channel words around them
    are one unit, named as the notice first names it (its body, before the attachments)."""
    findings = _named_by_host(findings)
    first = {}      # polarity -> the first finding of each unit
    for f in sorted(findings, key=lambda f: f.get("unit_start", f["start"])):
        kept = first.setdefault(f["polarity"], _Spellings())
        if next(kept.same_unit(f["unit"]), None) is None:
            kept.add(f["unit"], f)
    out = []
    for f in findings:
        k = next(first[f["polarity"]].same_unit(f["unit"]))
        out.append(f if k["unit"] == f["unit"] else
                   dict(f, unit=k["unit"], unit_start=k.get("unit_start"), unit_end=k.get("unit_end")))
    return dedupe(out)
