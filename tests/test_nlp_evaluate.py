"""nlp.evaluate: the measures of the findings spec, on small hand-made records."""
from nlp.evaluate import evaluate, normalise_unit


def f(unit, polarity="negative", problem="unspecified"):
    return {"unit": unit, "polarity": polarity, "problem": problem}


def test_unit_names_lose_channel_words_and_traditional_forms():
    assert normalise_unit("泽库县政府网站") == "泽库县"
    # as the scorer does: longest ending first
    assert normalise_unit("浦北县人民政府门户网站") == "浦北县人民"
    assert normalise_unit("“黔東南民政”(政务微信)") == "黔东南民政"
    assert normalise_unit("锦屏县政府") == "锦屏县"


def test_containment_matches_and_unspecified_drops_beside_a_specific_problem():
    gold = {"province": "青海省", "year": 2020, "quarter": 4, "pass_rates": [{"scope": "website", "rate": 91.8}],
            "findings": [f("泽库县", problem="not_updated"), f("泽库县"), f("西宁市", "positive", None)]}
    pred = {"notice": {"province": "青海省", "year": 2020, "quarter": 4},
            "pass_rates": [{"scope": "website", "rate": 91.84}, {"scope": "new_media", "rate": 69.8}],
            "findings": [f("泽库县政府网站", problem="not_updated"),
                         f("西宁市人民政府", "positive", None),
                         f("玉树州", problem="ipv6")]}
    misses = []
    r = evaluate([("x", gold, pred)], misses)
    assert (r["period"], r["province"]) == (1.0, 1.0)
    assert (r["pass_rate"]["tp"], r["pass_rate"]["fp"]) == (1, 1)
    assert (r["units-"]["tp"], r["units-"]["fp"], r["units-"]["fn"]) == (1, 1, 0)
    assert r["units+"]["f1"] == 1.0
    assert (r["problems"]["tp"], r["problems"]["fp"], r["problems"]["fn"]) == (1, 1, 0)
    assert ("x", "units-", "extra", "玉树州") in misses


def test_a_missing_prediction_counts_as_empty():
    gold = {"province": None, "year": 2016, "quarter": None, "pass_rates": [],
            "findings": [f("北京", "positive", None)]}
    r = evaluate([("y", gold, {})])
    assert r["units+"]["fn"] == 1 and r["units+"]["f1"] == 0.0 and r["period"] == 0.0
