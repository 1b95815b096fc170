"""The SQLite file: schema, connection settings and the writes of one notice.

SQLModel (kb/models.py) defines the tables; writes go through sqlite3 `executemany`, which
is about 25 times faster than `Session.add_all`. Every notice is written in one
transaction (or savepoint of a batch's transaction), so a crash leaves either the whole
notice or none of it.
"""
import sqlite3
import time
import zlib
from datetime import datetime, timezone
from pathlib import Path

from .problem_types import PROBLEM_TYPES

BUSY_TIMEOUT_MS = 120_000
# Kept in the database's application_id once its schema is complete, so that opening a
# complete database (a re-import with nothing to do) loads neither SQLModel nor the region
# table. Raise the revision (the low bits) with every change to the tables.
SCHEMA_ID = 0x74620000 + 11
# indexes earlier revisions made that no query uses (the writer paid for them on every notice)
UNUSED_INDEXES = ("ix_unit_organization", "ix_problem_count_province", "ix_rate_trend_province")
# The writer's page cache. SQLite's default (2 MB) holds little of the indexes of a big
# database, so each notice's rows, landing all over them, were read and written again and again
# and the import slowed as the database grew.
WRITER_CACHE_KIB = 256 * 1024
# Pages the writer's WAL may hold before they are copied into the database (SQLite's default is
# 1,000). Notices write all over a big database's indexes; copied back four times less often,
# a page written again and again in between is copied once. Measured with bench_scale.py
# --rate-at: 2,000 notices into 100,000 at 0.84 of the rate into 10,000 with 1,000 pages, 0.90
# with 64,000 (256 MiB of WAL at most).
WAL_CHECKPOINT_PAGES = 64000


def connect(path, readonly=False):
    """A connection with the settings every reader and writer needs. Transactions are
    explicit (isolation_level=None): `with transaction(conn):`."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    else:
        conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        _set_wal(conn)                                # readers never block the one writer
        conn.execute("PRAGMA synchronous = NORMAL")   # WAL keeps this safe against crashes
        conn.execute(f"PRAGMA cache_size = -{WRITER_CACHE_KIB}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
    return conn


def _set_wal(conn):
    """PRAGMA journal_mode = WAL, waiting out another connection that is creating the file:
    SQLite answers this pragma 'database is locked' at once rather than through busy_timeout."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


class transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception. IMMEDIATE takes the write
    lock up front, so two importers queue (busy_timeout) instead of failing on upgrade.
    Inside a transaction already (a `batch`), a savepoint: rolled back alone on an
    exception, committed with the batch."""

    def __init__(self, conn):
        self.conn = conn

    def __enter__(self):
        self.nested = self.conn.in_transaction
        self.conn.execute("SAVEPOINT part" if self.nested else "BEGIN IMMEDIATE")
        return self.conn

    def __exit__(self, kind, value, tb):
        if self.nested:
            if kind is not None:
                self.conn.execute("ROLLBACK TO part")
            self.conn.execute("RELEASE part")
        else:
            self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


class batch:
    """One transaction for several notices, committed once `max_notices` are written or
    `max_seconds` have passed (call `due()` after each), or whenever the caller has nothing
    to write (`commit()`): a commit per notice costs about as much CPU as writing the notice.
    A crash loses at most the uncommitted batch, which the next run imports again, as it
    would a single notice."""

    def __init__(self, conn, max_notices=50, max_seconds=0.05):
        self.conn, self.max_notices, self.max_seconds = conn, max_notices, max_seconds
        self.count, self.started = 0, None

    def __enter__(self):
        return self

    def begin(self):
        """Before a write: open the batch's transaction unless it is open."""
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")
            self.count, self.started = 0, time.monotonic()

    def due(self):
        """After each notice: commit if the batch is full or old enough."""
        if self.conn.in_transaction:
            self.count += 1
            if (self.count >= self.max_notices
                    or time.monotonic() - self.started >= self.max_seconds):
                self.commit()

    def commit(self):
        if self.conn.in_transaction:
            self.conn.execute("COMMIT")

    def __exit__(self, kind, value, tb):
        self.commit()     # every notice in it is complete (savepoints), so keep them
        return False


