"""`tongbao import`: notices in, knowledge base out.

First every file is looked at by the hash of its bytes alone, before anything heavy is
loaded: a file stored already, or one whose same bytes failed before (unless retried), is
passed over, so re-importing an unchanged archive loads no parser. The rest are read and
parsed by worker processes (kb/workers.py: forked after this process loaded the Parser, so
they share it; each file within a time budget and a memory ceiling); this process is the
only writer, committing notices in short batches. Files stream through a bounded window, so
memory does not grow with the corpus. A changed file replaces its notice; a file that fails
is recorded in import_error with the reason and the hash of its bytes, and the import goes on.
"""
import hashlib
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import store
from .problem_types import CODES
from .workers import Budget, Workers

CHANNELS = {"website", "wechat", "weibo", "douyin", "toutiao", "app", "miniprogram",
            "new_media", "organization"}


def prepare(notice, record, resolver=None):
    """The rows one notice becomes, with units resolved and text segmented for search; plain
    data, so a worker can hand it to the writer."""
    from .fts import segment
    from .units import issuer_key, notice_context, unit_resolver
    resolver = resolver or unit_resolver()
    header = {**notice.header, **{k: v for k, v in (record.get("notice") or {}).items()
                                   if v is not None}}
    context = notice_context(header, notice.text)
    key = header.get("period_key")         # ingest/period.py: 2023-03, 2023Q4, 2023H2, 2023R2, 2023
    source = str(Path(notice.path).resolve())
    row = {c: header.get(c) for c in store.NOTICE_COLUMNS}
    row.update(source_path=source, sha256=notice.sha256, period_key=key, text=notice.text,
               issuer_key=issuer_key(header.get("issuer"), context, resolver),
               province=header.get("province") or (context.province.name if context.province else None))
    row["label"] = store.notice_label(row)
    facets = {"province": row["province"], "year": header.get("year"),
              "quarter": header.get("quarter"), "period_key": key}

    # the text first: its evidence sentences then come from segment's cache
    notice_fts = (segment(row["title"]), segment(notice.text))
    units, findings = {}, []
    evidence_words = {}     # the findings of one sentence share its evidence, and its words
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
        if evidence not in evidence_words:
            evidence_words[evidence] = segment(evidence)
        findings.append({
            "unit_key": identity.key, "unit_name": name, "polarity": f.get("polarity") or "negative",
            "problem": problem, "channel": identity.channel, "month": f.get("month"),
            "consecutive_periods": f.get("consecutive_periods"), "section": f.get("section"),
            "evidence": evidence, "start": f.get("start"), "end": f.get("end"), **facets,
            "unit_name_fts": segment(name), "evidence_fts": evidence_words[evidence]})
    rates = [{"scope": r.get("scope") or "overall", "subject": r.get("subject"),
              "checked": r.get("checked"), "failed": r.get("failed"), "rate": r["rate"],
              "evidence": r.get("evidence"), **facets}
             for r in record.get("pass_rates") or [] if r.get("rate") is not None]
    return {"notice": row, "notice_fts": notice_fts,
            "units": list(units.values()), "findings": findings, "pass_rates": rates}


# --- worker side -------------------------------------------------------------------------

_worker = {}


def load_parser():
    """Load the Parser, the unit resolver and jieba once, in this process: the workers
    forked from it afterwards share them."""
    if not _worker:
        from nlp import Parser

        from .fts import segment
        from .units import unit_resolver
        _worker["parser"] = Parser()
        _worker["resolver"] = unit_resolver()
        segment("通报")


def _process(path, on_read):
    """In a worker: ('prepared', path, rows) | ('failed', path, reason)."""
    from ingest import IngestError, load_notice
    try:
        notice = load_notice(path)
        on_read(len(notice.text))
        record = _worker["parser"].parse(notice)
        return ("prepared", str(path), prepare(notice, record, _worker["resolver"]))
    except IngestError as e:
        return ("failed", str(path), e.reason)
    except MemoryError:
        raise                   # the worker reports it and is replaced
    except Exception as e:      # a parser or resolver bug must not stop the import
        return ("failed", str(path), f"{type(e).__name__}: {e}")


