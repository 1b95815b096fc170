"""Readings of real notices (corpus/) that the parser learned from the way notices are written,
each asserted on a notice that shows it: the finding it must give, or must not give."""
from pathlib import Path

import pytest

from ingest import load_notice
from nlp import Parser

CORPUS = Path(__file__).parent.parent / "corpus"


@pytest.fixture(scope="module")
def findings():
    parser = Parser()
    cache = {}

    def of(name):
        if name not in cache:
            record = parser.parse(load_notice(CORPUS / f"{name}.txt"))
            cache[name] = {(f["unit"], f["polarity"], f["problem"]) for f in record["findings"]}
        return cache[name]
    return of


GIVEN = [
    # a top score and a clean record praise (…得分最高126分, …没有扣分)
    ("r35", "西城区", "positive", None),
    ("r34", "延庆区", "positive", None),
    # the few who complied, under a section of problems (仍只有A、B…及时跟踪并反馈)
    ("r62", "审计局", "positive", None),
    # two lists, opposite verdicts in one sentence (合格率超过95%, …低于85%)
    ("r102", "北京", "positive", None),
    ("r102", "新疆生产建设兵团", "negative", "unspecified"),
    # an excerpt cut mid-list: the names before the cut take their lead-in's problem
    ("r30", "统计局", "negative", "wording_error"),
    ("r51", "惠山新城发布", "negative", "interaction_poor"),
    # an account whose quote the cut splits is named by the body that runs it
    ("r61", "政和县自然资源局", "negative", "wording_error"),
    # a short line naming and counting a kind of problem heads the names under it
    ("r45", "徐圩警方", "negative", "interaction_poor"),
    ("r45", "连云港民政", "negative", "service_impractical"),
    # a sentence about a class of units, then its members named
    ("r89", "昌都市民政局", "negative", "rectification"),
    # the page lost the opening mark of the first quote
    ("r88", "巴塘警方", "negative", "registration"),
    # good work set out under a point of praise inside a paragraph (。二是…不断提高。)
    ("r85", "龙塔街道", "positive", None),
    # problems as the object of work done on them blame no one (对发现存在问题的网站及时督促整改)
    ("r41", "大庆市", "positive", None),
    # a name ends before how often the unit does its work (鹤岗市每月对全市政府网站进行一次全面检查)
    ("r41", "鹤岗市", "positive", None),
    # the unit named after the best score (最高得分为弥渡县人民政府门户网站109分) is praised
    ("r91", "弥渡县", "positive", None),
    # wordings by meaning: document attributes, replies dragged out, repost rates
    ("r96", "教育局", "negative", "disclosure"),
    ("r65", "湖北旅游网", "negative", "interaction_poor"),
    ("r68", "福州市财政局", "negative", "repost_missing"),
    # a domain not filed is a filing problem, not a domain that breaks the rules
    ("r95", "兵团国资委", "negative", "registration"),
    # 网 after a body's name is the body's site (十堰市民政局网, “天水市水务局网”)
    ("r65", "十堰市民政局", "negative", "registration"),
    # a list the cut leaves without its predicate still takes the problem its heading states
    ("r16", "泰来县", "negative", "not_updated"),
    # an app, then the body behind it in brackets; not updated within the days a rule sets
    ("r68", "e福州", "negative", "not_updated"),
]

NOT_GIVEN = [
    ("r41", "鹤岗市每月", "positive", None),
    ("r35", "西城区", "negative", "unspecified"),      # praised, not blamed for 扣分
    ("r62", "审计局", "negative", "registration"),
    ("r94", "秦都退役军人事", "negative", "unspecified"),  # a name the cut splits
    ("r63", "区政府办", "positive", None),             # the notice's own issuer
    ("r83", "万盛经开区管委会", "positive", None),      # a list defining a collective (以下统称…)
    ("r77", "绝大多数", "positive", None),             # a class, not a unit
    ("r95", "兵团国资委", "negative", "other"),         # 域名…未完成ICP备案: where, not what
    ("r35", "文化四个主题", "positive", None),         # 生活、…、文化四个主题: a count of themes
    ("r63", "十县百乡", "positive", None),             # 参与“十县百乡”创建活动: a campaign's slogan
    ("r55", "从政务", "positive", None),               # 从政务新媒体类型看: a point of view
    ("r98", "天水市水务局网", "negative", "not_updated"),
    ("r59", "新乡市", "positive", None),              # …为100%,新乡市、兰考县、|: its predicate was cut
    ("r63", "视频解读", "positive", None),             # 政府开放日、视频解读等不同形式: means
    ("r68", "智慧福州", "negative", "unspecified"),    # 福州市“智慧福州”管理服务中心: a name
    ("r55", "信息发布前经过", "positive", None),       # …前经过政务新媒体…: a clause, not a brand
]


@pytest.mark.parametrize("name,unit,polarity,problem", GIVEN)
def test_reading_gives_the_finding(findings, name, unit, polarity, problem):
    assert (unit, polarity, problem) in findings(name), sorted(findings(name))


@pytest.mark.parametrize("name,unit,polarity,problem", NOT_GIVEN)
def test_reading_does_not_give_the_finding(findings, name, unit, polarity, problem):
    assert (unit, polarity, problem) not in findings(name)


def test_a_level_word_before_a_body_is_the_notices_own_region(findings):
    """r70 names 财政局 in one sentence and 市财政局 in the next: one unit, not two."""
    assert len({unit for unit, _, _ in findings("r70") if unit.endswith("财政局")}) == 1
