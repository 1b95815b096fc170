"""Where a notice comes from: province, prefecture and county named in its text.

The names are those of the project's table of divisions (ingest/divisions.py), each indexed
under its full form (黔东南苗族侗族自治州, 泉港区) and its short forms (贵州, 黔东南州, 黔东南,
保亭县). A mention votes for every province the name can belong to, its weight split among
them, so an ambiguous short name (海南州 is in Qinghai, 海南 is a province) counts little and
longest matches win. Towns (慕仪镇, 千渭街道) are read only when the text names nothing larger.
"""
import re
from collections import Counter, defaultdict
from functools import lru_cache

import ahocorasick

from .divisions import load_regions, load_towns, short_names

# Development zones take the name of their county: 郎溪经开区, 平阳经济开发区.
ZONES = ("经开区", "经济开发区", "经济技术开发区", "高新区", "高新技术产业开发区",
         "开发区", "工业园区")
# The Xinjiang Production and Construction Corps (新疆生产建设兵团) governs its divisions
# (第八师, 兵团XX局) inside Xinjiang, but is no division of the tables: its notices name only
# the Corps and its divisions. A mention of the Corps is a mention of Xinjiang.
CORPS = re.compile(r"兵团")        # 新疆生产建设兵团, 兵团发展改革委, 兵团政务公开办
CORPS_PROVINCE = "新疆维吾尔自治区"
COUNTY_WORD = re.compile(r"(自治县|自治旗|特区|林区|新区|县|区|市|旗)$")
# Towns that agree on a province before they decide it: one town name can be a word.
MIN_TOWNS = 2


def _automaton(names):
    # Aho-Corasick (pyahocorasick, which cpca itself uses): a regex alternation of several
    # thousand names is ten times slower.
    automaton = ahocorasick.Automaton()
    for name in names:
        automaton.add_word(name, name)
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def region_index():
    """(names -> [Region], provinces by code, an automaton matching any name)."""
    names = defaultdict(list)
    provinces = {}
    for region in load_regions().values():
        short = short_names(region.name)
        if region.level == "province":
            provinces[region.code] = region
        elif region.level == "county":
            # two-character county stems (城关, 新华) are common words, but not before a zone
            stems = {f for f in short if len(f) == 2}
            short = (short - stems) | {stem + zone for stem in stems for zone in ZONES}
        forms = {region.name, *region.former_names, *short}
        for form in forms:
            if len(form) >= 2:
                names[form].append(region)
    return names, provinces, _automaton(names)


@lru_cache(maxsize=1)
def town_index():
    """(town names -> [Region], an automaton matching any)."""
    names = defaultdict(list)
    for town in load_towns().values():
        names[town.name].append(town)
    return names, _automaton(names)


@lru_cache(maxsize=1)
def unit_words():
    """County-level unit words found in one province only (特区, 林区, 旗): their province."""
    names, provinces, _ = region_index()
    where = defaultdict(set)
    for regions in names.values():
        for r in regions:
            m = COUNTY_WORD.search(r.name) if r.level == "county" else None
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


def town_votes(text):
    """Votes (Counter of province code) of the towns the text names, for a text that names no
    larger place (千渭街道、慕仪镇 are of 陈仓区); empty unless MIN_TOWNS distinct town names
    agree on the province that gets most."""
    names, automaton = town_index()
    votes, towns = Counter(), defaultdict(set)
    for _, name in automaton.iter_long(text or ""):
        codes = {t.province_code for t in names[name]}
        for code in codes:
            votes[code] += 1.0 / len(codes)
            towns[code].add(name)
    best = votes.most_common(1)
    return votes if best and len(towns[best[0][0]]) >= MIN_TOWNS else Counter()


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
            prefecture = prefecture or r.prefecture
        elif r.level == "prefecture" and prefecture is None:
            prefecture = r.name
    return prefecture, county


def most_mentioned(text, province, level):
    """The prefecture or county of `province` the text names most often, as a full name
    (a county's mentions count for its prefecture too); None when it names none."""
    counts = Counter()
    for _, _, regions in mentions(text):
        inside = [r for r in regions if r.province == province]
        if len(inside) != 1:
            continue
        r = inside[0]
        if r.level == level:
            counts[r.name] += 1
        elif level == "prefecture" and r.level == "county" and r.prefecture:
            counts[r.prefecture] += 1
    return counts.most_common(1)[0][0] if counts else None
