"""Full-text search that works for Chinese.

SQLite's FTS5 tokenizers do not split Chinese into words (unicode61 takes a whole run of Han
characters as one token; trigram cannot match two-character words such as 栏目). So the text
is segmented with jieba before it is indexed: the indexed columns hold the words separated by
spaces, and `fts_query` segments a user's query the same way into a MATCH expression.

Tables (rowid = the row they index):
  finding_fts(unit_name, evidence)   rowid = finding.id
  notice_fts(title, text)            rowid = notice.id

They are contentless (content=''): they keep the index of the words and nothing else, since
the text is in finding and notice already (storing the segmented copy as well took a third of
the database). Search needs only the index: MATCH, rowid and rank work as before. Removing a
row from a contentless table takes the words it was indexed with, which are the segmentation
of the stored text; the database records which segmentation that was (`segmenter`), and an
index built by another one (a different jieba dictionary), or by a tongbao that still kept the
content, is built again from the stored text (`ensure_index`).
"""
import re
from functools import lru_cache

import jieba

from nlp import segment as nlp_segment

# what each index holds: (fts table, source table, source key, source columns)
INDEXES = [("finding_fts", "finding", "id", ("unit_name", "evidence")),
           ("notice_fts", "notice", "id", ("title", "text"))]
FTS_DDL = [f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({', '.join(columns)}, content='')"
           for fts, _, _, columns in INDEXES]
# bump when the words `segment` makes for the same text change
SEGMENTATION_VERSION = 1

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


def segmenter():
    """What decides the words of a text: this module's rules and jieba's dictionary."""
    return f"{SEGMENTATION_VERSION}:jieba {jieba.__version__}:{len(jieba.dt.FREQ)}:{jieba.dt.total}"


def insert(conn, fts, rows):
    """Index rows (rowid, *segmented columns) in `fts`."""
    columns = next(c for name, _, _, c in INDEXES if name == fts)
    conn.executemany(f"INSERT INTO {fts}(rowid, {', '.join(columns)}) "
                     f"VALUES (?{', ?' * len(columns)})", rows)


def unindex(conn, fts, where, params=()):
    """Take the rows of the source table matching `where` out of `fts`: a contentless index
    forgets a row when told the words it was indexed with, the segmentation of its text."""
    _, source, key, columns = next(i for i in INDEXES if i[0] == fts)
    rows = conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {source} WHERE {where}",
                        params).fetchall()
    conn.executemany(f"INSERT INTO {fts}({fts}, rowid, {', '.join(columns)}) "
                     f"VALUES ('delete', ?{', ?' * len(columns)})",
                     [(row[0], *(segment(v) for v in row[1:])) for row in rows])


def ensure_index(conn, on_rebuild=None):
    """Make both indexes contentless and built by this segmenter, rebuilding them from the
    stored text if not (once, after an upgrade or a dictionary change); call inside a
    transaction. The segmenter is recorded in table search_index."""
    wanted = segmenter()
    stored = dict(conn.execute("SELECT name, segmenter FROM search_index"))
    for (fts, source, key, columns), ddl in zip(INDEXES, FTS_DDL):
        sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (fts,)).fetchone()
        if sql and "content=''" in sql[0] and stored.get(fts) == wanted:
            continue
        if on_rebuild and conn.execute(f"SELECT 1 FROM {source} LIMIT 1").fetchone():
            on_rebuild(fts)
        conn.execute(f"DROP TABLE IF EXISTS {fts}")
        conn.execute(ddl)
        rows = conn.execute(f"SELECT {key}, {', '.join(columns)} FROM {source}")
        while chunk := rows.fetchmany(1000):
            insert(conn, fts, [(row[0], *(segment(v) for v in row[1:])) for row in chunk])
        conn.execute("INSERT OR REPLACE INTO search_index(name, segmenter) VALUES (?, ?)",
                     (fts, wanted))


def search(conn, table, user_text, limit=100):
    """rowids of `table` (finding_fts or notice_fts) matching what the user typed."""
    expression = fts_query(user_text)
    if expression is None:
        return []
    return [r[0] for r in conn.execute(
        f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rank LIMIT ?",
        (expression, limit))]
