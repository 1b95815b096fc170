"""ingest: any notice file becomes clean simplified text with its header."""
from .errors import IngestError
from .load import iter_files, load_notice
from .notice import Notice

__all__ = ["IngestError", "Notice", "iter_files", "load_notice"]
