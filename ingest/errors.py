"""The one error type of ingest: a file that cannot become a notice."""


class IngestError(Exception):
    """A file could not be read as an inspection notice.

    `path` names the file and `reason` says why, in words a researcher can act on.
    """

    def __init__(self, path, reason):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
