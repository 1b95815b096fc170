"""The vocabulary the modules of nlp share: channel words, the endings of unit names, the
words that make a name no unit or end it, numerals and the names of places.

The words themselves are data (nlp/vocabulary/, read by nlp/vocab.py); this module builds
the patterns of them once.  Everything there describes how notices are written, never
which units they name.
"""
import re
from functools import lru_cache

from . import vocab

HAN = "\u4e00-\u9fff"


def _longest_first(words):
    return sorted(words, key=len, reverse=True)


# Channel words with the channel they name (nlp/vocabulary/channels.toml), longest first.
# Used both to tell the channel of a finding and to cut a unit name from the words that follow it.
CHANNEL_WORDS = sorted(((word, channel) for channel, words in vocab.entry("channels.channel").items()
                        for word in words), key=lambda pair: len(pair[0]), reverse=True)
CHANNEL_RE = re.compile("|".join(re.escape(w) for w, _ in CHANNEL_WORDS))
CHANNEL_OF = dict(CHANNEL_WORDS)

# Endings of the names of bodies and places (局, 委员会, 县 …).  A run of Han characters
# ending in one of these reads as a unit name.
UNIT_SUFFIXES = _longest_first(vocab.words("units.endings"))
UNIT_END_RE = re.compile("(?:" + "|".join(map(re.escape, UNIT_SUFFIXES)) + ")$")

# Words that open a class of units rather than naming one (部分县级政府网站).
CLASS_OPENERS = re.compile("^(?:" + vocab.pattern("units.class_openers") + ")")
CLASS_QUANTIFIER_AT_END = re.compile("(?:" + "|".join(vocab.words("units.class_quantifiers")) + ")$")
# Names that are really parts of a page, documents or jargon rather than units.
NOT_A_UNIT = re.compile(vocab.pattern("units.not_a_unit"))
NOT_A_UNIT_UNLESS_A_BODY = re.compile(vocab.pattern("units.not_a_unit_unless_a_body"))
SITE_OR_BODY_END = re.compile("(?:" + "|".join(map(re.escape, vocab.words("units.site_or_body_endings"))) + ")$")


def not_a_unit(name):
    """Whether a word in `name` says it is no unit (栏目, 情况, 系统 in 考核系统 but not 公示系统网)."""
    return bool(NOT_A_UNIT.search(name)) or (
        bool(NOT_A_UNIT_UNLESS_A_BODY.search(name)) and not SITE_OR_BODY_END.search(name))
# Predicate starts: where the subject of a clause ends.
PREDICATE_START = re.compile(vocab.pattern("units.predicate_starts"))

CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}


def cn_number(text):
    """'4' -> 4, '四' -> 4, '十二' -> 12."""
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return CN_DIGITS.get(text)
    if text.startswith("十"):
        return 10 + CN_DIGITS.get(text[1:], 0)
    if len(text) == 2 and text[1] == "十":
        return CN_DIGITS.get(text[0], 0) * 10
    if len(text) == 3 and text[1] == "十":
        return CN_DIGITS.get(text[0], 0) * 10 + CN_DIGITS.get(text[2], 0)
    return None


# Administrative-division endings, stripped to get the short forms places go by (湖南, 六安).
_PLACE_ENDINGS = re.compile("(?:" + vocab.pattern("places.short_form") + ")$")


@lru_cache(maxsize=1)
def place_names():
    """Names of China's administrative divisions, full and short, from the project's table."""
    from ingest.divisions import load_regions, short_names
    names = set()
    for region in load_regions().values():
        for name in (region.name, *region.former_names):
            names.add(name)
            names.update(short_names(name))
    return frozenset(names)


@lru_cache(maxsize=1)
def full_place_names():
    """The full names of China's administrative divisions (百色市, 凌云县), from cpca's table."""
    return frozenset(n for n in place_names() if _PLACE_ENDINGS.search(n))
