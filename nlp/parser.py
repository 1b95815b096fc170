"""Entry point of the parser: Notice -> notice record.  Load the Parser once, parse many."""
from functools import lru_cache

from . import lexicon
from .pipeline import build_pipeline
from .record import build_record


class Parser:
    def __init__(self):
        self.nlp = build_pipeline()
        # the place names the rules read, loaded now rather than at the first notice (two
        # seconds), so that worker processes forked after the Parser share them
        lexicon.place_names()
        lexicon.full_place_names()

    def parse(self, notice):
        """The notice record of a Notice (the record format, docs/record.md)."""
        return build_record(notice, self.nlp(notice.text))

    def parse_many(self, notices):
        notices = list(notices)
        docs = self.nlp.pipe(n.text for n in notices)
        return [build_record(n, d) for n, d in zip(notices, docs)]


@lru_cache(maxsize=1)
def default_parser():
    return Parser()


def parse_notice(notice):
    return default_parser().parse(notice)
