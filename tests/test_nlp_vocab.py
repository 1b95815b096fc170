"""The vocabulary files (nlp/vocabulary/*.toml) and their loader (nlp/vocab.py)."""
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from nlp import lexicon, vocab
from nlp.problems import PROBLEM_RES, problems_of

SCHEMA = json.loads((Path(__file__).parent / "record_schema.json").read_text(encoding="utf-8"))
FINDING = SCHEMA["properties"]["findings"]["items"]["properties"]


def _lists(value, path):
    """(path, list) of every list in a parsed vocabulary file."""
    if isinstance(value, list):
        yield path, value
    elif isinstance(value, dict):
        for key, inner in value.items():
            yield from _lists(inner, f"{path}.{key}")


FILES = sorted(p.stem for p in resources.files("nlp").joinpath("vocabulary").iterdir() if p.name.endswith(".toml"))
LISTS = [(path, items) for name in FILES for path, items in _lists(vocab.entry(name), name)]


def test_the_vocabulary_ships_with_the_package():
    assert {"channels", "units", "polarity", "problems", "findings", "sections", "rates", "tables",
            "places"} <= set(FILES)


@pytest.mark.parametrize("path", [p for p, _ in LISTS])
def test_every_list_is_a_valid_pattern(path):
    """Each list, references resolved, compiles; its items are non-empty strings."""
    items = vocab.entry(path)
    assert items and all(isinstance(i, str) and i for i in items), path
    re.compile(vocab.pattern(path, channel_word=lexicon.CHANNEL_RE.pattern))


def test_problem_codes_are_those_of_the_record_format():
    codes = [code for code, _ in PROBLEM_RES]
    assert codes == list(vocab.entry("problems.problem"))
    assert set(codes) <= set(FINDING["problem"]["enum"]) - {"unspecified"}


def test_channel_codes_are_those_of_the_record_format_and_words_are_not_shared():
    channels = vocab.entry("channels.channel")
    assert set(channels) <= set(FINDING["channel"]["enum"])
    words = [w for ws in channels.values() for w in ws]
    assert len(words) == len(set(words)), "a channel word listed under two channels"
    # tried longest first: a word is never shadowed by a shorter one it starts with
    listed = [w for w, _ in lexicon.CHANNEL_WORDS]
    assert not [(a, b) for i, a in enumerate(listed) for b in listed[i + 1:] if b.startswith(a)]
    assert (lexicon.CHANNEL_OF["微信公众号"] == "wechat"
            and lexicon.CHANNEL_RE.match("微信公众号").group(0) == "微信公众号")


def test_references_are_spliced_whole_or_grouped(tmp_path, monkeypatch):
    """{name} alone is the list itself; inside an alternative it is grouped; parts passed by
    the caller fill their names; an unknown name says which file lacks it."""
    folder = tmp_path / "vocabulary"
    folder.mkdir()
    (folder / "demo.toml").write_text(
        "colours = ['红', '绿']\n"
        "whole = ['{colours}', '蓝']\n"
        "inside = ['深{colours}色', '{given}']\n"
        "broken = ['{nothing}']\n", encoding="utf-8")
    monkeypatch.setattr(vocab.resources, "files", lambda package: tmp_path)
    vocab._file.cache_clear()
    try:
        assert vocab.pattern("demo.whole") == "红|绿|蓝"
        assert vocab.pattern("demo.inside", given="黄") == "深(?:红|绿)色|黄"
        with pytest.raises(KeyError, match="demo.toml has no list 'nothing'"):
            vocab.pattern("demo.broken")
    finally:
        vocab._file.cache_clear()


def test_a_phrase_in_the_data_decides_the_problem():
    """The lists are what the parser reads: a wording of problems.toml gives its code."""
    assert problems_of("栏目存在错链断链") == ["broken_link"]
    assert problems_of("新闻栏目长期未更新") == ["not_updated"]
    assert problems_of("未完成错敏信息整改") == ["rectification"]
