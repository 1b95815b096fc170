"""Hostile input: files that scraping turns up, imported beside real notices.

Each file is made here (tests/hostile.py), never committed. No assertion is timed: a file
that parsed too slowly would not land, it would be in import_error "over its time budget",
so the import's own budget (kb/workers.py) is the bound.
"""
import json
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import IngestError, load_notice
from ingest.readers import MAX_HTML_BYTES, unwrap_deep
from tests import hostile
from tests.generator import generate
from tests.render import to_html

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
REAL = ["000_05253d980fb5c9d6.txt", "003_39350d8b886053ef.txt", "r08.txt", "r23.txt", "r61.txt"]
TIMEOUT = 1200


def run_import(paths, db, *options, jobs=2):
    return subprocess.run([sys.executable, "-m", "tongbao.cli", "import", *map(str, paths),
                           "--db", str(db), "--jobs", str(jobs), *options],
                          cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT)


def query(db, sql, *args):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, args).fetchall()


def errors(db):
    return {Path(p).name: r for p, r in query(db, "select path, reason from import_error")}


def findings(db, name):
    return query(db, "select f.unit_name, f.polarity, f.problem from finding f join notice n "
                     "on n.id = f.notice_id where n.source_path like ?", f"%/{name}")


# ---------------------------------------------------------------- bombs, refused unopened


def test_a_docx_zip_bomb_is_refused_before_it_is_inflated(tmp_path):
    bomb = hostile.docx_bomb(tmp_path / "bomb.docx", expanded=256 * 2**20)
    assert bomb.stat().st_size < 2 * 2**20
    with pytest.raises(IngestError, match=r"XML expands to 25\d MB: a zip bomb or an archive"):
        load_notice(bomb)


def test_a_pdf_of_5000_pages_is_refused_by_its_page_count(tmp_path):
    with pytest.raises(IngestError, match=r"PDF of 5,000 pages"):
        load_notice(hostile.many_pages_pdf(tmp_path / "pages.pdf"))


