"""From a path to a Notice: read, decode, normalise, check it is a notice, read the header."""
import hashlib
import re
from pathlib import Path

from .errors import IngestError
from .files import SUFFIXES
from .header import read_header
from .normalize import normalize
from .notice import Notice
from .readers import READERS

# Notices run to tens of kilobytes; a PDF with scanned attachments to a few megabytes. Past
# these limits a file is an export or an archive, not one notice (and spaCy stops at 10^6).
MAX_BYTES = 20 * 2**20
MAX_CHARS = 1_000_000

# What a notice of this kind is about, said in the many ways notices say it: government
# websites, new-media accounts or a column of them …
SUBJECT = re.compile(r"网站|政府网|门户网|网页|栏目|新媒体|政务微博|政务微信|"
                     r"公众号|头条号|抖音号|客户端|小程序|"
                     r"账号|帐号")
# … and checking them, what was found, how it is to be mended, or how their content is kept
# up and supplied (a 内容保障 or 信息报送 notice is a notice of this kind too).
MATTER = re.compile(r"[检抽普巡督核自复暗]查|查[验核看]|监测|抽检|检测|测评|评估|"
                    r"考[核评]|扫描|"
                    r"通报|点名|合格|问题|不达标|红牌|黄牌|排名|得分|扣分|"
                    r"整改|关停|注销|"
                    r"内容保障|信息报送|报送|更新|采纳|回复|办结")
SENTENCE_END = re.compile(r"[。;；!?！？\n]")
# Sentences that must speak of both: one could be a news item's passing mention.
MIN_SENTENCES = 2
RUN_ON = 200          # characters: longer than almost any sentence of a real notice

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


def _sentences(text):
    """The sentences of a text; one that runs on without punctuation counts as pieces of a
    sentence's length, so a notice pasted as one unpunctuated line is still read."""
    for sentence in SENTENCE_END.split(text):
        yield from (sentence[i:i + RUN_ON] for i in range(0, max(len(sentence), 1), RUN_ON))


def check_is_notice(path, text):
    """Raise unless the text reads like a notice on checking government sites or accounts:
    at least two of its sentences name a site, account or column together with a check,
    a finding, a remedy or the upkeep of content."""
    if len(text) < 50:
        raise IngestError(path, f"not an inspection notice: only {len(text)} characters of text")
    if not SUBJECT.search(text):
        raise IngestError(path, "not an inspection notice: the text names no government website "
                                "or new-media account")
    about = sum(1 for s in _sentences(text) if SUBJECT.search(s) and MATTER.search(s))
    if about < MIN_SENTENCES:
        raise IngestError(path, "not an inspection notice: the text does not speak of checking "
                                "government websites or new-media accounts, of what was found "
                                "on them or of keeping their content")


def load_notice(path):
    path = Path(path)
    data, raw = read_text(path)
    text, offsets = normalize(raw)
    check_is_notice(path, text)
    return Notice(path=str(path), sha256=hashlib.sha256(data).hexdigest(),
                  raw_text=raw, text=text, offsets=offsets, header=read_header(text))
