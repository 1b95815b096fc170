"""jieba segmentation, done once per text and shared by the parser's tokenizer and the
search index (kb/fts.py).

jieba cuts each run of Han characters, letters and digits (its `re_han_default`) on its own
and passes the rest through a character at a time, so cutting run by run gives the words of
the whole text, and a run seen before (a unit name, a stock phrase, a sentence the index
segments again as a finding's evidence) is looked up instead of cut again.

Without HMM: words jieba does not know (民宗委) come out as single characters, the same way
in a notice and in a user's query, so the index and the queries agree.
"""
import logging
from functools import lru_cache

import jieba

jieba.setLogLevel(logging.WARNING)
jieba.initialize()
_RUN = jieba.re_han_default


def blocks(text):
    """`text` cut into runs of Han characters, letters and digits and the pieces between."""
    return [block for block in _RUN.split(text) if block]


@lru_cache(maxsize=8192)
def block_words(block):
    """The words of one block (a run is cut; what lies between comes a character at a time)."""
    return tuple(jieba.cut(block, HMM=False))


def words(text):
    """Every word of `text` in order; their concatenation is `text`."""
    out = []
    for block in blocks(text):
        out.extend(block_words(block))
    return out


def in_dictionary(word):
    """Whether jieba's dictionary has `word` as a word (not only as a prefix of one)."""
    return bool(jieba.dt.FREQ.get(word))
