"""ingest: any notice file becomes clean simplified text with its header.

`load_notice` (and with it the readers, OpenCC and the region table) is imported on first
use, so that finding files and hashing them loads nothing else."""
from .errors import IngestError
from .files import iter_files
from .notice import Notice

__all__ = ["IngestError", "Notice", "iter_files", "load_notice"]


def __getattr__(name):
    if name == "load_notice":
        from .load import load_notice
        return load_notice
    raise AttributeError(f"module 'ingest' has no attribute {name!r}")
