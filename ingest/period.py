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
a half (2023H2), a quarter (2023Q4) and a round (2023R2) are different keys.
"""
from calendar import monthrange
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
