"""The parse of every notice set is the one kept in tests/snapshots/parses.jsonl.gz.

The snapshot holds the record of every notice of corpus/, tests/notices/ and the 60 notices
tests/test_parse_gold.py generates (see tests/snapshot.py), so a change meant to keep every
parse (moving the vocabulary to data, a faster rule) is shown to keep it, record by record.

A deliberate change of the parse (a parser rule, or ingest's reading of the header or text)
refreshes the snapshot in the same commit:

    .venv/bin/python -m tests.snapshot            # prints the differences: review them
    .venv/bin/python -m tests.snapshot --update   # rewrites the snapshot

and the reviewer reads the differences the first command printed.
"""
from tests import snapshot


def test_every_parse_as_in_the_snapshot(tmp_path):
    from nlp import Parser
    snapshot.generate(tmp_path)
    now = snapshot.parse_all(Parser(), tmp_path)
    kept = snapshot.load()
    assert len(kept) == 263, "the snapshot covers 113 corpus notices, 90 of tests/notices and 60 generated"
    diff = snapshot.differences(kept, now)
    assert not diff, "the parse differs from tests/snapshots/parses.jsonl.gz " \
                     "(refresh with `python -m tests.snapshot --update` if meant):\n" + "\n".join(diff)


def test_differences_are_reported():
    """A changed finding, a lost notice and a new one are each named with their notice."""
    kept = {"a/1.txt": {"notice": {"title": "T"}, "pass_rates": [],
                        "findings": [{"unit": "泽库县", "problem": "not_updated"}]},
            "a/2.txt": {"notice": {}, "pass_rates": [], "findings": []}}
    now = {"a/1.txt": {"notice": {"title": "T"}, "pass_rates": [],
                       "findings": [{"unit": "泽库县", "problem": "blank_column"}]},
           "a/3.txt": {"notice": {}, "pass_rates": [], "findings": []}}
    diff = "\n".join(snapshot.differences(kept, now))
    assert "a/2.txt: in the snapshot, not parsed now" in diff
    assert "a/3.txt: parsed now, not in the snapshot" in diff
    assert '-{"problem": "not_updated", "unit": "泽库县"}' in diff
    assert '+{"problem": "blank_column", "unit": "泽库县"}' in diff
    assert snapshot.differences(kept, kept) == []
