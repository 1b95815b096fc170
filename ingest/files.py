"""Which files an import or a command reads: every supported file under the paths given.

Kept apart from the readers' libraries, so that finding the files (and a re-import that
recognises them all by their hash) loads nothing else."""
from pathlib import Path

SUFFIXES = {".txt", ".html", ".htm", ".pdf", ".docx"}


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
