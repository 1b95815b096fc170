"""The notice record (../shared/spec/findings.md) from a parsed Doc and its Notice."""

HEADER_KEYS = ("title", "issuer", "province", "prefecture", "county", "year", "quarter",
               "period", "published", "doc_number")


def build_record(notice, doc):
    header = {k: (notice.header or {}).get(k) for k in HEADER_KEYS}
    header.update({k: v for k, v in (notice.header or {}).items() if k not in header})
    header.update({"source": str(notice.path), "sha256": notice.sha256})
    findings = []
    for f in doc._.findings:
        f = dict(f)
        if f.get("month") is None:
            f.pop("month", None)
        findings.append(f)
    return {"notice": header, "pass_rates": list(doc._.pass_rates), "findings": findings}
