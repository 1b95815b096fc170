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


# The office that issued a notice, as it names itself in its text (区政府办公室, 区政府办).
_ISSUING_OFFICE = re.compile(r"([省市县区州旗盟])(?:人民)?政府(办公室|办公厅)$")


def _issuer_names(issuer):
    """The issuer's name and the short forms its own text calls it by: 赣州市章贡区人民政府办公室
    is also 区政府办公室 and 区政府办. A notice does not praise or fault its own issuer."""
    if not issuer:
        return set()
    names = {issuer}
    m = _ISSUING_OFFICE.search(issuer)
    if m:
        level, office = m.groups()
        short = "办" if office == "办公室" else "厅"
        names |= {level + gov + kind for gov in ("政府", "人民政府") for kind in (office, short)}
    return names


def build_record(notice, doc):
    header = {k: (notice.header or {}).get(k) for k in HEADER_KEYS}
    header.update({k: v for k, v in (notice.header or {}).items() if k not in header})
    header.update({"source": str(notice.path), "sha256": notice.sha256})
    own = _own_region(header)
    issuer = _issuer_names(header.get("issuer"))
    findings = []
    for f in doc._.findings:
        if _GOVERNMENT.sub("", f["unit"]) in own or f["unit"] in issuer:
            continue        # the notice's own region describing itself (天津市登记备案的…), or its issuer
        f = dict(f)
        if f.get("month") is None:
            f.pop("month", None)
        findings.append(f)
    return {"notice": header, "pass_rates": list(doc._.pass_rates), "findings": findings}
