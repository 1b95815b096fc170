"""The code keeps to the project's line length: no line of a tracked Python file over 120 bytes
in UTF-8, the measure of tools that count bytes (mawk's `awk 'length > 120'`), where a Chinese
character counts as three; a line within it is within 120 characters too."""
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


def too_long(path):
    """'LINE: N bytes' for each line of the file longer than LONGEST bytes, lines split at
    newlines as awk splits them."""
    return [f"{number}: {len(line)} bytes"
            for number, line in enumerate(path.read_bytes().split(b"\n"), 1)
            if len(line) > LONGEST]


def test_the_tree_is_found():
    assert {"ingest/header.py", "nlp/findings.py", "kb/store.py", "tongbao/cli.py", "tests/test_code_style.py",
            "bench/bench_import.py"} <= {str(p.relative_to(ROOT)) for p in tracked_python_files()}


def test_a_line_is_measured_in_bytes(tmp_path):
    chinese = tmp_path / "chinese.py"
    chinese.write_text("# " + "通报" * 20 + "\n", encoding="utf-8")      # 42 characters, 122 bytes
    assert too_long(chinese) == ["1: 122 bytes"]
    edge = tmp_path / "edge.py"
    edge.write_text("x = 1\n" + "#" * 120 + "\n" + "#" * 121 + "\n" + "# " + "合" * 39 + "\n", encoding="utf-8")
    assert too_long(edge) == ["3: 121 bytes"]     # line 4 is 2 + 39 × 3 = 119 bytes


def test_no_line_over_120_bytes():
    long = [f"{path.relative_to(ROOT)}:{where}" for path in tracked_python_files() for where in too_long(path)]
    assert not long, "\n".join(long)
