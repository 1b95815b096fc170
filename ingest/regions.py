"""Where a notice comes from: province, prefecture and county named in its text.

The names come from cpca's region table (adcode, name), not from a hand-made list. Each
name is indexed under its full form (黔东南苗族侗族自治州, 泉港区) and, for provinces and
prefectures, its usual short forms (贵州, 黔东南州, 黔东南). A mention votes for every
province the name can belong to, its weight split among them, so an ambiguous short name
(海南州 is in Qinghai, 海南 is a province) counts little and longest matches win.
"""
import csv
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import ahocorasick

PROVINCE_SUFFIX = re.compile(r"(壮族|回族|维吾尔)?(自治区|特别行政区|省|市)$")
PREFECTURE_SUFFIX = re.compile(r"(自治州|地区|盟|市)$")
COUNTY_SUFFIX = re.compile(r"(自治县|自治旗|特区|林区|新区|县|区|市|旗)$")
# Development zones take the name of their county: 郎溪经开区, 平阳经济开发区.
ZONES = ("经开区", "经济开发区", "经济技术开发区", "高新区", "高新技术产业开发区", "开发区", "工业园区")
# The Xinjiang Production and Construction Corps (新疆生产建设兵团) governs its divisions
# (第八师, 兵团XX局) inside Xinjiang, but is no region of cpca's table: its notices name only
# the Corps and its divisions. A mention of the Corps is a mention of Xinjiang.
CORPS = re.compile(r"兵团")        # 新疆生产建设兵团, 兵团发展改革委, 兵团政务公开办
CORPS_PROVINCE = "新疆"


@dataclass(frozen=True)
class Region:
    adcode: str
    name: str          # full name, as cpca has it
    level: str         # "province", "prefecture" or "county"

    @property
    def province_code(self):
        return self.adcode[:2]


def _strip_nations(stem, nations):
    """黔东南苗族侗族 -> 黔东南: ethnic names at the end of an autonomous area's name."""
    changed = True
    while changed:
        changed = False
        for n in nations:
            if stem.endswith(n) and len(stem) > len(n) + 1:
                stem, changed = stem[: -len(n)], True
    return stem


@lru_cache(maxsize=1)
def region_index():
    """(names -> [Region], provinces by code, an automaton matching any name)."""
    pkg = resources.files("cpca") / "resources"
    with (pkg / "adcodes.csv").open(encoding="utf-8") as f:
        table = [(row["adcode"], row["name"]) for row in csv.DictReader(f)]
    with (pkg / "56_nations.csv").open(encoding="utf-8") as f:
        nations = sorted({l.strip() for l in f if l.strip()} | {"汉族"}, key=len, reverse=True)
    names = defaultdict(list)
    provinces = {}
    for code, name in table:
        if name in ("市辖区", "县") or "直辖" in name:
            continue        # placeholders of the table (a municipality's districts), not places
        code = code.ljust(12, "0")
        if code[2:] == "0" * 10:
            region = Region(code, name, "province")
            provinces[code[:2]] = region
            forms = {name, PROVINCE_SUFFIX.sub("", name)}
        elif code[4:] == "0" * 8:
            region = Region(code, name, "prefecture")
            stem = _strip_nations(PREFECTURE_SUFFIX.sub("", name), nations)
            forms = {name, stem}
            if name.endswith("自治州"):
                forms.add(stem + "州")
        else:
            region = Region(code, name, "county")
            forms = {name}
            stem = _strip_nations(COUNTY_SUFFIX.sub("", name), nations)
            if len(stem) >= 3:   # two-character county stems (城关, 新华) are common words
                forms.add(stem)
            else:                # but not before the name of a zone: 郎溪经开区
                forms.update(stem + zone for zone in ZONES)
        for form in forms:
            if len(form) >= 2:
                names[form].append(region)
    # Aho-Corasick (pyahocorasick, which cpca itself uses): a regex alternation of several
    # thousand names is ten times slower.
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return names, provinces, automaton


@lru_cache(maxsize=1)
def unit_words():
    """County-level unit words found in one province only (特区, 林区, 旗): their province."""
    names, provinces, _ = region_index()
    where = defaultdict(set)
    for regions in names.values():
        for r in regions:
            m = COUNTY_SUFFIX.search(r.name) if r.level == "county" else None
            if m:
                where[m.group(1)].add(r.province_code)
            if r.level == "prefecture" and r.name.endswith("盟"):
                where["盟"].add(r.province_code)
    return {word: codes.pop() for word, codes in where.items() if len(codes) == 1}


def mentions(text):
    """Every region name in the text, longest match first: [(start, end, [Region])]."""
    names, _, automaton = region_index()
    if not text:
        return []
    return [(end + 1 - len(name), end + 1, names[name]) for end, name in automaton.iter_long(text)]


def province_votes(text, weight=1.0, votes=None):
    """Add to `votes` (Counter of province code) the mentions in `text`."""
    votes = Counter() if votes is None else votes
    for start, end, regions in mentions(text):
        codes = {r.province_code for r in regions}
        full = any(r.name == text[start:end] for r in regions)
        for code in codes:
            votes[code] += weight * (1.0 if full else 0.5) / len(codes)
    corps = len(CORPS.findall(text or ""))
    if corps:
        votes[_corps_province_code()] += weight * corps
    return votes


@lru_cache(maxsize=1)
def _corps_province_code():
    names, _, _ = region_index()
    return next(r.province_code for r in names[CORPS_PROVINCE] if r.level == "province")


def addressee_votes(line, votes):
    """Unit words in an addressee line (各县(市、区、特区)人民政府) found in one province only."""
    words = unit_words()
    inside = re.findall(r"[(（]([^()（）]{1,20})[)）]", line)
    for group in inside:
        for word in re.split(r"[、,]", group):
            if word in words:
                votes[words[word]] += 1.0
    return votes


def province_name(code):
    return region_index()[1][code].name


def locate(issuer, province):
    """(prefecture, county) full names for an issuer below province level, else (None, None)."""
    province_code = next(c for c, r in region_index()[1].items() if r.name == province)
    prefecture = county = None
    for _, _, regions in mentions(issuer or ""):
        regions = [r for r in regions if r.province_code == province_code] or regions
        if len(regions) != 1:
            continue
        r = regions[0]
        if r.level == "county" and county is None:
            county = r.name
            prefecture = prefecture or _prefectures().get(r.adcode[:4])
        elif r.level == "prefecture" and prefecture is None:
            prefecture = r.name
    return prefecture, county


def most_mentioned(text, province, level):
    """The prefecture or county of `province` the text names most often, as a full name
    (a county's mentions count for its prefecture too); None when it names none."""
    counts = Counter()
    for _, _, regions in mentions(text):
        inside = [r for r in regions if province_name(r.province_code) == province]
        if len(inside) != 1:
            continue
        r = inside[0]
        if r.level == level:
            counts[r.name] += 1
        elif level == "prefecture" and r.level == "county" and r.adcode[:4] in _prefectures():
            counts[_prefectures()[r.adcode[:4]]] += 1
    return counts.most_common(1)[0][0] if counts else None


@lru_cache(maxsize=1)
def _prefectures():
    """Prefecture full names by the first four digits of their adcode."""
    names, _, _ = region_index()
    return {r.adcode[:4]: r.name for rs in names.values() for r in rs if r.level == "prefecture"}
