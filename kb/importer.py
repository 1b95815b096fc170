"""`tongbao import`: notices in, knowledge base out.

Worker processes read and parse (forked after the main process loaded the Parser, so they
share it); the main process is the only writer, committing notices in short batches. Files stream through a bounded window, so memory does not grow with the corpus.
A file whose content hash is stored already is not even parsed; a changed file replaces
its notice; a file that fails is recorded in import_error and the import goes on.
"""
import gc
import hashlib
import multiprocessing
import re
import sqlite3
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from . import store
from .fts import segment
from .problem_types import CODES
from .units import notice_context, unit_resolver

CHANNELS = {"website", "wechat", "weibo", "douyin", "toutiao", "app", "miniprogram",
            "new_media", "organization"}


def period_key(header):
    """A sortable key for the inspected period: 2020Q4, 2020H2, 2020 (None without a year)."""
    year, quarter, period = header.get("year"), header.get("quarter"), header.get("period") or ""
    if not year:
        return None
    if quarter:
        return f"{year}Q{quarter}"
    if re.search(r"上半年", period):
        return f"{year}H1"
    if re.search(r"下半年", period):
        return f"{year}H2"
    return str(year)


def prepare(notice, record, resolver=None):
    """The rows one notice becomes, with units resolved and text segmented for search; plain
    data, so a worker can hand it to the writer."""
    resolver = resolver or unit_resolver()
    header = {**notice.header, **{k: v for k, v in (record.get("notice") or {}).items()
                                   if v is not None}}
    context = notice_context(header, notice.text)
    key = period_key(header)
    source = str(Path(notice.path).resolve())
    row = {c: header.get(c) for c in store.NOTICE_COLUMNS}
    row.update(source_path=source, sha256=notice.sha256, period_key=key, text=notice.text,
               province=header.get("province") or (context.province.name if context.province else None))
    facets = {"province": row["province"], "year": header.get("year"),
              "quarter": header.get("quarter"), "period_key": key}

    # the text first: its evidence sentences then come from segment's cache
    notice_fts = (segment(row["title"]), segment(notice.text))
    units, findings = {}, []
    for f in record.get("findings") or []:
        name = (f.get("unit") or "").strip()
        if not name:
            raise ValueError("a finding without a unit name")
        problem = f.get("problem")
        if problem is not None and problem not in CODES:
            raise ValueError(f"unknown problem code {problem!r} for {name}")
        channel = f.get("channel")
        if channel is not None and channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r} for {name}")
        identity = resolver.resolve(name, channel, context)
        units.setdefault(identity.key, {c: getattr(identity, c) for c in store.UNIT_COLUMNS})
        evidence = f.get("evidence")
        findings.append({
            "unit_key": identity.key, "unit_name": name, "polarity": f.get("polarity") or "negative",
            "problem": problem, "channel": identity.channel, "month": f.get("month"),
            "consecutive_periods": f.get("consecutive_periods"), "section": f.get("section"),
            "evidence": evidence, "start": f.get("start"), "end": f.get("end"), **facets,
            "unit_name_fts": segment(name), "evidence_fts": segment(evidence)})
    rates = [{"scope": r.get("scope") or "overall", "subject": r.get("subject"),
              "checked": r.get("checked"), "failed": r.get("failed"), "rate": r["rate"],
              "evidence": r.get("evidence"), **facets}
             for r in record.get("pass_rates") or [] if r.get("rate") is not None]
    return {"notice": row, "notice_fts": notice_fts,
            "units": list(units.values()), "findings": findings, "pass_rates": rates}


# --- worker side -------------------------------------------------------------------------

_worker = {}


def _init_worker():
    """Load the Parser, the unit resolver and jieba once per process (before the pool forks,
    or in the one process of --jobs 1)."""
    from nlp import Parser
    _worker["parser"] = Parser()
    _worker["resolver"] = unit_resolver()
    segment("")


