"""The notice record (the record format, docs/record.md) from a parsed Doc and its Notice."""
import re

from . import vocab

HEADER_KEYS = ("title", "issuer", "province", "prefecture", "county", "year", "quarter",
               "period", "published", "doc_number")
_REGION_END = re.compile("(?:" + vocab.pattern("places.own_region") + ")$")
_GOVERNMENT = re.compile(r"(?:人民政府|政府)?(?:门户网站|网站)?$")


def _own_region(header):
    """The short and full names of the region the notice itself covers (its lowest level)."""
    for key in ("county", "prefecture", "province"):
        name = header.get(key)
        if name:
            return {name, _REGION_END.sub("", name)}
    return set()


def build_record(notice, doc):
    header = {k: (notice.header or {}).get(k) for k in HEADER_KEYS}
    header.update({k: v for k, v in (notice.header or {}).items() if k not in header})
    header.update({"source": str(notice.path), "sha256": notice.sha256})
    own = _own_region(header)
    findings = []
    for f in doc._.findings:
        if _GOVERNMENT.sub("", f["unit"]) in own:
            continue        # the notice's own region describing itself (天津市登记备案的…)
        f = dict(f)
        if f.get("month") is None:
            f.pop("month", None)
        findings.append(f)
    return {"notice": header, "pass_rates": list(doc._.pass_rates), "findings": findings}
