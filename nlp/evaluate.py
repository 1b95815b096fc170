"""Precision, recall and F1 of notice records against gold records.

The measures are those of the record format (docs/record.md, "Scoring"), so that users can check
the parser on their own annotations:
- period: (year, quarter) equal; province: equal;
- pass_rate: rates matched by scope and value within ±0.05;
- units- / units+: negative / positive units, names compared after t2s and after
  trailing channel words are stripped, equal or one containing the other;
- problems: (unit, problem) pairs of negative findings, `unspecified` dropped where the
  unit also has a specific problem.
"""
import difflib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from opencc import OpenCC

MEASURES = ("pass_rate", "units-", "units+", "problems")
# channel and government words that may trail a unit's name, longest first
_TRAILING = ("政府门户网站", "门户网站", "政府网站", "网站", "人民政府网", "人民政府",
             "政府", "政务微博", "政务微信", "官方微博", "微信公众号", "微信服务号",
             "微信订阅号", "公众号", "订阅号",
             "服务号", "微信", "微博", "抖音号", "账号", "帐号", "等")
_PUNCT = re.compile(r"[\s“”\"'‘’「」『』《》〈〉:：,，。、;；]")
_BRACKET_END = re.compile(r"[（(][^（）()]*[)）]$")


@lru_cache(maxsize=1)
def _t2s():
    return OpenCC("t2s")


def normalise_unit(name):
    """Simplified, without punctuation, a trailing bracket or trailing channel words."""
    s = _PUNCT.sub("", _t2s().convert(name or ""))
    while s:
        before = s
        s = _BRACKET_END.sub("", s)
        for word in _TRAILING:
            if s.endswith(word) and len(s) > len(word) + 1:
                s = s[:-len(word)]
                break
        if s == before:
            break
    return s


def _similarity(a, b):
    """3 equal, 2 one contains the other (and is at least 0.4 of it), 1 close, 0 different."""
    if a == b:
        return 3
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 2 and short in long_ and len(short) / len(long_) >= 0.4:
        return 2
    return 1 if difflib.SequenceMatcher(None, a, b).ratio() >= 0.8 else 0


def _pairs(gold, pred, compatible=lambda g, p: True):
    """Greedy one-to-one matching of (unit, …) tuples, best similarity first."""
    candidates = sorted((-_similarity(g[0], p[0]), i, j)
                        for i, g in enumerate(gold) for j, p in enumerate(pred)
                        if compatible(g, p) and _similarity(g[0], p[0]))
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((gold[i], pred[j]))
    return pairs


def _findings(record, polarity):
    return [f for f in record.get("findings") or []
            if (f.get("polarity") or "negative") == polarity and f.get("unit")]


def _units(findings):
    out = []
    for f in findings:
        u = normalise_unit(f["unit"])
        if u and (u,) not in out:
            out.append((u,))
    return out


def _problems(findings):
    by_unit = {}
    for f in findings:
        u = normalise_unit(f["unit"])
        if u:
            by_unit.setdefault(u, set()).add(f.get("problem") or "unspecified")
    out = []
    for u, codes in by_unit.items():
        if len(codes) > 1:
            codes.discard("unspecified")
        out.extend((u, c) for c in sorted(codes))
    return out


def _rates(record):
    out = []
    for r in record.get("pass_rates") or []:
        try:
            out.append((r.get("scope") or "overall", float(r["rate"])))
        except (KeyError, TypeError, ValueError):
            continue
    return out


def _rate_hits(gold, pred):
    used, hits = set(), 0
    for scope, value in gold:
        for j, (s, v) in enumerate(pred):
            if j not in used and s == scope and abs(v - value) <= 0.05:
                used.add(j)
                hits += 1
                break
    return hits


@dataclass
class Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, n_gold, n_pred, hits):
        self.tp += hits
        self.fp += n_pred - hits
        self.fn += n_gold - hits

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _header(record):
    n = record.get("notice", record)
    return n.get("province") or None, n.get("year"), n.get("quarter")


def evaluate(pairs, misses=None):
    """Score (gold_record, predicted_record) pairs; micro-averaged over documents.

    `misses`, when a list, receives (name, measure, 'missed'|'extra', item) lines."""
    counts = {m: Count() for m in MEASURES}
    period = province = docs = 0
    for name, gold, pred in pairs:
        docs += 1
        gp, gy, gq = _header(gold)
        pp, py, pq = _header(pred)
        period += (gy, gq) == (py, pq)
        province += gp == pp
        g, p = _rates(gold), _rates(pred)
        counts["pass_rate"].add(len(g), len(p), _rate_hits(g, p))
        for polarity, measure in (("negative", "units-"), ("positive", "units+")):
            g, p = _units(_findings(gold, polarity)), _units(_findings(pred, polarity))
            matched = _pairs(g, p)
            counts[measure].add(len(g), len(p), len(matched))
            _note(misses, name, measure, g, p, matched)
        g, p = _problems(_findings(gold, "negative")), _problems(_findings(pred, "negative"))
        matched = _pairs(g, p, lambda a, b: a[1] == b[1])
        counts["problems"].add(len(g), len(p), len(matched))
        _note(misses, name, "problems", g, p, matched)
    result = {"docs": docs, "period": period / docs if docs else 0.0,
              "province": province / docs if docs else 0.0}
    for m, c in counts.items():
        p, r, f = c.prf()
        result[m] = {"p": p, "r": r, "f1": f, "tp": c.tp, "fp": c.fp, "fn": c.fn}
    return result


def _note(misses, name, measure, gold, pred, matched):
    if misses is None:
        return
    hit_g = {a for a, _ in matched}
    hit_p = {b for _, b in matched}
    misses.extend((name, measure, "missed", " ".join(g)) for g in gold if g not in hit_g)
    misses.extend((name, measure, "extra", " ".join(p)) for p in pred if p not in hit_p)


def load_gold(gold_dir):
    """{stem: gold record} for every NAME.json in a directory."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))}


def format_result(result):
    lines = [f"docs {result['docs']}  period {result['period']:.3f}  province {result['province']:.3f}"]
    for m in MEASURES:
        r = result[m]
        p, rc, f = (round(r[k], 4) for k in ("p", "r", "f1"))  # as score.py prints them
        lines.append(f"{m:10s} P {p:.3f}  R {rc:.3f}  F1 {f:.3f}"
                     f"  (tp {r['tp']} fp {r['fp']} fn {r['fn']})")
    return "\n".join(lines)
