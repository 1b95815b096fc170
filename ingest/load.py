"""From a path to a Notice: read, decode, normalise, check it is a notice, read the header."""
import hashlib
import re
from pathlib import Path

from .errors import IngestError
from .header import read_header
from .normalize import normalize
from .notice import Notice
from .readers import READERS

SUFFIXES = set(READERS)
# Notices run to tens of kilobytes; a PDF with scanned attachments to a few megabytes. Past
# these limits a file is an export or an archive, not one notice (and spaCy stops at 10^6).
MAX_BYTES = 20 * 2**20
MAX_CHARS = 1_000_000

# An inspection notice speaks of government websites or new-media accounts being checked.
_SUBJECT = re.compile(r"政府网站|政务新媒体|网站|政务微博|政务微信|公众号|新媒体")
_INSPECTION = re.compile(r"检查|抽查|普查|监测|抽检|巡查|考核|通报|合格率|不合格")


def iter_files(paths):
    """Yield every supported file under the given files and directories, recursively.

    A file named directly is yielded whatever its suffix, so that load_notice can say why
    it cannot be read.
    """
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES
                              and not _hidden(f.relative_to(p)))
        else:
            yield p


def _hidden(relative):
    """Dot files and directories, and the ~$ lock files Office leaves beside open documents."""
    return any(part.startswith((".", "~$")) for part in relative.parts)


def read_text(path):
    """The decoded text of a supported file, before normalisation."""
    path = Path(path)
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(path, f"unsupported file type {path.suffix or '(no suffix)'}; "
                                f"expected one of {', '.join(sorted(SUFFIXES))}")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:     # refused before reading: a 50 MB text took 1.3 GB to clean
            raise IngestError(path, f"file too large for a notice: {size / 2**20:.1f} MB "
                                    f"(at most {MAX_BYTES // 2**20} MB)")
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(path, f"cannot read file: {e.strerror}") from e
    raw = reader(path, data)
    if len(raw) > MAX_CHARS:
        raise IngestError(path, f"text too long for a notice: {len(raw):,} characters "
                                f"(at most {MAX_CHARS:,})")
    return data, raw


def check_is_notice(path, text):
    """Raise unless the text reads like an inspection notice on government sites/accounts."""
    if len(text) < 50:
        raise IngestError(path, f"not an inspection notice: only {len(text)} characters of text")
    subject = len(_SUBJECT.findall(text))
    inspection = len(_INSPECTION.findall(text))
    if subject < 2 or inspection < 2:
        raise IngestError(path, "not an inspection notice: the text does not speak of checking "
                                "government websites or new-media accounts")


def load_notice(path):
    path = Path(path)
    data, raw = read_text(path)
    text, offsets = normalize(raw)
    check_is_notice(path, text)
    return Notice(path=str(path), sha256=hashlib.sha256(data).hexdigest(),
                  raw_text=raw, text=text, offsets=offsets, header=read_header(text))