def test_an_html_page_of_many_mb_is_refused(tmp_path):
    page = tmp_path / "page.html"
    text = (CORPUS / "r08.txt").read_text("utf-8")
    padding = "<span class='x'></span>" * (MAX_HTML_BYTES // 20)
    page.write_text(f"<html><body><p>{text}</p>{padding}</body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match=r"HTML page too large"):
        load_notice(page)


def test_html_nested_50000_deep_reads_as_the_same_page_nested_ten_deep(tmp_path):
    deep = load_notice(hostile.deep_html(tmp_path / "deep.html")).text
    shallow = load_notice(hostile.deep_html(tmp_path / "shallow.html", scale=10 / 50_000)).text
    assert deep == shallow and hostile.SENTENCE in deep


def test_pages_within_the_depth_limit_are_read_unchanged(tmp_path):
    pages = [p for p in generate(tmp_path / "gen", 12, seed=3, mix={"html": 1})]
    text = (CORPUS / "r08.txt").read_text("utf-8")
    pages.append(to_html(text, tmp_path / "r08.html"))
    for page in pages:
        markup = page.read_text("utf-8")
        assert unwrap_deep(markup) == markup
    # a script's strings are not markup: <div> in it opens nothing
    scripted = "<div>" * 200 + "<script>var s = '" + "<div>" * 500 + "';</script>" + "</div>" * 200
    assert unwrap_deep(scripted) == scripted
    assert unwrap_deep("<div>" * 300 + "x" + "</div>" * 300) == "<div>" * 256 + "x" + "</div>" * 256


# ---------------------------------------------------------------- the budget of one file


@pytest.fixture(scope="module")
def unpunctuated(tmp_path_factory):
    """600,000 characters without punctuation: parsed in seconds, but not in 0.6 s, and
    taking far more than 64 MB."""
    return hostile.unpunctuated(tmp_path_factory.mktemp("long") / "unpunctuated.txt", scale=10)


def test_a_file_over_the_memory_ceiling_costs_only_its_worker(unpunctuated, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_bytes(unpunctuated.read_bytes())     # first, in the one worker
    for name in REAL[:2]:
        (inbox / f"b_{name}").write_bytes((CORPUS / name).read_bytes())
    db = tmp_path / "kb.db"
    done = run_import([inbox], db, "--memory-limit", "64", jobs=1)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert errors(db) == {"a.txt": "over the memory ceiling of 64 MB per file (--memory-limit)"}
    assert query(db, "select count(*) from notice") == [(2,)]   # the next worker parsed the rest


def test_a_file_over_its_time_budget_is_retried_only_when_asked(unpunctuated, tmp_path):
    db = tmp_path / "kb.db"
    done = run_import([unpunctuated], db, "--time-budget", "0.01", jobs=1)
    assert done.returncode == 1
    reason = errors(db)["unpunctuated.txt"]
    assert reason.startswith("over its time budget") and "0.01 s per 10,000" in reason
    assert "over its time budget" in done.stderr
    recorded = query(db, "select path, reason, sha256, at from import_error")

    again = run_import([unpunctuated], db)          # the same bytes: passed over, still reported
    assert again.returncode == 1
    assert "1 failed before and not retried (--retry-errors)" in again.stderr
    assert query(db, "select path, reason, sha256, at from import_error") == recorded
    assert query(db, "select count(*) from notice") == [(0,)]

    retried = run_import([unpunctuated], db, "--retry-errors")
    assert retried.returncode == 0, retried.stderr[-2000:]
    assert errors(db) == {}
    assert query(db, "select count(*) from notice") == [(1,)]


def test_a_reimport_with_nothing_to_do_loads_no_parser(tmp_path):
    """Unchanged files are known by their hash before anything heavy is imported."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name in REAL[:2]:
        (inbox / name).write_bytes((CORPUS / name).read_bytes())
    (inbox / "news.txt").write_text("本市春季花卉博览会今日开幕,"
                                    "展出各类花卉三百余种。" * 5, encoding="utf-8")
    db = tmp_path / "kb.db"
    assert run_import([inbox], db).returncode == 1             # news.txt is no notice
    probe = ("import json, sys\nfrom kb.importer import import_paths\n"
             f"s = import_paths([{str(inbox)!r}], {str(db)!r}, jobs=2)\n"
             "print(json.dumps([s.unchanged, s.failed_before, s.failed, "
             "sorted(m for m in ('spacy', 'jieba', 'sqlmodel', 'nlp.parser', 'ingest.load', "
             "'networkx') if m in sys.modules)]))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                         timeout=TIMEOUT)
    assert json.loads(out.stdout) == [2, 1, 0, []], out.stderr[-2000:]


# ---------------------------------------------------------------- hostile files beside real ones


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """One import (default budget, two workers) of real notices and the hostile files."""
    root = tmp_path_factory.mktemp("mixed")
    inbox = root / "inbox"
    inbox.mkdir()
    for name in REAL:
        (inbox / name).write_bytes((CORPUS / name).read_bytes())
    for scale in (1, 3, 30):
        hostile.enumeration(inbox / f"enumeration_x{scale}.txt", scale)
    for scale in (1, 10):
        hostile.unpunctuated(inbox / f"unpunctuated_x{scale}.txt", scale)
    hostile.deep_html(inbox / "deep.html")
    hostile.docx_bomb(inbox / "bomb.docx", expanded=2**30)
    hostile.many_pages_pdf(inbox / "pages.pdf")
    db = root / "kb.db"
    return {"db": db, "run": run_import([inbox], db), "errors": errors(db)}


def test_every_real_notice_lands_beside_the_hostile_files(mixed):
    assert mixed["run"].returncode == 1 and "Traceback" not in mixed["run"].stderr
    stored = {Path(p).name for (p,) in query(mixed["db"], "select source_path from notice")}
    assert set(REAL) <= stored
    assert query(mixed["db"], "PRAGMA integrity_check") == [("ok",)]


@pytest.mark.parametrize("name, reason", [
    ("bomb.docx", r"DOCX whose XML expands to 1,0\d\d MB: a zip bomb or an archive, not a notice "
                  r"\(at most 32 MB\)"),
    ("pages.pdf", r"PDF of 5,000 pages: more than a notice with its attachments \(at most 200 pages\)"),
])
def test_bombs_are_refused_with_their_reason(mixed, name, reason):
    assert re.fullmatch(reason, mixed["errors"].get(name, ""))
    assert name in mixed["run"].stderr


@pytest.mark.parametrize("name", ["enumeration_x1.txt", "enumeration_x3.txt", "enumeration_x30.txt",
                                  "unpunctuated_x1.txt", "unpunctuated_x10.txt", "deep.html"])
def test_each_hostile_file_is_parsed_within_its_budget(mixed, name):
    """Parsed in time proportional to its text: a superlinear parse would have run past the
    budget and be in import_error instead."""
    assert name not in mixed["errors"], mixed["errors"][name]
    assert findings(mixed["db"], name)


def test_a_longer_enumeration_finds_for_each_name_what_a_shorter_one_does(mixed):
    """1,000, 3,000 and 30,000 names before one predicate (each list the start of the next):
    the names cut into later pieces of the sentence still take its predicate."""
    x1, x3, x30 = (set(findings(mixed["db"], f"enumeration_x{s}.txt")) for s in (1, 3, 30))
    assert ("长安区发展和改革委员会", "negative", "not_updated") in x1
    assert x1 <= x3 <= x30
    assert len(x30) / 30 >= len(x1) * 0.99


def test_a_line_ten_times_longer_reads_its_first_part_as_the_short_line_does(mixed):
    """600,000 characters without punctuation are read in bounded pieces: the findings in
    its first 60,000 are those of the 60,000-character line."""
    sql = ("select f.unit_name, f.polarity, f.problem, f.start from finding f join notice n "
           "on n.id = f.notice_id where n.source_path like ? and f.start < ?")
    (length,), = query(mixed["db"], "select length(text) from notice where source_path like ?",
                       "%/unpunctuated_x1.txt")
    short = set(query(mixed["db"], sql, "%/unpunctuated_x1.txt", length))
    assert short and short == set(query(mixed["db"], sql, "%/unpunctuated_x10.txt", length))
