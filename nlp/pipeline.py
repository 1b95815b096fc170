"""The spaCy pipeline: a blank Chinese pipeline segmented by jieba, with the extraction
steps as registered components that leave their results on the Doc.

    doc._.text          the notice text (Doc.text, read once)
    doc._.segments      sentences with their heading chains (sections.py)
    doc._.pass_rates    pass-rate entries (rates.py)
    doc._.findings      findings from result tables and from sentences
    doc.spans["sections"|"pass_rates"|"findings"|"units"]   the same as spans of the Doc

Components work on character offsets and make spans with
`doc.char_span(..., alignment_mode="expand")`, so jieba's segmentation never hides a match.
"""
import bisect

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import segment
from .findings import dedupe, merge_spellings, sentence_findings
from .rates import find_rates
from .sections import split_sentences
from .tables import table_findings

for _name in ("text", "segments", "pass_rates", "findings", "table_spans"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def _with_evidence(text, entries):
    """Evidence is the notice text between start and end, line breaks and all: one string
    for each span, which the findings of one sentence share (a list of a thousand names)."""
    spans = {}
    for e in entries:
        span = (e["start"], e["end"])
        if span not in spans:
            spans[span] = text[e["start"]:e["end"]]
        e["evidence"] = spans[span]
    return entries


def _span(doc, start, end, label):
    return doc.char_span(start, max(end, start + 1), label=label, alignment_mode="expand")


class JiebaTokenizer:
    """Words from nlp/segment.py (the index reuses them), one token each, whitespace included,
    so the tokens join to the text exactly. The text is kept on the Doc: Doc.text would be
    rebuilt from the tokens on every access."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text):
        words = segment.words(text)
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc._.text = text
        return doc


@Language.component("tongbao_sections")
def sections_component(doc):
    doc._.segments = split_sentences(doc._.text)
    doc.spans["sections"] = [s for s in (_span(doc, seg.start, seg.end, "heading")
                                         for seg in doc._.segments if seg.is_heading) if s is not None]
    return doc


@Language.component("tongbao_rates")
def rates_component(doc):
    text = doc._.text
    doc._.pass_rates = _with_evidence(text, find_rates(doc._.segments, text))
    doc.spans["pass_rates"] = [s for s in (_span(doc, r["start"], r["end"], r["scope"])
                                           for r in doc._.pass_rates) if s is not None]
    return doc


@Language.component("tongbao_findings")
def findings_component(doc):
    segments = doc._.segments
    starts = [s.start for s in segments]

    def heading_at(offset):
        before = bisect.bisect_right(starts, offset)
        return segments[before - 1].headings if before else []

    text = doc._.text
    from_tables, consumed = table_findings(text, heading_at)
    doc._.table_spans = consumed
    found = from_tables + sentence_findings(segments, skip=consumed)
    doc._.findings = _with_evidence(text, merge_spellings(dedupe(found)))
    doc.spans["findings"] = [s for s in (_span(doc, f["start"], f["end"], f["polarity"])
                                         for f in doc._.findings) if s is not None]
    # each unit as named, labelled by polarity (a name may be faulted and praised)
    doc.spans["units"] = [s for s in (_span(doc, f["unit_start"], f["unit_end"], f["polarity"])
                                      for f in doc._.findings) if s is not None]
    return doc


def build_pipeline():
    """spacy.blank('zh') with jieba's words, then the tongbao components in order."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    for name in ("tongbao_sections", "tongbao_rates", "tongbao_findings"):
        nlp.add_pipe(name)
    return nlp