# --- looking before loading --------------------------------------------------------------

def _look(paths, conn, retry_errors):
    """(path, source, sha256, verdict) for every file, from its bytes alone, before any parser
    is loaded: 'stored' (its content is a stored notice), 'failed before' (the same bytes
    failed at that path in an earlier import; retried with `retry_errors`), 'parse', or
    the reason it cannot be read."""
    for path in paths:
        source = str(Path(path).resolve())
        try:
            sha = hashlib.sha256(Path(path).read_bytes()).hexdigest()
        except OSError as e:
            yield path, source, None, f"cannot read file: {e.strerror or e}"
            continue
        if store.has_notice(conn, sha):
            yield path, source, sha, "stored"
        elif not retry_errors and store.failed_before(conn, source, sha):
            yield path, source, sha, "failed before"
        else:
            yield path, source, sha, "parse"


# --- writer side -------------------------------------------------------------------------

@dataclass
class Summary:
    files: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    failed_before: int = 0        # not retried: the same bytes failed in an earlier import
    findings: int = 0
    offenders_changed: bool = False
    failures: list = field(default_factory=list)   # (path, reason)
    seconds: float = 0.0


def import_paths(paths, db_path, jobs=1, on_progress=None, budget=Budget(), retry_errors=False):
    """Import every notice under `paths` into the database; then rebuild repeat_offender.
    Each file is read and parsed in a worker within `budget`; a file whose bytes are stored
    already, or failed before (unless `retry_errors`), is passed over without loading the
    parser. `on_progress(summary)` is called after each file and while waiting."""
    from ingest.files import iter_files
    started = time.monotonic()
    conn = store.connect(db_path)
    store.create_schema(conn)
    summary = Summary()
    progress = on_progress or (lambda summary: None)

    def fail(path, source, sha, reason):
        summary.failed += 1
        summary.failures.append((path, reason))
        store.record_error(conn, source, reason, sha)

    try:
        todo = {}                  # path -> (source, sha256)
        for path, source, sha, verdict in _look(iter_files(paths), conn, retry_errors):
            if verdict == "parse":
                todo[path] = (source, sha)
                continue
            summary.files += 1
            if verdict == "stored":
                summary.unchanged += 1
            elif verdict == "failed before":
                summary.failed_before += 1
            else:
                fail(path, source, sha, verdict)
            progress(summary)
        if todo:
            load_parser()
            store.ensure_search_index(conn)
            with store.batch(conn) as writes:
                def idle():        # commit while the workers keep the writer waiting
                    writes.commit()
                    progress(summary)
                for path, result in zip(todo, Workers(_process, jobs, budget).run(list(todo), idle)):
                    summary.files += 1
                    kind = result[0]
                    if kind == "prepared":
                        writes.begin()
                        try:
                            kind = store.write_notice(conn, result[2])
                        except sqlite3.IntegrityError as e:   # rows the schema refuses: the file's fault
                            kind, result = "failed", ("failed", path, f"cannot store: {e}")
                    if kind == "failed":
                        writes.begin()
                        fail(path, *todo[path], result[2])
                    elif kind == "skipped":
                        summary.unchanged += 1
                    else:
                        setattr(summary, kind, getattr(summary, kind) + 1)
                        summary.findings += len(result[2]["findings"])
                    writes.due()
                    progress(summary)
        summary.offenders_changed = store.replace_offenders(conn, _offender_rows)
    finally:
        conn.close()
    summary.seconds = time.monotonic() - started
    return summary


def _offender_rows(conn, everything):
    from .graph import offender_rows     # networkx: only when the notices changed
    return offender_rows(conn, everything)


def count_files(paths):
    from ingest.files import iter_files
    return sum(1 for _ in iter_files(paths))
