"""Entry point of the parser: Notice -> notice record. (Early version: header only;
the spaCy pipeline that fills pass_rates and findings is being built.)"""
from functools import lru_cache


class Parser:
    def parse(self, notice):
        return {"notice": {**notice.header, "source": notice.path, "sha256": notice.sha256},
                "pass_rates": [], "findings": []}


@lru_cache(maxsize=1)
def default_parser():
    return Parser()


def parse_notice(notice):
    return default_parser().parse(notice)
