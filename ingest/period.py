"""The inspected period as a span: how fine it is, its first and last day where the text fixes
them, and one sortable key per period (one place for the concept: kb keys its rows by it).

    2023年3月份      month    2023-03-01 … 2023-03-31   2023-03
    2023年第四季度    quarter  2023-10-01 … 2023-12-31   2023Q4
    2023年7-9月份    quarter  (a month range that is one calendar quarter)
    2023年下半年      half     2023-07-01 … 2023-12-31   2023H2
    2023年第二次抽查   round    no days unless stated     2023R2
    2023年度         year     2023-01-01 … 2023-12-31   2023
    2023年7月至10月   other    2023-07-01 … 2023-10-31   2023-07/2023-10

Keys sort by year first, and within a year never collide: a month (2023-03), a year (2023),
a half (2023H2), a quarter (2023Q4) and a round (2023R2) are different keys. Within a year
they do not sort by time (2023-12 < 2023Q1 as strings): `order(key)` does, and `ordinal(key)`
numbers the periods of one granularity so that consecutive periods have consecutive numbers
(2023-12 → 2024-01, 2023Q4 → 2024Q1, 2023H1 → 2023H2, 2023R1 → 2023R2).
"""
import re
from calendar import monthrange
from functools import lru_cache
from dataclasses import dataclass

GRANULARITIES = ("year", "half", "quarter", "month", "round", "other")


@dataclass(frozen=True)
class Span:
    granularity: str | None = None    # one of GRANULARITIES; None when the text names no period
    first: str | None = None          # ISO dates of the first and last day
    last: str | None = None
    key: str | None = None            # sortable; None without a year


def of_months(year, first_month, last_month, last_year=None):
    """A span of whole months, named by the granularity it amounts to: 7-9月 is a quarter,
    1-6月 a half, 1-12月 a year, 7-10月 other."""
    last_year = last_year or (year + 1 if year and last_month < first_month else year)
    if last_year == year and (first_month, last_month) == (1, 12):
        return span(year, "year")
    if last_year == year and last_month - first_month == 5 and first_month in (1, 7):
        return span(year, "half", (first_month + 5) // 6)
    if last_year == year and last_month - first_month == 2 and first_month % 3 == 1:
        return span(year, "quarter", (first_month + 2) // 3)
    if last_year == year and first_month == last_month:
        return span(year, "month", first_month)
    if not year:
        return Span("other")
    return Span("other", _first_day(year, first_month), _last_day(last_year, last_month),
                f"{year}-{first_month:02d}/{last_year}-{last_month:02d}")


def span(year, granularity, number=None):
    """The span of a year, of its `number`th half, quarter or month, or of its `number`th
    round of checks (whose days the wording does not fix)."""
    if granularity is None:
        return Span()
    if not year:
        return Span(granularity)
    if granularity == "round":
        return Span("round", key=f"{year}R{number}" if number else None)
    months = {"year": (1, 12), "half": (6 * number - 5, 6 * number) if number else None,
              "quarter": (3 * number - 2, 3 * number) if number else None,
              "month": (number, number) if number else None}[granularity]
    key = {"year": f"{year}", "half": f"{year}H{number}", "quarter": f"{year}Q{number}",
           "month": f"{year}-{number:02d}" if number else None}[granularity]
    if months is None:
        return Span(granularity)
    return Span(granularity, _first_day(year, months[0]), _last_day(year, months[1]), key)


def _first_day(year, month):
    return f"{year:04d}-{month:02d}-01"


def _last_day(year, month):
    return f"{year:04d}-{month:02d}-{monthrange(year, month)[1]:02d}"


_KEY = re.compile(r"^(\d{4})(?:-(\d{2})|([HQR])(\d+))?$")
_PER_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}


def parse_key(key):
    """(granularity, year, number) of a key: ("month", 2023, 3) for 2023-03, ("year", 2023, 1)
    for 2023; ("other", year, None) for a span of months; None for no key."""
    m = _KEY.match(key or "")
    if not m:
        return ("other", int(key[:4]), None) if key and key[:4].isdigit() else None
    year, month, letter, number = m.groups()
    if month:
        return "month", int(year), int(month)
    if letter:
        return {"H": "half", "Q": "quarter", "R": "round"}[letter], int(year), int(number)
    return "year", int(year), 1


# a knowledge base has a few hundred period keys, and each is read again for every unit that
# failed in it (kb/graph.py): the two below keep their answers
@lru_cache(maxsize=4096)
def ordinal(key):
    """(granularity, n): periods of one granularity that follow each other have consecutive
    n. Rounds follow each other within a year only (how many rounds a year had is not known);
    a span of other months follows nothing. None for those and for no key."""
    parts = parse_key(key)
    if parts is None or parts[0] == "other":
        return None
    granularity, year, number = parts
    if granularity == "round":
        return "round", year * 1000 + number   # 2018R3 and 2019R1 are not consecutive
    return granularity, year * _PER_YEAR[granularity] + number - 1


@lru_cache(maxsize=4096)
def order(key):
    """A string that sorts keys by time: by first day, then last (a month before the quarter
    that holds it, the quarter before its year). A round, whose days are not known, sorts
    with its year, after it, rounds in their order. No key sorts last."""
    parts = parse_key(key)
    if parts is None:
        return "~"
    granularity, year, number = parts
    if granularity == "other":            # 2023-11/2024-01
        first, last = key.split("/")
        return f"{first}-01{_last_day(int(last[:4]), int(last[5:]))}"
    if granularity == "round":
        return f"{_first_day(year, 1)}{_last_day(year, 12)}R{number:03d}"
    s = span(year, granularity, number)
    return f"{s.first}{s.last}"
