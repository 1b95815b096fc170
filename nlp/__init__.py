"""nlp: a clean notice becomes a notice record (see ../shared/spec/findings.md)."""
from .parser import Parser, parse_notice

__all__ = ["Parser", "parse_notice"]