def schema_ddl():
    from sqlalchemy.dialects import sqlite as sqlite_dialect
    from sqlalchemy.schema import CreateIndex, CreateTable
    from sqlmodel import SQLModel

    from . import counts, models, summaries  # noqa: F401  (models registers the tables on SQLModel.metadata)
    dialect = sqlite_dialect.dialect()
    for table in SQLModel.metadata.sorted_tables:
        yield str(CreateTable(table, if_not_exists=True).compile(dialect=dialect))
        for index in sorted(table.indexes, key=lambda i: i.name):
            yield str(CreateIndex(index, if_not_exists=True).compile(dialect=dialect))
    yield from counts.TABLES_DDL
    yield from counts.trigger_ddl()
    yield from summaries.trigger_ddl()


def create_schema(conn, on_reindex=None):
    """Create what is missing, add the columns later revisions added, fill the reference
    tables and see that the search indexes are this tongbao's (`ensure_search_index`); on a
    complete database this writes nothing and loads nothing."""
    if conn.execute("PRAGMA application_id").fetchone()[0] == SCHEMA_ID:
        return
    from . import counts, summaries
    from .regions import load_regions
    existing = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    with transaction(conn):
        columns = {r[1] for r in conn.execute("PRAGMA table_info(notice)")}
        if columns and "granularity" not in columns:      # revision 3: the period as a span
            _add_period_spans(conn)     # before the DDL, which indexes the new column
        if columns and "issuer_key" not in columns:       # revision 5: who issued it, as one key
            _add_issuer_keys(conn)
        if columns and "label" not in columns:            # revision 7: what links to a notice show
            _add_labels(conn)
        columns = {r[1] for r in conn.execute("PRAGMA table_info(import_error)")}
        if columns and "sha256" not in columns:     # revision 2, before the DDL indexes it
            conn.execute("ALTER TABLE import_error ADD COLUMN sha256 VARCHAR")
        if "unit_id" in {r[1] for r in conn.execute("PRAGMA table_info(unit_name)")}:
            conn.execute("DROP TABLE unit_name")        # revision 6: one row per name
        for index in UNUSED_INDEXES:
            conn.execute(f"DROP INDEX IF EXISTS {index}")
        recount = not set(counts.TABLES) <= existing          # revisions 6 and 8
        if recount:
            for trigger in counts.triggers(conn):       # an older tongbao's: they count less
                conn.execute(f"DROP TRIGGER {trigger}")
        for ddl in schema_ddl():
            conn.execute(ddl)
        conn.executemany("INSERT OR IGNORE INTO problem_type(code, label, description) "
                         "VALUES (?, ?, ?)", PROBLEM_TYPES)
        conn.executemany(
            "INSERT OR IGNORE INTO region(code, name, level, province, prefecture, latitude, "
            "longitude) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(r.code, r.name, r.level, r.province, r.prefecture, r.latitude, r.longitude)
             for r in load_regions().values()])
        if recount:
            counts.count_afresh(conn)
        # revisions 4, 6, 9, 10 and 11 (summaries and failure records kept by what an import changed)
        if not set(summaries.SUMMARIES) | set(summaries.TABLES) | set(FAILURE_TABLES) <= existing:
            conn.execute("PRAGMA user_version = 0")     # derived tables out of date: refresh
        conn.execute("DROP TABLE IF EXISTS stale_province")     # before revision 9
        conn.execute("DROP TABLE IF EXISTS stale_unit")         # before revision 10
        ensure_search_index(conn, on_reindex)
        conn.execute(f"PRAGMA application_id = {SCHEMA_ID}")


def _add_period_spans(conn):
    """Revision 3: the notice's period as a span (ingest/period.py), read again from each
    stored notice's text; its findings and rates take the new key (2023-03, not 2023)."""
    from ingest.header import read_header
    for column in ("granularity", "period_start", "period_end"):
        conn.execute(f"ALTER TABLE notice ADD COLUMN {column} VARCHAR")
    conn.execute("CREATE INDEX IF NOT EXISTS ix_notice_granularity ON notice (granularity)")
    for notice_id, text in conn.execute("SELECT id, text FROM notice").fetchall():
        header = read_header(text)
        conn.execute("UPDATE notice SET granularity = ?, period_start = ?, period_end = ?, period_key = ? "
                     "WHERE id = ?", (header["granularity"], header["period_start"], header["period_end"],
                                      header["period_key"], notice_id))
        for table in ("finding", "pass_rate"):
            conn.execute(f"UPDATE {table} SET period_key = ? WHERE notice_id = ?",
                         (header["period_key"], notice_id))
    conn.execute("PRAGMA user_version = 0")     # repeat offenders are derived again from the new keys


