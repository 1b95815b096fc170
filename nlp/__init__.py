"""nlp: a clean notice becomes a notice record (the record format, docs/record.md).

The Parser (and with it spaCy) is imported on first use, so the parts of nlp that kb shares
(the lexicon, the segmentation) come without it."""

__all__ = ["Parser", "parse_notice"]


def __getattr__(name):
    if name in __all__:
        from . import parser
        return getattr(parser, name)
    raise AttributeError(f"module 'nlp' has no attribute {name!r}")
