"""From a path to a Notice: read, decode, normalise, read the header."""
import hashlib
from pathlib import Path

from .errors import IngestError
from .normalize import normalize
from .notice import Notice

SUFFIXES = {".txt"}


def iter_files(paths):
    """Yield every supported file under the given files and directories, recursively."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUFFIXES)
        else:
            yield p


def load_notice(path):
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(path, f"cannot read file: {e.strerror}") from e
    raw = data.decode("utf-8-sig")
    text, offsets = normalize(raw)
    return Notice(path=str(path), sha256=hashlib.sha256(data).hexdigest(),
                  raw_text=raw, text=text, offsets=offsets, header={})
