"""The importer under SIGKILL and with two imports into one database at once."""
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.importer import import_paths

ROOT = Path(__file__).parent.parent
SOURCES = sorted((ROOT / "corpus").glob("*.txt")) + sorted((Path(__file__).parent / "kb_notices").glob("*.txt"))


@pytest.fixture(scope="module")
def notices(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash") / "notices"
    folder.mkdir()
    for source in SOURCES:
        shutil.copy(source, folder / source.name)
    return folder


@pytest.fixture(scope="module")
def reference(notices, tmp_path_factory):
    """The rows of one uninterrupted import."""
    db = tmp_path_factory.mktemp("reference") / "kb.db"
    assert import_paths([notices], db, jobs=2).failed == 0
    return db


def contents(db):
    """Every row that an import writes, timestamps left out."""
    c = sqlite3.connect(db)
    notice_columns = [r[1] for r in c.execute("PRAGMA table_info(notice)") if r[1] != "imported_at"]
    rows = {"notice": c.execute(f"SELECT {', '.join(notice_columns)} FROM notice ORDER BY id").fetchall()}
    for table in ("unit", "unit_alias", "finding", "pass_rate", "repeat_offender"):
        rows[table] = c.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
    for table in ("finding_fts", "notice_fts"):    # contentless: every word of the index
        c.execute(f"CREATE VIRTUAL TABLE temp.{table}_words USING fts5vocab(main, {table}, instance)")
        rows[table] = c.execute(f"SELECT * FROM temp.{table}_words ORDER BY 2, 3, 4, 1").fetchall()
    c.close()
    return rows


def content_by_notice(db):
    """The same, keyed by what does not depend on import order (for concurrent imports)."""
    c = sqlite3.connect(db)
    findings = sorted(c.execute(
        "SELECT n.sha256, u.key, f.unit_name, f.polarity, f.problem, f.channel, f.start "
        "FROM finding f JOIN notice n ON n.id = f.notice_id JOIN unit u ON u.id = f.unit_id"),
        key=repr)
    rates = sorted(c.execute("SELECT n.sha256, r.scope, r.rate FROM pass_rate r "
                             "JOIN notice n ON n.id = r.notice_id"), key=repr)
    offenders = sorted(c.execute(
        "SELECT u.key, r.periods_failed, r.longest_streak, r.periods FROM repeat_offender r "
        "JOIN unit u ON u.id = r.unit_id"))
    notices = sorted(c.execute("SELECT sha256 FROM notice"))
    units = c.execute("SELECT count(*) FROM unit").fetchone()
    c.close()
    return notices, findings, rates, offenders, units


def start_import(folder, db, jobs=2):
    return subprocess.Popen([sys.executable, "-m", "tongbao.cli", "import", str(folder), "--db", str(db),
                             "--jobs", str(jobs)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)


def stored_notices(db):
    if not Path(db).exists():
        return 0
    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        n = c.execute("SELECT count(*) FROM notice").fetchone()[0]
        c.close()
        return n
    except sqlite3.OperationalError:
        return 0


@pytest.mark.parametrize("kill_after", [5, len(SOURCES) - 1])
def test_sigkill_leaves_a_sound_database_and_a_rerun_completes_it(notices, reference, tmp_path,
                                                                 kill_after):
    db = tmp_path / "kb.db"
    process = start_import(notices, db)
    deadline = time.monotonic() + 120
    while stored_notices(db) < kill_after and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    assert process.poll() is None, "the import finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)     # the importer and its workers
    process.wait()

    c = sqlite3.connect(db)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert c.execute("PRAGMA foreign_key_check").fetchall() == []
    assert c.execute("SELECT count(*) FROM finding_fts").fetchone()[0] == \
        c.execute("SELECT count(*) FROM finding").fetchone()[0]
    interrupted_at = c.execute("SELECT count(*) FROM notice").fetchone()[0]
    c.close()
    assert kill_after <= interrupted_at <= len(SOURCES)

    summary = import_paths([notices], db, jobs=2)
    assert summary.failed == 0 and summary.unchanged == interrupted_at
    assert contents(db) == contents(reference)


def test_two_imports_at_once_both_finish_and_lose_nothing(notices, reference, tmp_path):
    db = tmp_path / "kb.db"
    first = start_import(notices, db, jobs=1)
    second = start_import(notices, db, jobs=2)
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        assert process.returncode == 0, err.decode()
    assert content_by_notice(db) == content_by_notice(reference)
    c = sqlite3.connect(db)
    assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    c.close()
