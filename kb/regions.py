"""China's administrative divisions, from the dataset cpca ships (adcodes.csv: adcode, name,
longitude, latitude for every province, prefecture and county).

Notices rarely write a region's full name: 黔东南州 for 黔东南苗族侗族自治州, 青海 for 青海省,
泽库 for 泽库县. `short_names` derives the written forms by the naming rules of divisions, and
`RegionIndex` finds the region a name starts with, preferring the notice's own region.
"""
import csv
import io
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MUNICIPALITIES = ("11", "12", "31", "50")   # 北京 天津 上海 重庆: provinces that are cities
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


@dataclass(frozen=True)
class Region:
    code: str                  # six-digit adcode
    name: str
    level: str                 # province / prefecture / county
    province: str | None
    prefecture: str | None
    latitude: float | None
    longitude: float | None

    @property
    def province_code(self):
        return self.code[:2] + "0000"

    def within(self, other):
        """True if this region is `other` or lies inside it."""
        depth = {"province": 2, "prefecture": 4, "county": 6}[other.level]
        return self.code[:depth] == other.code[:depth]


@lru_cache(maxsize=1)
def _nationalities():
    text = resources.files("cpca.resources").joinpath("56_nations.csv").read_text("utf-8")
    names = {line.strip() for line in text.splitlines() if line.strip()}
    # 苗族侗族 is also written 苗侗; both the full names and the bare stems occur
    return sorted(names | {n[:-1] for n in names if n.endswith("族") and len(n) > 2},
                  key=len, reverse=True)


def short_names(name):
    """The shorter ways a division's name is written, e.g. 黔东南苗族侗族自治州 → 黔东南州, 黔东南."""
    forms = set()
    m = re.fullmatch(r"(.+?)((?:自治)?(?:州|县|旗)|自治区|特别行政区)", name)
    if m and "自治" in m.group(2):
        stem = m.group(1)
        # strip the nationalities named before 自治 (黔东南|苗族侗族|自治州)
        changed = True
        while changed:
            changed = False
            for nat in _nationalities():
                if stem.endswith(nat) and len(stem) > len(nat):
                    stem, changed = stem[: -len(nat)], True
        kind = m.group(2).replace("自治", "")
        if kind in ("州", "县", "旗"):
            forms.update({stem + kind, stem + m.group(2)})   # 湘西州, 湘西自治州
        forms.add(stem)
    m = re.fullmatch(r"(.{2,}?)(省|市|县|区|地区|盟|林区|矿区|特区)", name)
    if m and "自治" not in name:
        forms.add(m.group(1))
    forms.discard(name)
    return {f for f in forms if len(f) >= 2}


@lru_cache(maxsize=1)
def load_regions():
    """Every division in cpca's dataset, keyed by six-digit code."""
    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text("utf-8")
    rows = [r for r in csv.DictReader(io.StringIO(text)) if r["name"] not in _PLACEHOLDERS]
    names = {r["adcode"][:6]: r["name"] for r in rows}
    regions = {}
    for r in rows:
        code = r["adcode"][:6]
        if code.endswith("0000"):
            level = "province"
        elif code.endswith("00"):
            level = "prefecture"
        else:
            level = "county"
        regions[code] = Region(
            code=code, name=r["name"], level=level,
            province=names.get(code[:2] + "0000"),
            prefecture=names.get(code[:4] + "00") if level == "county" else
            (r["name"] if level == "prefecture" else None),
            latitude=float(r["latitude"]) if r["latitude"] else None,
            longitude=float(r["longitude"]) if r["longitude"] else None)
    return regions


class RegionIndex:
    """Find regions by the names notices write for them."""

    def __init__(self, regions=None):
        self.regions = regions or load_regions()
        self.by_full = {}      # 泽库县 → [Region]
        self.by_short = {}     # 泽库 → [Region]
        for region in self.regions.values():
            self.by_full.setdefault(region.name, []).append(region)
            for form in short_names(region.name):
                self.by_short.setdefault(form, []).append(region)
        self._longest = max(map(len, list(self.by_full) + list(self.by_short)))

    def get(self, code):
        return self.regions.get(code)

    def lookup(self, name, within=None):
        """The region written `name`, the one inside `within` when several share it."""
        found = self.by_full.get(name) or self.by_short.get(name) or []
        return _pick(found, within)

    def parent(self, region):
        if region.level == "county":
            return self.regions.get(region.code[:4] + "00") or self.regions.get(region.province_code)
        if region.level == "prefecture":
            return self.regions.get(region.province_code)
        return None

    def leading(self, text, within=None):
        """The regions `text` starts with, outermost first, and the rest of the text.

        Full names (泽库县) are accepted anywhere in the country, preferring `within`; bare short
        forms (泽库, 青海) only inside `within`'s province, or for provinces, because a short
        form is too often just a word (平安东石 is not in 平安区).
        """
        chain = []
        rest = text
        while rest:
            scope = chain[-1] if chain else within
            hit = self.match_prefix(rest, scope, within)
            if not hit:
                break
            region, length = hit
            if chain and (region == chain[-1] or not region.within(chain[-1])):
                break
            chain.append(region)
            rest = rest[length:]
        return chain, rest

    def match_prefix(self, text, scope, context):
        """(region, length) of the longest region name `text` starts with, or None."""
        near = scope or context
        province = self.regions.get(near.province_code) if near else None
        for length in range(min(len(text), self._longest), 1, -1):
            head = text[:length]
            if head in self.by_full:
                region = _pick(self.by_full[head], scope) or _pick(self.by_full[head], context)
                if region:
                    return region, length
            if head in self.by_short:
                candidates = [r for r in self.by_short[head]
                              if r.level == "province" or (province and r.within(province))]
                region = _pick(candidates, scope) or _pick(candidates, context)
                if region:
                    return region, length
        return None

    def find_in(self, text, within=None):
        """The most specific region named anywhere in `text` (for names such as 健康黔东南)."""
        best = None
        for start in range(len(text)):
            hit = self.match_prefix(text[start:], within, within)
            if hit and (best is None or _depth(hit[0]) > _depth(best)):
                best = hit[0]
        return best


def _depth(region):
    return {"province": 0, "prefecture": 1, "county": 2}[region.level]


def _pick(candidates, within):
    """One region out of candidates: the one inside `within` if any, else the only one."""
    if within is not None:
        inside = [r for r in candidates if r.within(within)]
        if len(inside) == 1:
            return inside[0]
        if inside:
            return min(inside, key=_depth)
        return None if len(candidates) != 1 else candidates[0]
    return candidates[0] if len(candidates) == 1 else None


@lru_cache(maxsize=1)
def region_index():
    return RegionIndex()
