"""`tongbao import` against bad input, crashes and a second importer, as a researcher runs it.

- One import of a directory holding every kind of bad file beside good ones: each bad file
  gets its clear error in import_error (or its right result), and every good file lands.
- SIGKILL of an import at seeded random points: the database passes integrity_check after
  each kill, and a re-run ends with exactly the rows of an uninterrupted import.
- Two imports into one database at once: both finish, nothing is lost.

The imports run as `python -m tongbao.cli import …` subprocesses, as from a shell.
"""
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfWriter

from ingest import load_notice
from tests.generator import compose, generate
from tests.render import to_html, to_pdf

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
IMPORT = [sys.executable, "-m", "tongbao.cli", "import"]
TIMEOUT = 600


def run_import(paths, db, jobs=2, **kwargs):
    return subprocess.run(IMPORT + [str(p) for p in paths] + ["--db", str(db), "--jobs", str(jobs)],
                          cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, **kwargs)


def sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def query(db, sql, *args):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def snapshot(db):
    """Everything an import wrote, without row ids and timestamps: notices by content hash,
    findings and pass rates by their notice's hash, units by identity key (their display
    name is whichever notice named them first, so it may differ between import orders), and
    the failures."""
    key = lambda row: tuple(repr(v) for v in row)  # noqa: E731  (None sorts with the rest)
    return {
        "notice": sorted(query(db, "select sha256, title, province, year, quarter, period_key, "
                                   "published, text from notice"), key=key),
        "finding": sorted(query(db, "select n.sha256, f.unit_name, u.key, f.polarity, f.problem, "
                                    "f.channel, f.month, f.start, f.end from finding f "
                                    "join notice n on n.id = f.notice_id "
                                    "join unit u on u.id = f.unit_id"), key=key),
        "pass_rate": sorted(query(db, "select n.sha256, p.scope, p.subject, p.checked, p.failed, "
                                      "p.rate from pass_rate p join notice n on n.id = p.notice_id"),
                            key=key),
        "unit_alias": sorted(query(db, "select a.alias, u.key, n.sha256 from unit_alias a "
                                       "join unit u on u.id = a.unit_id "
                                       "join notice n on n.id = a.notice_id"), key=key),
        "repeat_offender": sorted(query(db, "select u.key, r.channel, r.periods_failed, "
                                            "r.longest_streak, r.periods from repeat_offender r "
                                            "join unit u on u.id = r.unit_id"), key=key),
        "fts": query(db, "select (select count(*) from finding_fts), (select count(*) from notice_fts)"),
        "import_error": sorted((Path(p).name, r) for p, r in query(db, "select path, reason "
                                                                       "from import_error")),
    }


def differences(got, want):
    """What differs between two snapshots, briefly: rows only in one of them, per table."""
    out = []
    for table in want:
        a, b = set(got[table]), set(want[table])
        if a != b:
            out.append(f"{table}: {len(a - b)} rows only here, e.g. {sorted(a - b, key=repr)[:3]}; "
                       f"{len(b - a)} only in the reference, e.g. {sorted(b - a, key=repr)[:3]}")
        elif len(got[table]) != len(want[table]):
            out.append(f"{table}: {len(got[table])} rows here, {len(want[table])} in the reference")
    return "\n".join(out)


def integrity(db):
    return query(db, "PRAGMA integrity_check")


# ---------------------------------------------------------------- the bad-input suite

NEWS = """本市春季花卉博览会开幕
本报讯 昨日上午,为期十天的春季花卉博览会在市植物园开幕。\
本届博览会以“花开四季”为主题,
展出郁金香、樱花、牡丹等各类花卉三百余种,设置主题花境二十余处。
开幕首日,园区接待游客约两万人次。植物园负责人介绍,今年新增夜间游园活动,
并在园内增设休息区和饮水点。市公交集团同步开通两条赏花专线,方便市民出行。
据了解,博览会期间还将举办摄影比赛、花艺讲座和亲子自然课堂等活动。"""

HOSTILE_SCRIPT = ("<script>document.write('抽查发现,脚本虚构局网站存在严重表述错误,"
                  "合格率为12.5%');</script>")
HOSTILE_IFRAME = "<iframe src=\"https://example.invalid/ad\">嵌入页虚构办网站更新不及时</iframe>"


