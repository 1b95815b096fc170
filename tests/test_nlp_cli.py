"""`tongbao parse` and `tongbao eval` on real notices, with a bad file among them."""
import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from tongbao.cli import main

ROOT = Path(__file__).parent.parent
CORPUS = ROOT / "corpus"


def test_parse_writes_one_record_per_file_and_reports_bad_ones(tmp_path):
    shutil.copy(CORPUS / "r23.txt", tmp_path / "r23.txt")
    shutil.copy(CORPUS / "r27.txt", tmp_path / "r27.txt")
    (tmp_path / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["parse", str(tmp_path), "--out", str(out)])
    assert result.exit_code == 1
    assert "broken.txt" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["r23.json", "r27.json"]
    record = json.loads((out / "r23.json").read_text(encoding="utf-8"))
    assert {f["unit"] for f in record["findings"]} >= {"濮阳知识产权", "河南油田公安"}
    assert [(r["scope"], r["rate"]) for r in record["pass_rates"]] == [("website", 100.0), ("new_media", 99.8)]


def test_parse_without_out_prints_json_lines():
    result = CliRunner().invoke(main, ["parse", str(CORPUS / "r01.txt"), str(CORPUS / "r20.txt")])
    assert result.exit_code == 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[1])["notice"]["source"].endswith("r20.txt")


def test_eval_prints_the_measures_of_the_scorer():
    result = CliRunner().invoke(
        main, ["eval", str(ROOT / "tests" / "gold"), str(CORPUS / "r21.txt"), str(CORPUS / "r23.txt"), "--show"])
    assert result.exit_code == 0
    out = result.stdout
    gold = len(list((ROOT / "tests" / "gold").glob("*.json")))
    assert f"docs {gold} " in out     # gold without a parse counts as an empty prediction
    for measure in ("pass_rate", "units-", "units+", "problems"):
        assert measure in out
    assert "missed" in out            # the notices not parsed leave their findings missed
