"""The code keeps to the project's line length: no line of a tracked Python file over 120
characters (a Chinese character counts as one)."""
import subprocess
from pathlib import Path

ROOT = Path(__file__).parent.parent
LONGEST = 120


def tracked_python_files():
    """The Python files git tracks; outside a git checkout, every one but the virtual env's."""
    try:
        listed = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True)
        return [ROOT / name for name in listed.stdout.split()]
    except (OSError, subprocess.CalledProcessError):
        return [p for p in ROOT.rglob("*.py") if not {".venv", "build"} & set(p.relative_to(ROOT).parts)]


def test_the_tree_is_found():
    assert {"nlp/findings.py", "kb/store.py", "tests/test_code_style.py"} <= {
        str(p.relative_to(ROOT)) for p in tracked_python_files()}


def test_no_line_over_120_characters():
    long = [f"{path.relative_to(ROOT)}:{number}: {len(line)} characters"
            for path in tracked_python_files()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            if len(line) > LONGEST]
    assert not long, "\n".join(long)
