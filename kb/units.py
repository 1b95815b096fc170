"""One identity per unit across notices.

A notice writes a unit as it pleases: 省药品监管局 or 青海省药品监督管理局政府网站,
州自然资源局 or 黔东南州自然资源局(政务微博). `UnitResolver.resolve` reads such a name in its
notice's context and returns the unit's identity: the region it belongs to (from the table of
divisions, ingest/divisions.py), its body with abbreviations spelled out, and its channel. Two
names with the same identity key are one unit; units with the same organisation are the sites
and accounts of one body.
"""
import re
from dataclasses import dataclass
from functools import lru_cache

from nlp import lexicon

from .regions import MUNICIPALITIES, region_index

# Trailing words that name the channel rather than the unit (checked longest first): the
# parser's table, plus short forms that end a name only here, where the name is already cut
# (the parser must not cut 海东市政府网 at 政府网: that is an account's whole name).
CHANNEL_WORDS = {**dict(lexicon.CHANNEL_WORDS),
                 "微信公众平台": "wechat", "政务抖音": "douyin", "头条": "toutiao",
                 "门户网": "website", "政府网": "website", "官网": "website"}
_CHANNEL_TAIL = re.compile("(" + "|".join(sorted(map(re.escape, CHANNEL_WORDS), key=len,
                                               reverse=True)) + ")$")
_BRACKETED = re.compile(r"[(（]([^()（）]*)[)）]$")

# What a notice calls a region's government: the region itself is the unit.
_GOVERNMENT = re.compile(r"^(人民政府|政府|政务)$")
# A zone named after a place (平潭综合实验区, 无锡经济开发区) is a name of its own: the place in it
# is kept as written, not spelled as the county or city of the same stem (平潭县).
_ZONE = re.compile(r"^(综合实验区|综合试验区|实验区|试验区|新区|高新区|[^区]{0,6}开发区|"
                   r"[^区]{0,4}园区|保税区|自贸区|自由贸易试验区|示范区)")

# Abbreviations of government bodies and their full forms. Applied to the part of a name
# after its region, in order; the key drops 和 so that 人力资源社会保障厅 and
# 人力资源和社会保障厅 agree.
ABBREVIATIONS = [
    (r"发改(委|局)", r"发展和改革\1"),
    (r"发展改革(委|局)", r"发展和改革\1"),
    (r"人社(厅|局)", r"人力资源和社会保障\1"),
    (r"人力社保(厅|局)", r"人力资源和社会保障\1"),
    (r"人力资源社会保障", "人力资源和社会保障"),
    (r"民宗委|民族宗教委|民族宗教事务委", "民族宗教事务委"),
    (r"住建(厅|局|委)", r"住房和城乡建设\1"),
    (r"住房城乡建设", "住房和城乡建设"),
    (r"卫健(委|局)", r"卫生健康\1"),
    (r"工信(厅|局)", r"工业和信息化\1"),
    (r"经信(局|委)", r"经济和信息化\1"),
    (r"科技(厅|局)$", r"科学技术\1"),
    (r"医保局", "医疗保障局"),
    (r"文广旅(游)?局", "文化广播电视和旅游局"),
    (r"文旅局", "文化和旅游局"),
    (r"广电局", "广播电视局"),
    (r"教体局", "教育和体育局"),
    (r"林草局", "林业和草原局"),
    (r"退役军人局", "退役军人事务局"),
    (r"应急局", "应急管理局"),
    (r"国资委", "国有资产监督管理委"),
    (r"环保(厅|局)", r"环境保护\1"),
    (r"国土(厅|局)", r"国土资源\1"),
    (r"工商局", "工商行政管理局"),
    (r"质监局", "质量技术监督局"),
    (r"食药监局", "食品药品监督管理局"),
    (r"安监局", "安全生产监督管理局"),
    (r"(药品|市场|金融|食品药品)监管(局|委)", r"\1监督管理\2"),
    (r"^市监(管)?局$", "市场监督管理局"),
    (r"(?<!食)药监局", "药品监督管理局"),    # after 食药监局, a body of its own
    # bodies named 事务/服务 + 管理局, shortened by dropping 管理 as 应急局 is; 政务服务局
    # is not 政务服务和大数据管理局, whose short forms keep 数据 (政务服务数据局, 政数局)
    (r"(机关事务|政务服务)局", r"\1管理局"),
    (r"(住房)?公积金(管理)?中心", "住房公积金管理中心"),
    (r"人防(办)?$", "人民防空办公室"),
    (r"^教委$", "教育委"),
    (r"^(人民)?政府办公厅$", "人民政府办公厅"),
    (r"^(人民)?政府办(公室)?$", "人民政府办公室"),
    (r"^(人民)?政府(?!办)(?=..)", ""),      # 省政府扶贫办 is the province's 扶贫办
    (r"(党工委)?管委会$", "管理委员会"),      # a zone's joint party and government body: its 管委会
    (r"办$", "办公室"),
    (r"委$", "委员会"),
]
_ABBREVIATIONS = [(re.compile(p), r) for p, r in ABBREVIATIONS]