def notice_label(row):
    """What a link to the notice shows: its title, else its issuer and period, else its file's name
    (a page saved without its heading has no title)."""
    if row.get("title"):
        return row["title"]
    said = " ".join(row[c] for c in ("issuer", "period_key") if row.get(c))
    return said or Path(row["source_path"]).name


def _add_labels(conn):
    """Revision 7: each stored notice's label, from what its row holds."""
    conn.execute("ALTER TABLE notice ADD COLUMN label VARCHAR")
    rows = conn.execute("SELECT id, title, issuer, period_key, source_path FROM notice").fetchall()
    fields = ("title", "issuer", "period_key", "source_path")
    conn.executemany("UPDATE notice SET label = ? WHERE id = ?",
                     [(notice_label(dict(zip(fields, r[1:]))), r[0]) for r in rows])


def _add_issuer_keys(conn):
    """Revision 5: each stored notice's issuer as one key (kb/units.py issuer_key), from what
    the notice row holds; repeat offenders are derived again, their streaks now per issuer."""
    from .units import issuer_key, notice_context
    conn.execute("ALTER TABLE notice ADD COLUMN issuer_key VARCHAR")
    rows = conn.execute("SELECT id, issuer, title, province, prefecture, county, text FROM notice").fetchall()
    for notice_id, issuer, title, province, prefecture, county, text in rows:
        header = {"issuer": issuer, "title": title, "province": province, "prefecture": prefecture,
                  "county": county}
        conn.execute("UPDATE notice SET issuer_key = ? WHERE id = ?",
                     (issuer_key(issuer, notice_context(header, text)), notice_id))
    conn.execute("PRAGMA user_version = 0")


def ensure_search_index(conn, on_reindex=None):
    """Rebuild a search index that another segmentation built (kb/fts.py `ensure_index`;
    `on_reindex(table)` is told first). Call before writing: it loads jieba's dictionary."""
    from . import fts
    stored = dict(conn.execute("SELECT name, segmenter FROM search_index"))
    if all(stored.get(name) == fts.segmenter() for name, *_ in fts.INDEXES):
        return
    with transaction(conn):
        fts.ensure_index(conn, on_reindex)


def has_notice(conn, sha256):
    return conn.execute("SELECT 1 FROM notice WHERE sha256 = ?", (sha256,)).fetchone() is not None


def failed_before(conn, path, sha256):
    """Whether the file at `path`, with these bytes, is recorded as a failure."""
    return conn.execute("SELECT 1 FROM import_error WHERE path = ? AND sha256 = ?",
                        (str(path), sha256)).fetchone() is not None


NOTICE_COLUMNS = ("source_path", "sha256", "title", "label", "issuer", "issuer_key", "province",
                  "prefecture", "county", "year", "quarter", "period", "granularity", "period_start",
                  "period_end", "period_key", "published", "doc_number", "text")
UNIT_COLUMNS = ("key", "name", "organization", "channel", "province", "prefecture", "county",
                "region_code", "latitude", "longitude")
FINDING_COLUMNS = ("unit_name", "polarity", "problem", "channel", "month", "consecutive_periods",
                   "province", "year", "quarter", "period_key", "section", "evidence", "start",
                   "end")
PASS_RATE_COLUMNS = ("scope", "subject", "checked", "failed", "rate", "province", "year",
                     "quarter", "period_key", "evidence")


def _insert_sql(table, columns):
    names = ", ".join(f'"{c}"' for c in columns)
    return f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"


