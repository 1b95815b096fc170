"""The knowledge base schema: one SQLModel table per thing a researcher browses.

Bulk writes go through sqlite3/SQLAlchemy core for speed (see kb/store.py); these classes
define the tables, their columns and indexes.
"""
from datetime import datetime
from typing import Optional

from sqlalchemy import Index, text
from sqlmodel import Field, SQLModel


class Notice(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    source_path: str = Field(index=True)
    sha256: str = Field(index=True, unique=True)
    title: Optional[str] = None
    label: Optional[str] = None            # what links to it show: title, else issuer and period key
    issuer: Optional[str] = None
    # the issuer's identity (kb/units.py issuer_key): region code|body, the body empty for the
    # region's government; one issuer's notices of one granularity are a series
    issuer_key: Optional[str] = Field(default=None, index=True)
    province: Optional[str] = Field(default=None, index=True)
    prefecture: Optional[str] = Field(default=None, index=True)
    county: Optional[str] = None
    year: Optional[int] = Field(default=None, index=True)
    quarter: Optional[int] = Field(default=None, index=True)
    period: Optional[str] = None           # the notice's own wording, e.g. 2020年第四季度
    granularity: Optional[str] = Field(default=None, index=True)  # year half quarter month round other
    period_start: Optional[str] = None     # ISO date of the period's first day, where the text fixes it
    period_end: Optional[str] = None       # and of its last
    period_key: Optional[str] = Field(default=None, index=True)  # ingest/period.py: 2023-03, 2023Q4, 2023R2
    published: Optional[str] = None        # ISO date
    doc_number: Optional[str] = None       # 文号
    text: str = ""                         # clean simplified text
    imported_at: datetime = Field(default_factory=datetime.utcnow)


class Region(SQLModel, table=True):
    code: str = Field(primary_key=True)    # administrative division code (adcode)
    name: str = Field(index=True)
    level: str                             # province / prefecture / county
    province: Optional[str] = Field(default=None, index=True)
    prefecture: Optional[str] = None
    latitude: Optional[float] = None
    longitude: Optional[float] = None


class Unit(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    key: str = Field(unique=True)          # identity (kb/units.py): region code|body|channel
    name: str = Field(index=True)          # canonical name, e.g. 青海省民宗委
    organization: str                      # the body behind the site or account
    channel: str = Field(index=True)       # website, wechat, weibo, … organization
    province: Optional[str] = Field(default=None, index=True)
    prefecture: Optional[str] = Field(default=None, index=True)
    county: Optional[str] = None
    region_code: Optional[str] = Field(default=None, foreign_key="region.code", index=True)
    latitude: Optional[float] = None
    longitude: Optional[float] = None


class UnitAlias(SQLModel, table=True):
    __tablename__ = "unit_alias"
    id: Optional[int] = Field(default=None, primary_key=True)
    alias: str = Field(index=True)         # a name as some notice wrote it
    unit_id: int = Field(foreign_key="unit.id", index=True)
    notice_id: Optional[int] = Field(default=None, foreign_key="notice.id", index=True)


class ProblemType(SQLModel, table=True):
    __tablename__ = "problem_type"
    code: str = Field(primary_key=True)
    label: str                             # 中文, e.g. 更新不及时
    description: str


class Finding(SQLModel, table=True):
    # a page narrowed to a province sorts by period and counts its facets from this index
    # alone, without reading the rows (tens of thousands of them in a big province)
    __table_args__ = (Index("ix_finding_province_facets", "province", "period_key", "year",
                            "quarter", "problem", "channel", "polarity"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    notice_id: int = Field(foreign_key="notice.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    unit_name: str                         # the name as this notice wrote it
    polarity: str = Field(index=True)      # negative / positive
    problem: Optional[str] = Field(default=None, foreign_key="problem_type.code", index=True)
    channel: str = Field(index=True)
    month: Optional[int] = None
    consecutive_periods: Optional[int] = None  # 连续N个季度不合格, as the notice states it
    province: Optional[str] = None   # copied from the notice for facets; see the index above
    year: Optional[int] = Field(default=None, index=True)
    quarter: Optional[int] = Field(default=None, index=True)
    period_key: Optional[str] = Field(default=None, index=True)
    section: Optional[str] = None
    evidence: Optional[str] = None
    start: Optional[int] = None            # offsets of the evidence in notice.text
    end: Optional[int] = None


class PassRate(SQLModel, table=True):
    __tablename__ = "pass_rate"
    # rate_trend recounts the groups an import touched (kb/summaries.py)
    __table_args__ = (Index("ix_pass_rate_trend", "province", "period_key", "scope"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    notice_id: int = Field(foreign_key="notice.id", index=True)
    scope: str = Field(index=True)         # website / new_media / overall
    subject: Optional[str] = None
    checked: Optional[int] = None
    failed: Optional[int] = None
    rate: float
    province: Optional[str] = Field(default=None, index=True)
    year: Optional[int] = Field(default=None, index=True)
    quarter: Optional[int] = Field(default=None, index=True)
    period_key: Optional[str] = Field(default=None, index=True)
    evidence: Optional[str] = None


class ImportError_(SQLModel, table=True):
    __tablename__ = "import_error"
    id: Optional[int] = Field(default=None, primary_key=True)
    path: str = Field(index=True)
    reason: str
    sha256: Optional[str] = Field(default=None, index=True)   # of the bytes that failed
    at: datetime = Field(default_factory=datetime.utcnow)


class SearchIndex(SQLModel, table=True):
    """Which segmentation built each full-text index (kb/fts.py)."""
    __tablename__ = "search_index"
    name: str = Field(primary_key=True)      # finding_fts, notice_fts
    segmenter: str


# --- summaries: what the canned queries and charts count, kept by the import (kb/summaries.py),
# since counting two million findings on each page view is too slow; each indexed in the order
# its canned query reads it, a page at a time


class ProblemCount(SQLModel, table=True):
    """Negative findings per province, year and problem, and the units they concern."""
    __tablename__ = "problem_count"
    __table_args__ = (Index("ix_problem_count_order", "province", "year", text("findings DESC"),
                            "problem"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    province: Optional[str] = None
    year: Optional[int] = None
    problem: Optional[str] = None
    findings: int
    units: int


class PeriodCount(SQLModel, table=True):
    """Notices per province and period, with the findings and pass rates they state."""
    __tablename__ = "period_count"
    __table_args__ = (Index("ix_period_count_order", "province", "period_key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    province: Optional[str] = None
    period_key: Optional[str] = None
    notices: int
    findings: int
    negative_findings: int
    pass_rates: int


class FailingUnit(SQLModel, table=True):
    """Each unit with negative findings, once per province of the notices that state them."""
    __tablename__ = "failing_unit"
    id: Optional[int] = Field(default=None, primary_key=True)
    unit_id: int = Field(index=True)
    province: Optional[str] = Field(default=None, index=True)
    negative_findings: int


class RegionFailing(SQLModel, table=True):
    """Per region (the seat of failing units): who failed there, for what and when."""
    __tablename__ = "region_failing"
    __table_args__ = (Index("ix_region_failing_order", text("failing_units DESC"),
                            text("negative_findings DESC"), "region_code"),)
    region_code: str = Field(primary_key=True)
    failing_units: int
    negative_findings: int
    units: str
    problems: Optional[str] = None
    first_period: Optional[str] = None
    last_period: Optional[str] = None


class RateTrend(SQLModel, table=True):
    """Stated pass rates per province, period and scope: how many, their mean, lowest, highest."""
    __tablename__ = "rate_trend"
    __table_args__ = (Index("ix_rate_trend_order", "province", "period_key", "scope"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    province: Optional[str] = None
    period_key: str = Field(index=True)
    scope: str
    rates: int
    mean_rate: float
    lowest: float
    highest: float


class UnitName(SQLModel, table=True):
    """Every name a unit goes by, its canonical one and those notices used, once."""
    __tablename__ = "unit_name"
    name: str = Field(primary_key=True)


class UnitNamed(SQLModel, table=True):
    """Which units go by each name (their canonical one and those notices used), and how many
    rows give it (the unit's own and its aliases): unit_history's way from names to units."""
    __tablename__ = "unit_named"
    __table_args__ = {"sqlite_with_rowid": False}
    name: str = Field(primary_key=True)
    unit_id: int = Field(primary_key=True)
    n: int


# --- what the derived tables must take in: left by each notice written or removed, in its own
# transaction, and cleared once taken in (kb/store.py `replace_offenders`, kb/summaries.py `refresh`)


class SummaryChange(SQLModel, table=True):
    """A row written (sign 1) or removed (sign -1): a notice, finding or pass rate, with what
    the summaries group it by (written by triggers, kb/summaries.py)."""
    __tablename__ = "summary_change"
    id: Optional[int] = Field(default=None, primary_key=True)
    kind: str                              # notice, finding, rate
    sign: int
    notice_province: Optional[str] = None  # the notice's, which period_count groups by
    notice_period_key: Optional[str] = None
    province: Optional[str] = None         # the row's own
    year: Optional[int] = None
    problem: Optional[str] = None
    negative: Optional[int] = None         # a negative finding: 1
    unit_id: Optional[int] = None
    region_code: Optional[str] = None      # the unit's
    period_key: Optional[str] = None
    scope: Optional[str] = None            # a pass rate's


class FailureChange(SQLModel, table=True):
    """A unit_notice row written (sign 1) or removed (sign -1): whose failure record to bring up
    to date (kb/graph.py), and by what."""
    __tablename__ = "failure_change"
    id: Optional[int] = Field(default=None, primary_key=True)
    unit_id: int
    notice_id: int
    sign: int


# --- how many negative findings each unit has in a group of a summary: what lets an import
# add to the summaries counts of distinct units, names and periods instead of recounting them


class ProblemUnit(SQLModel, table=True):
    __tablename__ = "problem_unit"
    __table_args__ = (Index("ix_problem_unit_key", "province", "year", "problem", "unit_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    province: Optional[str] = None
    year: Optional[int] = None
    problem: Optional[str] = None
    unit_id: int
    n: int


class RegionUnit(SQLModel, table=True):
    __tablename__ = "region_unit"
    __table_args__ = (Index("ix_region_unit_key", "region_code", "unit_id"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    region_code: str
    unit_id: int
    n: int


class RegionProblem(SQLModel, table=True):
    __tablename__ = "region_problem"
    __table_args__ = (Index("ix_region_problem_key", "region_code", "problem"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    region_code: str
    problem: Optional[str] = None
    n: int


class RegionPeriod(SQLModel, table=True):
    __tablename__ = "region_period"
    __table_args__ = (Index("ix_region_period_key", "region_code", "period_key"),)
    id: Optional[int] = Field(default=None, primary_key=True)
    region_code: str
    period_key: Optional[str] = None
    n: int


class UnitNotice(SQLModel, table=True):
    """A unit's negative findings in one notice, folded into one row: what its failure record
    (kb/graph.py) is made of. Rows are stored in unit order, so a unit's record is one short
    read of this table however many findings it has; written and removed with the notice
    (kb/store.py)."""
    __tablename__ = "unit_notice"
    __table_args__ = {"sqlite_with_rowid": False}
    unit_id: int = Field(primary_key=True)
    notice_id: int = Field(primary_key=True, index=True)
    period_key: Optional[str] = None       # the notice's, as its findings carry it
    issuer_key: str                        # the notice's ('' if none)
    province: Optional[str] = None         # the findings'
    findings: int
    stated: int                            # the longest streak a finding stated (0: none)
    problems: Optional[str] = None         # the findings' problem codes, comma-separated


class UnitFailures(SQLModel, table=True):
    """Each failing unit's failure record in the form more notices add to (kb/graph.py
    `Failures`, as JSON): what its repeat_offender row is made from."""
    __tablename__ = "unit_failures"
    unit_id: int = Field(primary_key=True)
    state: str


class RepeatOffender(SQLModel, table=True):
    """Derived by kb/graph.py: units that failed in more than one period (or a stated streak)."""
    __tablename__ = "repeat_offender"
    # repeat_offenders_by_province reads them in this order, and stops after a page
    __table_args__ = (Index("ix_repeat_offender_by_province", "province", text("periods_failed DESC"),
                            text("longest_streak DESC"), "unit_name"),)
    unit_id: int = Field(primary_key=True, foreign_key="unit.id")
    unit_name: str = Field(index=True)
    organization: str
    channel: str
    province: Optional[str] = Field(default=None, index=True)
    periods_failed: int = Field(index=True)
    longest_streak: int = Field(index=True)  # consecutive periods of one issuer's series, stated ones included
    first_failed: Optional[str] = None       # period_key
    last_failed: Optional[str] = None
    periods: str                             # comma-separated period keys
    problems: str                            # comma-separated problem codes
    provinces: str
    notices: int