def _process(path):
    """('prepared', path, rows) | ('failed', path, reason)."""
    from ingest import IngestError, load_notice
    if not _worker:
        _init_worker()
    try:
        notice = load_notice(path)
        record = _worker["parser"].parse(notice)
        return ("prepared", str(path), prepare(notice, record, _worker["resolver"]))
    except IngestError as e:
        return ("failed", str(path), e.reason)
    except Exception as e:  # a parser or resolver bug must not stop the import
        return ("failed", str(path), f"{type(e).__name__}: {e}")


def _pool(jobs):
    """Workers forked from this process after it loaded the parser, so they share its pages
    (jieba's dictionaries, spaCy, the resolver) copy-on-write instead of each loading its
    own. gc.freeze keeps the collector from writing to those objects and unsharing them."""
    if not _worker:
        _init_worker()
    gc.freeze()
    return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))


def _results(paths, conn, jobs, before_waiting=None):
    """A result per file, in file order. Files whose content is stored already are skipped
    here by their hash, without parsing (so re-importing an unchanged corpus is quick);
    the others are parsed by up to `jobs` workers, a few files in flight per worker.
    `before_waiting()` is called when the next result is not ready yet."""
    pool = None
    window = deque()        # (path, result or Future)

    def settle(path, item):
        nonlocal pool
        if not isinstance(item, Future):
            return item
        if before_waiting and not item.done():
            before_waiting()
        try:
            return item.result()
        except BrokenProcessPool as e:   # a worker died (killed, out of memory): start afresh
            pool = None
            return ("failed", path, f"the worker parsing it died: {e}")

    try:
        for path in paths:
            try:
                sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError as e:
                window.append((path, ("failed", str(path), f"cannot read file: {e.strerror or e}")))
            else:
                if store.has_notice(conn, sha):
                    window.append((path, ("skipped", str(path))))
                elif jobs <= 1:
                    window.append((path, _process(path)))
                else:
                    pool = pool or _pool(jobs)
                    window.append((path, pool.submit(_process, path)))
            while window and (not isinstance(window[0][1], Future) or window[0][1].done()
                              or len(window) >= jobs * 4):
                yield settle(*window.popleft())
        while window:
            yield settle(*window.popleft())
    finally:
        if pool:
            pool.shutdown(cancel_futures=True)


# --- writer side -------------------------------------------------------------------------

@dataclass
class Summary:
    files: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    findings: int = 0
    offenders_changed: bool = False
    failures: list = field(default_factory=list)   # (path, reason)
    seconds: float = 0.0


def import_paths(paths, db_path, jobs=1, on_progress=None):
    """Import every notice under `paths` into the database; then rebuild repeat_offender.
    `on_progress(summary)` is called after each file."""
    from ingest import iter_files

    from .graph import offender_rows
    started = time.monotonic()
    conn = store.connect(db_path)
    store.create_schema(conn)
    summary = Summary()
    try:
        with store.batch(conn) as writes:
            # commit whenever the workers keep the writer waiting, so batches grow only
            # when the writer falls behind
            for result in _results(iter_files(paths), conn, jobs, before_waiting=writes.commit):
                summary.files += 1
                kind, path = result[0], result[1]
                if kind == "prepared":
                    writes.begin()
                    try:
                        kind = store.write_notice(conn, result[2])
                    except sqlite3.IntegrityError as e:   # rows the schema refuses: the file's fault
                        kind, result = "failed", ("failed", path, f"cannot store: {e}")
                if kind == "failed":
                    summary.failed += 1
                    summary.failures.append((path, result[2]))
                    writes.begin()
                    store.record_error(conn, path, result[2])
                elif kind == "skipped":
                    summary.unchanged += 1
                else:
                    setattr(summary, kind, getattr(summary, kind) + 1)
                    summary.findings += len(result[2]["findings"])
                writes.due()
                if on_progress:
                    on_progress(summary)
        summary.offenders_changed = store.replace_offenders(conn, offender_rows)
    finally:
        conn.close()
    summary.seconds = time.monotonic() - started
    return summary


def count_files(paths):
    from ingest import iter_files
    return sum(1 for _ in iter_files(paths))