def write_notice(conn, prepared):
    """Store one prepared notice (see kb/importer.py `prepare`) in one transaction.

    Returns 'skipped' when a notice with the same content hash is stored already, 'replaced'
    when it replaces an earlier version of the same file, else 'added'.
    """
    from . import fts
    notice = prepared["notice"]
    with transaction(conn):
        if has_notice(conn, notice["sha256"]):
            return "skipped"
        old = conn.execute("SELECT id FROM notice WHERE source_path = ?",
                           (notice["source_path"],)).fetchall()
        for (old_id,) in old:
            _delete_notice(conn, old_id)

        now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
        notice_id = conn.execute(_insert_sql("notice", NOTICE_COLUMNS + ("imported_at",)),
                                 [notice[c] for c in NOTICE_COLUMNS] + [now]).lastrowid
        fts.insert(conn, "notice_fts", [(notice_id, *prepared["notice_fts"])])

        unit_ids = {}
        for unit in prepared["units"]:
            if unit["key"] not in unit_ids:
                conn.execute(_insert_sql("unit", UNIT_COLUMNS).replace("INSERT", "INSERT OR IGNORE"),
                             [unit[c] for c in UNIT_COLUMNS])
                unit_ids[unit["key"]] = conn.execute("SELECT id FROM unit WHERE key = ?",
                                                     (unit["key"],)).fetchone()[0]
        aliases = sorted({(f["unit_name"], unit_ids[f["unit_key"]]) for f in prepared["findings"]})
        conn.executemany("INSERT INTO unit_alias(alias, unit_id, notice_id) VALUES (?, ?, ?)",
                         [(alias, uid, notice_id) for alias, uid in aliases])

        # explicit ids (we hold the write lock) so the FTS rows can point at them
        first = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM finding").fetchone()[0]
        findings = prepared["findings"]
        conn.executemany(
            _insert_sql("finding", ("id", "notice_id", "unit_id") + FINDING_COLUMNS),
            [[first + i, notice_id, unit_ids[f["unit_key"]]] + [f[c] for c in FINDING_COLUMNS]
             for i, f in enumerate(findings)])
        fts.insert(conn, "finding_fts", [(first + i, f["unit_name_fts"], f["evidence_fts"])
                                         for i, f in enumerate(findings)])
        conn.execute(FOLD_FAILURES.format(where=" AND f.notice_id = ?"), (notice_id,))
        _note_failures(conn, notice_id, 1)
        conn.executemany(_insert_sql("pass_rate", ("notice_id",) + PASS_RATE_COLUMNS),
                         [[notice_id] + [r[c] for c in PASS_RATE_COLUMNS]
                          for r in prepared["pass_rates"]])
        conn.execute("DELETE FROM import_error WHERE path = ?", (notice["source_path"],))
        return "replaced" if old else "added"


# a notice's negative findings folded into one row per unit (models.UnitNotice); {where}
# narrows the findings (to one notice's as it is written, to none when all are folded afresh)
FOLD_FAILURES = """
    INSERT INTO unit_notice (unit_id, notice_id, period_key, issuer_key, province, findings, stated, problems)
    SELECT f.unit_id, f.notice_id, f.period_key, coalesce(n.issuer_key, ''), f.province, count(*),
      max(coalesce(f.consecutive_periods, 0)), group_concat(DISTINCT nullif(f.problem, ''))
    FROM finding f JOIN notice n ON n.id = f.notice_id
    WHERE +f.polarity = 'negative'{where} GROUP BY f.notice_id, f.unit_id"""


def _delete_notice(conn, notice_id):
    """Remove a notice and everything read from it; units nothing else names go too."""
    units = [r[0] for r in conn.execute("SELECT DISTINCT unit_id FROM unit_alias WHERE notice_id = ?",
                                        (notice_id,))]
    _note_failures(conn, notice_id, -1)
    from . import fts
    fts.unindex(conn, "finding_fts", "notice_id = ?", (notice_id,))
    fts.unindex(conn, "notice_fts", "id = ?", (notice_id,))
    for table in ("finding", "pass_rate", "unit_alias", "unit_notice"):
        conn.execute(f"DELETE FROM {table} WHERE notice_id = ?", (notice_id,))
    conn.execute("DELETE FROM notice WHERE id = ?", (notice_id,))
    conn.executemany(
        "DELETE FROM unit WHERE id = ? AND id NOT IN (SELECT unit_id FROM unit_alias) "
        "AND id NOT IN (SELECT unit_id FROM finding) "
        "AND id NOT IN (SELECT unit_id FROM repeat_offender)", [(u,) for u in units])


def _note_failures(conn, notice_id, sign):
    """Leave word that the failure records of the units the notice found fault with must take in
    its unit_notice rows, written (sign 1) or removed (-1) (the summaries take the rows written
    and removed from triggers, kb/summaries.py)."""
    conn.execute("INSERT INTO failure_change (unit_id, notice_id, sign) "
                 "SELECT unit_id, notice_id, ? FROM unit_notice WHERE notice_id = ?", (sign, notice_id))


def record_error(conn, path, reason, sha256=None):
    """Note a file that failed (with the hash of its bytes, if they could be read),
    replacing what an earlier failure of it said; the same failure again writes nothing."""
    with transaction(conn):
        stored = conn.execute("SELECT reason, sha256 FROM import_error WHERE path = ?",
                              (str(path),)).fetchall()
        if stored == [(reason, sha256)]:
            return
        conn.execute("DELETE FROM import_error WHERE path = ?", (str(path),))
        now = datetime.now(timezone.utc).replace(tzinfo=None).isoformat(sep=" ")
        conn.execute("INSERT INTO import_error(path, reason, sha256, at) VALUES (?, ?, ?, ?)",
                     (str(path), reason, sha256, now))


