"""Full-text search that works for Chinese.

SQLite's FTS5 tokenizers do not split Chinese into words (unicode61 takes a whole run of Han
characters as one token; trigram cannot match two-character words such as 栏目). So the text
is segmented with jieba before it is indexed: the indexed columns hold the words separated by
spaces, and `fts_query` segments a user's query the same way into a MATCH expression.

Tables (rowid = the row they index):
  finding_fts(unit_name, evidence)   rowid = finding.id
  notice_fts(title, text)            rowid = notice.id
"""
import re
from functools import lru_cache

FTS_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS finding_fts USING fts5(unit_name, evidence)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS notice_fts USING fts5(title, text)",
]

_WORD = re.compile(r"\w")


@lru_cache(maxsize=1)
def _jieba():
    """jieba's default tokenizer, shared with the parser and left as it is (adding words would
    change how the parser segments). Without HMM, words jieba does not know (民宗委) come out
    as single characters the same way in the index and in a query, so phrases still match."""
    import logging

    import jieba
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def segment(text):
    """Text as space-separated words for indexing: every word and its sub-words.

    jieba segments each run of Han characters, letters and digits (its `re_han_default`)
    on its own, so segmenting run by run gives the same words as the whole text at once,
    and a run seen before is not segmented again: a finding's evidence is a sentence of the
    notice's text, segmented just before it, and lists of findings repeat their sentence."""
    if not text:
        return ""
    jieba = _jieba()
    return " ".join(w for run in jieba.re_han_default.split(text) if run
                    for w in _run_words(run))


@lru_cache(maxsize=8192)
def _run_words(run):
    return tuple(w for w in _jieba().cut_for_search(run, HMM=False) if _WORD.search(w))


def _phrase(words):
    return '"' + " ".join(w.replace('"', '""') for w in words) + '"'


def fts_query(user_text):
    """An FTS5 MATCH expression for what a user typed, segmented as the index is.

    Each whitespace-separated part of the query must occur (AND), as a phrase of the same
    words and sub-words the index holds for it; a part that is one dictionary word made of
    smaller words (监督管理) may also occur as those words, as inside 药品监督管理局.
    Returns None for a query with no words.
    """
    parts = []
    for chunk in (user_text or "").split():
        words = segment(chunk).split()
        if not words:
            continue
        smallest = [w for w in words if not any(o != w and o in w for o in words)]
        alternatives = [_phrase(words)]
        if len(smallest) > 1 and "".join(smallest) == chunk and smallest != words:
            alternatives.append(_phrase(smallest))
        parts.append(alternatives[0] if len(alternatives) == 1
                     else "(" + " OR ".join(alternatives) + ")")
    return " AND ".join(parts) if parts else None


def index_finding(conn, rows):
    """rows: (finding_id, unit_name, evidence)."""
    conn.executemany("INSERT INTO finding_fts(rowid, unit_name, evidence) VALUES (?, ?, ?)",
                     ((fid, segment(unit), segment(evidence)) for fid, unit, evidence in rows))


def search(conn, table, user_text, limit=100):
    """rowids of `table` (finding_fts or notice_fts) matching what the user typed."""
    expression = fts_query(user_text)
    if expression is None:
        return []
    return [r[0] for r in conn.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?",
        (expression, limit))]
