"""The notice as ingest hands it on: clean text, header and a way back to the source."""
from dataclasses import dataclass, field


@dataclass
class Notice:
    path: str                 # the file it came from
    sha256: str               # hash of the file's bytes, for idempotent imports
    raw_text: str             # decoded text before normalisation
    text: str                 # clean simplified text
    offsets: list[int]        # offsets[i] = position in raw_text of text[i]
    header: dict = field(default_factory=dict)  # title, issuer, province, prefecture, county,
                                                # year, quarter, period, published, doc_number

    def source_span(self, start, end):
        """Map a [start, end) span of the clean text back to raw_text."""
        if not self.offsets:
            return start, end
        lo = self.offsets[min(start, len(self.offsets) - 1)]
        hi = self.offsets[min(max(end - 1, start), len(self.offsets) - 1)] + 1
        return lo, hi