# A name ending in one of these is a body (a department, a town, an office); a name that
# does not is an account's own brand (健康黔东南, 钒钛之光).
_BODY = re.compile(r"(局|厅|委|委员会|办公室|办|中心|站|所|院|馆|队|会|社|处|部|镇|乡|街道|"
                   r"苏木|政府|管委会|集团|公司|学校|大学|监狱)$")

# A leading 省/市/州/县/区 stands for the notice's own region of that level
# (not the 市 of 市场监管局, 市政).
_LEVEL_PREFIX = re.compile(r"^(自治区|省|市(?!场|监|容|政(?!府|务))|州|盟|县|区|旗)(?=.)")


@lru_cache(maxsize=1)
def _t2s():
    import opencc
    return opencc.OpenCC("t2s")


def to_simplified(text):
    return _t2s().convert(text)


def split_channel(name):
    """The name without trailing channel words and the channel they name (or None)."""
    name = re.sub(r"\s+", "", to_simplified(name))
    name = re.sub(r"^[^\w(（《“]+", "", name)      # a bullet a page put before it (●福建省…)
    channel = None
    while True:
        m = _BRACKETED.search(name)
        if m and (not m.group(1) or _CHANNEL_TAIL.search(m.group(1))):
            inner = _CHANNEL_TAIL.search(m.group(1))
            channel = channel or (CHANNEL_WORDS[inner.group(1)] if inner else None)
            name = name[: m.start()]
            continue
        m = _CHANNEL_TAIL.search(name)
        if m and len(name) > len(m.group(1)) + 1:
            channel = channel or CHANNEL_WORDS[m.group(1)]
            name = name[: m.start()]
            continue
        # 白沙人口网, 潜江教育信息网: a site named …网 is the same as …网站
        if name.endswith("网") and len(name) > 3:
            channel = channel or "website"
            name = name[:-1]
            continue
        return name, channel


@lru_cache(maxsize=16384)
def expand(body):
    """A body's name with its abbreviations spelled out (民宗委 → 民族宗教事务委员会)."""
    for pattern, full in _ABBREVIATIONS:
        body = pattern.sub(full, body)
    return body


def body_key(body):
    return expand(body).replace("和", "")


def display_name(region):
    """A region as notices usually write it: 黔东南州 for 黔东南苗族侗族自治州."""
    if region.level != "province" and "自治" in region.name:
        from .regions import short_names
        forms = [f for f in short_names(region.name) if f[-1] in "州县旗"]
        if forms:
            return min(forms, key=len)
    return region.name


@dataclass(frozen=True)
class Context:
    """The regions a notice is about: where its 省, 市 and 县 point."""
    province: object = None     # Region or None
    prefecture: object = None
    county: object = None

    @property
    def lowest(self):
        return self.county or self.prefecture or self.province

    def for_level(self, word):
        """The region a leading 省/市/州/县/区 stands for."""
        if word in ("省", "自治区"):
            return self.province
        if word == "市":
            if self.prefecture and self.prefecture.name.endswith("市"):
                return self.prefecture
            if self.province and self.province.code[:2] in MUNICIPALITIES:
                return self.province
            if self.county and self.county.name.endswith("市"):
                return self.county
            return None
        if word in ("州", "盟"):
            return self.prefecture if self.prefecture and (
                word in self.prefecture.name or self.prefecture.name.endswith("地区")) else None
        if word in ("县", "区", "旗") and self.county and word in self.county.name:
            return self.county
        return None


