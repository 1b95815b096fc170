"""Regions as a notice's context places them: the region a name starts with, preferring the
notice's own region.

China's divisions and the ways their names are written are those of ingest's table
(ingest/divisions.py): 黔东南州 for 黔东南苗族侗族自治州, 青海 for 青海省, 泽库 for 泽库县, and
the names of 2015 as well as those of today (沙县 and 沙县区).
"""
from functools import lru_cache

from ingest.divisions import MUNICIPALITIES, Region, load_regions, short_names

__all__ = ["MUNICIPALITIES", "Region", "RegionIndex", "load_regions", "region_index", "short_names"]


class RegionIndex:
    """Find regions by the names notices write for them."""

    def __init__(self, regions=None):
        self.regions = regions or load_regions()
        self.by_full = {}      # 泽库县 → [Region]
        self.by_short = {}     # 泽库 → [Region]
        for region in self.regions.values():
            for name in (region.name, *region.former_names):
                self.by_full.setdefault(name, []).append(region)
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
