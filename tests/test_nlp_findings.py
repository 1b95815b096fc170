"""Findings of sentences: whom a sentence faults or praises, and for what."""
from nlp.findings import sentence_findings
from nlp.sections import split_sentences


def findings(text):
    return [(f["unit"], f["polarity"], f["problem"]) for f in sentence_findings(split_sentences(text))]


def test_a_clause_that_only_says_where_faults_nobody():
    text = ("一、县政府门户网站检查情况\n经查,县政府门户网站“部门信息”栏目中,县水利局子栏目超过3个月未更新;"
            "县政务服务中心“办事指南”专栏多个链接打不开。")
    assert findings(text) == [("县水利局", "negative", "not_updated"),
                              ("县政务服务中心", "negative", "broken_link")]