def notice_context(header, text=""):
    """The notice's regions: from its header, completed from its text where the header leaves
    a level open that the issuer speaks for (州政府政务信息中心 in a 贵州 notice: which 州?)."""
    index = region_index()
    province = index.lookup(header.get("province")) if header.get("province") else None
    prefecture = index.lookup(header.get("prefecture"), province) if header.get("prefecture") else None
    county = index.lookup(header.get("county"), prefecture or province) if header.get("county") else None
    if not (province or prefecture or county):
        # not the text: a national notice lists provinces there, and is about none of them
        for probe in (header.get("issuer") or "", header.get("title") or ""):
            found = index.find_in(probe)
            if found:
                province, prefecture, county = _levels(index, found)
                break
    issuer = header.get("issuer") or header.get("title") or ""
    m = _LEVEL_PREFIX.match(issuer)
    if m and province and text:
        level = "county" if m.group(1) in ("县", "区", "旗") else "prefecture"
        if level == "prefecture" and not prefecture and province.code[:2] not in MUNICIPALITIES:
            prefecture = _most_named(index, text, province, 4)
        elif level == "county" and not county:
            county = _most_named(index, text, prefecture or province, 6)
    if county and not prefecture:
        parent = index.parent(county)
        prefecture = parent if parent and parent.level == "prefecture" else None
    if (prefecture or county) and not province:
        province = index.get((prefecture or county).province_code)
    return Context(province, prefecture, county)


def _levels(index, region):
    levels = {"province": None, "prefecture": None, "county": None}
    while region:
        levels[region.level] = region
        region = index.parent(region)
    return levels["province"], levels["prefecture"], levels["county"]


def _most_named(index, text, within, depth):
    """The region of the given code depth (4 prefecture, 6 county) named most in the text."""
    counts = {}
    start = 0
    while start < len(text):
        hit = index.match_prefix(text[start:start + 24], within, within)
        if hit and hit[0].within(within) and hit[0].level != "province":
            code = hit[0].code[:depth].ljust(6, "0")
            if index.get(code) and index.get(code).level == ("prefecture" if depth == 4 else "county"):
                counts[code] = counts.get(code, 0) + 1
            start += hit[1]
        else:
            start += 1
    return index.get(max(counts, key=counts.get)) if counts else None


@dataclass(frozen=True)
class UnitIdentity:
    key: str                    # equal keys = one unit
    name: str                   # canonical name, e.g. 青海省药品监督管理局
    organization: str           # the body behind the site or account
    channel: str
    province: str | None
    prefecture: str | None
    county: str | None
    region_code: str | None
    latitude: float | None
    longitude: float | None


class UnitResolver:
    def __init__(self):
        self.index = region_index()

    def resolve(self, written, channel, context):
        """The identity of the unit a notice writes as `written`, on `channel`."""
        base, hinted = split_channel(written)
        if channel in (None, "", "new_media") and hinted:
            channel = hinted
        channel = channel or "organization"

        chain, body = self.index.leading(base, context.lowest or context.province)
        region = chain[-1] if chain else None
        if region is None:
            m = _LEVEL_PREFIX.match(base)
            if m and context.for_level(m.group(1)):
                region, body = context.for_level(m.group(1)), base[m.end():]
        if _GOVERNMENT.match(body):
            body = ""
        is_body = not body or bool(_BODY.search(expand(body)))
        if region is None and is_body:
            region = context.lowest          # 司法局 in a county's notice is that county's
        brand_region = None
        if region is None:
            brand_region = self.index.find_in(base, context.province) or context.province

        place = region or brand_region
        if region is not None and is_body:
            place_name = base[:len(base) - len(body)] if _ZONE.match(body) else display_name(region)
            name = place_name + expand(body)
        else:
            name = base                      # an account's brand: 黔东南民政, 健康黔东南
        code = place.code if place else ""
        key = f"{code}|{body_key(body) if region is not None else body_key(base)}|{channel}"
        return UnitIdentity(
            key=key, name=name, organization=name, channel=channel,
            province=place.province if place else None,
            prefecture=place.prefecture if place else None,
            county=place.name if place and place.level == "county" else None,
            region_code=place.code if place else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None)


@lru_cache(maxsize=1)
def unit_resolver():
    return UnitResolver()


# The bodies through which a region's government issues its notices: they and the government
# are one issuer (青海省人民政府, 省政府办公厅, 青海省人民政府办公厅).
_GOVERNMENT_OFFICE = re.compile(r"^(人民政府办公厅|人民政府办公室)?$")


def issuer_key(issuer, context, resolver=None):
    """One key for the body that issued a notice, however the notice writes it: the code of
    its region and its body as a unit's identity has them (kb/units.py), the body empty for
    the region's government, which also stands for a notice that names no issuer. A notice
    series is one issuer's notices of one granularity (kb/graph.py)."""
    if not issuer:
        return f"{context.lowest.code if context.lowest else ''}|"
    code, body, _ = (resolver or unit_resolver()).resolve(issuer, "organization", context).key.split("|")
    return f"{code}|{'' if _GOVERNMENT_OFFICE.match(body) else body}"
