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

from nlp import segment as nlp_segment

FTS_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS finding_fts USING fts5(unit_name, evidence)",
    "CREATE VIRTUAL TABLE IF NOT EXISTS notice_fts USING fts5(title, text)",
]

_WORD = re.compile(r"\w")


def segment(text):
    """Text as space-separated words for indexing: every word and its sub-words.

    The words come from nlp/segment.py, the parser's own segmentation, so a notice the parser
    has just read is not cut again, and a finding's evidence (a sentence of that notice) is
    made of runs already cut."""
    if not text:
        return ""
    return " ".join(w for block in nlp_segment.blocks(text)
                    for w in _search_words(block))


@lru_cache(maxsize=8192)
def _search_words(block):
    """jieba's cut_for_search of a block, made from the block's words: before each word
    longer than two characters, its two- and three-character parts that are dictionary words."""
    out = []
    for w in nlp_segment.block_words(block):
        for n in (2, 3):
            if len(w) > n:
                out.extend(g for g in (w[i:i + n] for i in range(len(w) - n + 1))
                           if nlp_segment.in_dictionary(g))
        out.append(w)
    return tuple(w for w in out if _WORD.search(w))


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
