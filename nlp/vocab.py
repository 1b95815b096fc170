"""The vocabulary of notices, read from the commented TOML files in nlp/vocabulary/.

Each file holds the words and phrases of one concern (channels.toml, units.toml,
polarity.toml, problems.toml …); the modules of nlp/ keep the logic and build their
patterns from these lists once, when they are imported.

A list is either plain words (`words`) or the alternatives of a regular expression
(`pattern`), joined with `|` in the order written.  In an alternative, `{name}` stands for
the list `name` of the same file, `{file.name}` for a list of another file, and any other
`{name}` for a part the calling module passes (the channel words, say): a reference that is
a whole alternative is spliced in as it is, one inside an alternative is grouped `(?:…)`.
"""
import re
import tomllib
from functools import lru_cache
from importlib import resources

_REFERENCE = re.compile(r"\{([a-z_]+(?:\.[a-z_]+)*)\}")


@lru_cache(maxsize=None)
def _file(name):
    with resources.files(__package__).joinpath("vocabulary", f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def entry(path):
    """The value at `path`: 'units.endings' is the list `endings` of units.toml."""
    file, *keys = path.split(".")
    value = _file(file)
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            raise KeyError(f"nlp/vocabulary/{file}.toml has no list {'.'.join(keys)!r}")
        value = value[key]
    return value


def words(path):
    """A list of plain words, as written."""
    return list(entry(path))


def pattern(path, **parts):
    """The alternatives listed at `path` as one regular expression (a string)."""
    file = path.split(".")[0]

    def resolve(name):
        if name in parts:
            return parts[name]
        return pattern(name if "." in name else f"{file}.{name}", **parts)

    def expand(alternative):
        if whole := _REFERENCE.fullmatch(alternative):
            return resolve(whole.group(1))
        return _REFERENCE.sub(lambda m: "(?:" + resolve(m.group(1)) + ")", alternative)

    return "|".join(expand(a) for a in entry(path))