@pytest.fixture(scope="module")
def bad_import(tmp_path_factory):
    """One import of good files mixed with every kind of bad one; returns what it left."""
    root = tmp_path_factory.mktemp("bad_input")
    inbox = root / "inbox"
    inbox.mkdir()
    good = {}                                   # file name -> sha256 of what must land

    for src in sorted(CORPUS.glob("*.txt")):    # the real notices
        shutil.copy(src, inbox / src.name)
        good[src.name] = sha(src)
    for i, fmt in enumerate(("html", "docx", "pdf")):   # and generated ones in the other formats
        path = next(generate(root / "gen", 1, seed=5, mix={fmt: 1}, start=i))
        shutil.copy(path, inbox / path.name)
        good[path.name] = sha(path)

    text, _, _, _ = compose(5, 100)
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(random.Random(0).randbytes(64 * 1024))
    to_pdf(text, root / "whole.pdf")
    data = (root / "whole.pdf").read_bytes()
    (inbox / "truncated.pdf").write_bytes(data[: len(data) // 2])
    writer = PdfWriter(clone_from=root / "whole.pdf")
    writer.encrypt("secret")
    writer.write(inbox / "encrypted.pdf")
    # a GBK file under a .txt name: the reader must not assume UTF-8
    gbk_source = CORPUS / "003_39350d8b886053ef.txt"
    (inbox / "gbk.txt").write_bytes(gbk_source.read_text("utf-8").encode("gbk"))
    # a 50 MB text: one notice repeated, as a runaway export might produce
    with open(inbox / "huge.txt", "w", encoding="utf-8") as f:
        block = (text + "\n") * 50
        while f.tell() < 50 * 2**20:
            f.write(block)
    # a web page whose scripts and iframes speak like a notice
    to_html(text, root / "page.html")
    page = (root / "page.html").read_text("utf-8")
    page = page.replace("<article>", "<article>" + HOSTILE_SCRIPT + HOSTILE_IFRAME)
    (inbox / "page.html").write_text(page, encoding="utf-8")
    (inbox / "news.txt").write_text(NEWS, encoding="utf-8")
    # the same notice twice under two names
    twin = CORPUS / "000_05253d980fb5c9d6.txt"
    shutil.copy(twin, inbox / "twin_a.txt")
    shutil.copy(twin, inbox / "twin_b.txt")
    # a notice whose numbers are masked ****
    shutil.copy(CORPUS / "r02.txt", inbox / "masked.txt")

    db = root / "kb.db"
    done = run_import([inbox], db, jobs=2)
    return {"inbox": inbox, "db": db, "run": done, "good": good, "text": text,
            "errors": dict((Path(p).name, r) for p, r in query(db, "select path, reason from import_error")),
            "notices": {s: (Path(p).name, t) for p, s, t in
                        query(db, "select source_path, sha256, text from notice")}}


def test_the_import_finishes_and_reports_failure(bad_import):
    run = bad_import["run"]
    assert run.returncode == 1, run.stderr[-2000:]          # some files failed …
    assert "Traceback" not in run.stderr
    assert integrity(bad_import["db"]) == [("ok",)]


def test_every_good_file_lands(bad_import):
    missing = [name for name, digest in bad_import["good"].items()
               if digest not in bad_import["notices"]]
    assert not missing
    assert not set(bad_import["good"]) & set(bad_import["errors"])


@pytest.mark.parametrize("name, words", [
    ("empty.txt", ["empty"]),
    ("binary.txt", ["binary", "not text", "decode"]),
    ("truncated.pdf", ["pdf"]),
    ("encrypted.pdf", ["encrypt", "password"]),
    ("news.txt", ["not an inspection notice", "not a notice"]),
])
def test_bad_files_get_a_clear_error(bad_import, name, words):
    reason = bad_import["errors"].get(name)
    assert reason, f"{name}: no error recorded"
    assert any(w in reason.lower() for w in words), reason
    assert name in bad_import["run"].stderr        # and the researcher is told


def test_gbk_text_is_decoded(bad_import):
    """The GBK file reads as the same clean text as its UTF-8 original."""
    digest = sha(bad_import["inbox"] / "gbk.txt")
    assert digest in bad_import["notices"], bad_import["errors"].get("gbk.txt")
    expected = load_notice(CORPUS / "003_39350d8b886053ef.txt").text
    assert bad_import["notices"][digest][1] == expected


def test_a_50mb_file_is_refused_as_too_large(bad_import):
    """Not one notice but an export: refused up front, before it costs memory."""
    assert "too large" in bad_import["errors"].get("huge.txt", "")


def test_scripts_and_iframes_are_not_read(bad_import):
    digest = sha(bad_import["inbox"] / "page.html")
    assert digest in bad_import["notices"], bad_import["errors"].get("page.html")
    text = bad_import["notices"][digest][1]
    assert "脚本虚构局" not in text and "嵌入页虚构办" not in text and "document.write" not in text
    units = [u for (u,) in query(bad_import["db"], "select f.unit_name from finding f join notice n "
                                 "on n.id = f.notice_id where n.sha256 = ?", digest)]
    assert not [u for u in units if "虚构" in u]
    rates = [r for (r,) in query(bad_import["db"], "select p.rate from pass_rate p join notice n "
                                 "on n.id = p.notice_id where n.sha256 = ?", digest)]
    assert 12.5 not in rates


def test_the_same_notice_under_two_names_is_stored_once(bad_import):
    digest = sha(bad_import["inbox"] / "twin_a.txt")
    assert [s for s in bad_import["notices"] if s == digest] == [digest]
    assert not {"twin_a.txt", "twin_b.txt"} & set(bad_import["errors"])
    rows = query(bad_import["db"], "select f.unit_name, f.polarity, f.problem, f.start from finding f "
                                   "join notice n on n.id = f.notice_id where n.sha256 = ?", digest)
    assert len(rows) == len(set(rows)), "findings written twice"


def test_a_masked_notice_reads_as_its_gold(bad_import):
    """r02 has its digits masked (****年, **个) except in the title: the period comes from
    the title and no number is made up from the stars."""
    gold = json.loads((ROOT / "tests" / "gold" / "r02.json").read_text("utf-8"))
    digest = sha(bad_import["inbox"] / "masked.txt")
    assert digest in bad_import["notices"], bad_import["errors"].get("masked.txt")
    row, = query(bad_import["db"], "select province, year, quarter from notice where sha256 = ?", digest)
    assert row == (gold["province"], gold["year"], gold["quarter"])
    rates = query(bad_import["db"], "select p.rate from pass_rate p join notice n on n.id = p.notice_id "
                                    "where n.sha256 = ?", digest)
    assert len(rates) == len(gold["pass_rates"])


# ---------------------------------------------------------------- crashes and concurrency


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    """Forty generated notices in every format, and their uninterrupted import."""
    root = tmp_path_factory.mktemp("crash")
    files = list(generate(root / "gen", 40, seed=9))
    db = root / "reference.db"
    done = run_import([root / "gen" / "notices"], db, jobs=2)
    assert done.returncode == 0, done.stderr[-2000:]
    return {"root": root, "dir": root / "gen" / "notices", "files": files,
            "reference": snapshot(db)}


def stored_notices(db):
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("select count(*) from notice").fetchone()[0]
    except sqlite3.Error:            # not created yet, or its schema not yet committed
        return 0


def test_sigkill_at_random_moments_loses_nothing(small_corpus):
    """Up to four kills into one database, each resuming what the last left: each lands a
    seeded random number of notices into the run and a random moment after a commit, so inside
    the next notice's transaction as often as between two. A commit may land several notices at
    once, so the kills stop when all are stored; at least three must have left some to import."""
    db = small_corpus["root"] / "killed.db"
    rng = random.Random(20261122)
    total = len(small_corpus["files"])
    interrupted = 0      # kills that left notices to import (a commit may land several at once)
    for _ in range(4):
        if stored_notices(db) == total:
            break
        target = stored_notices(db) + rng.randint(1, 8)
        proc = subprocess.Popen(IMPORT + [str(small_corpus["dir"]), "--db", str(db), "--jobs", "2"],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        deadline = time.monotonic() + TIMEOUT
        while stored_notices(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.02))
        killed = proc.poll() is None
        if killed:
            os.killpg(proc.pid, signal.SIGKILL)   # the importer and its workers
        proc.wait(timeout=60)
        interrupted += killed and stored_notices(db) < total
        assert integrity(db) == [("ok",)]
        assert query(db, "select count(*) from finding_fts") == query(db, "select count(*) from finding")
    assert interrupted >= 3, "the import finished before most kills: nothing was tested"
    done = run_import([small_corpus["dir"]], db, jobs=2)
    assert done.returncode == 0, done.stderr[-2000:]
    assert integrity(db) == [("ok",)]
    assert not differences(snapshot(db), small_corpus["reference"])


def test_two_imports_at_once_lose_nothing(small_corpus):
    """Two importers share a database: one takes the first two-thirds, the other the last
    two-thirds, so a third of the files are offered to both."""
    root = small_corpus["root"]
    files = sorted(small_corpus["files"])
    third = len(files) // 3
    db = root / "shared.db"
    procs = [subprocess.Popen(IMPORT + [str(f) for f in part] + ["--db", str(db), "--jobs", "1"],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
             for part in (files[: 2 * third], files[third:])]
    outcomes = [(p.wait(timeout=TIMEOUT), p.stderr.read()) for p in procs]
    for rc, err in outcomes:
        assert rc == 0, err[-2000:]
    assert integrity(db) == [("ok",)]
    assert not differences(snapshot(db), small_corpus["reference"])
