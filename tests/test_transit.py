"""Real notices in the shapes text takes on its way to a researcher: hard-wrapped at a fixed
width (pdftotext, old mail and bulletin systems), letter-spaced (a PDF's spaced-out lines),
in traditional characters. Each corpus notice so changed yields the findings, pass rates and
period of the notice itself."""
from pathlib import Path

import pytest
from opencc import OpenCC

from ingest import load_notice
from ingest.normalize import _letter_spaced
from tests.render import to_letter_spaced, to_wrapped_text

CORPUS = sorted((Path(__file__).parent.parent / "corpus").glob("*.txt"))

# Read as they come, without the readers' rejoining and the letter gaps closed, the corpus lost
# (units+, units-, pass rates): wrapped at 56 columns 13%, 6%, 9%; letter-spaced, everything.
SHAPES = {
    "wrapped at 56 columns": lambda text: to_wrapped_text(text, 56),   # an official document's line
    "wrapped at 80 columns": lambda text: to_wrapped_text(text, 80),
    "letter-spaced": to_letter_spaced,
    "traditional": OpenCC("s2t").convert,
}


def _readings(parser, path):
    record = parser.parse(load_notice(path))
    return (sorted((f["unit"], f["polarity"], f["problem"] or "") for f in record["findings"]),
            sorted((r["scope"], r["rate"]) for r in record["pass_rates"]), record["notice"]["period_key"])


@pytest.fixture(scope="module")
def parser():
    from nlp import Parser
    return Parser()


@pytest.fixture(scope="module")
def as_they_are(parser):
    return {path.name: _readings(parser, path) for path in CORPUS}


@pytest.mark.parametrize("shape", SHAPES)
def test_a_notice_in_transit_reads_as_the_notice(parser, as_they_are, shape, tmp_path):
    for path in CORPUS:
        changed = tmp_path / path.name
        changed.write_text(SHAPES[shape](path.read_text("utf-8")), encoding="utf-8")
        assert _readings(parser, changed) == as_they_are[path.name], path.name


def test_no_corpus_line_is_taken_for_letter_spaced():
    """Page furniture (`繁体版 English EN`), dates and tables have spaces, but not between letters."""
    for path in CORPUS:
        for line in path.read_text("utf-8").split("\n"):
            assert not _letter_spaced(line), (path.name, line)