OFFENDER_COLUMNS = ("unit_id", "unit_name", "organization", "channel", "province",
                    "periods_failed", "longest_streak", "first_failed", "last_failed", "periods",
                    "problems", "provinces", "notices")


def notices_fingerprint(conn):
    """A 31-bit fingerprint of the set of stored notices (their content hashes)."""
    hashes = "".join(r[0] for r in conn.execute("SELECT sha256 FROM notice ORDER BY sha256"))
    return zlib.crc32(hashes.encode()) & 0x7FFFFFFF


# what a unit's repeat_offender row is made from, and what an import leaves word in of its changes
FAILURE_TABLES = ("unit_notice", "unit_failures", "failure_change")
CHANGED_UNITS = "SELECT unit_id FROM failure_change"


def _rewrite(conn, table, columns, stored, wanted):
    """Make `table`'s rows `stored` into `wanted` (tuples of `columns`, the first its key),
    writing only what differs: a row gone is deleted, a new one inserted, and one that changed
    is updated in the columns that changed, so that only the indexes and counts (kb/counts.py
    triggers) of those are touched."""
    key = columns[0]
    before = {row[0]: row for row in stored}
    after = {row[0]: row for row in wanted}
    conn.executemany(f"DELETE FROM {table} WHERE {key} = ?", [(k,) for k in before.keys() - after.keys()])
    conn.executemany(_insert_sql(table, columns), [row for k, row in after.items() if k not in before])
    for k, row in after.items():
        old = before.get(k)
        if old is not None and old != row:
            changed = [i for i, (a, b) in enumerate(zip(old, row)) if a != b]
            conn.execute(f"UPDATE {table} SET {', '.join(f'{columns[i]} = ?' for i in changed)} WHERE {key} = ?",
                         [row[i] for i in changed] + [k])


def replace_offenders(conn, derive):
    """Bring repeat_offender and the summary tables (kb/summaries.py) up to date with the
    notices: `derive(conn, everything)` computes the repeat_offender rows (dicts) of the units
    whose failure records changed (those failure_change notes, or all), keeping unit_failures
    (kb/graph.py `offender_rows`). It runs under the write lock, so an import running
    alongside cannot slip a notice in between reading and writing. True if repeat_offender
    changed.

    Only what changed is derived again: repeat offenders of the units that notices written or
    removed since found fault with (failure_change), the summaries by the rows written and removed (summary_change),
    each noted in the notice's own transaction (so a crashed import's notices are caught up
    with by the next). Everything is derived afresh
    when an upgrade asks for it (user_version 0) or the notices changed without leaving word.
    The fingerprint of the notices the tables were derived from is kept in user_version, so
    an import that changed nothing does nothing here."""
    from . import summaries
    with transaction(conn):
        fingerprint = notices_fingerprint(conn)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        stale = summaries.has_stale(conn)
        if version == fingerprint and not stale:
            return False
        everything = version == 0 or not stale

        def only(column):
            return "" if everything else f" AND {column} IN ({CHANGED_UNITS})"

        if everything:
            conn.execute("DELETE FROM unit_notice")
            conn.execute(FOLD_FAILURES.format(where=""))
        wanted = sorted(tuple(r[c] for c in OFFENDER_COLUMNS)
                        for r in derive(conn, everything))
        stored = sorted(tuple(r) for r in conn.execute(
            f"SELECT {', '.join(OFFENDER_COLUMNS)} FROM repeat_offender WHERE 1{only('unit_id')}"))
        if stored != wanted:
            _rewrite(conn, "repeat_offender", OFFENDER_COLUMNS, stored, wanted)
            # units kept only because they were offenders, now named by no notice
            conn.execute("DELETE FROM unit WHERE NOT EXISTS (SELECT 1 FROM unit_alias a WHERE a.unit_id = unit.id) "
                         "AND NOT EXISTS (SELECT 1 FROM finding f WHERE f.unit_id = unit.id) "
                         "AND NOT EXISTS (SELECT 1 FROM repeat_offender r WHERE r.unit_id = unit.id)"
                         + only("id"))
        summaries.refresh(conn, everything)
        conn.execute(f"PRAGMA user_version = {fingerprint}")
        return stored != wanted
