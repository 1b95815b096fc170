"""Pass rates read from sentences of real notices."""
from pathlib import Path

from ingest import load_notice
from nlp.rates import find_rates
from nlp.sections import split_sentences


def rates(text):
    return [(r["scope"], r["rate"], r.get("checked"), r.get("failed"), r.get("subject"))
            for r in find_rates(split_sentences(text), text)]


def test_rates_in_order_of_their_channels():
    text = "其中,存在突出问题的政府网站11个、政务新媒体343家,达标率分别为91.8%和69.8%。"
    assert [r[:2] for r in rates(text)] == [("website", 91.8), ("new_media", 69.8)]


def test_counts_of_checked_and_failed():
    text = "2.政务新媒体方面:本季度共检查314个,不合格55个,合格率为82.48%。"
    assert rates(text) == [("new_media", 82.48, 314, 55, None)]


def test_scope_from_the_nearest_channel_word():
    text = ("本次共检查全省443家政府网站、2833家政务新媒体,其中网站合格率为100%;"
            "2个政务新媒体不合格,合格率为99.93%。")
    assert [r[:2] for r in rates(text)] == [("website", 100.0), ("new_media", 99.93)]


def test_not_pass_rates():
    assert rates("转载率达到100%。办结率100%。90分以上的网站38家,占比95%。") == []
    assert rates("合格率较上一季度提高了2.1%。合格率不足70%。"
                 "此次普查发现不合格网站1家,不合格率1.85%。") == []


def test_rates_after_rectification_and_per_subject():
    text = "总体合格率为93.40%,整改后合格率达到99.05%。"
    assert [r[1:] for r in rates(text)][1] == (99.05, None, None, "整改后")
    text = "1月份合格率98.6%,其中区网站93.8%,部门网站100%。"
    assert [(r[1], r[4]) for r in rates(text)] == [(98.6, None), (93.8, "区网站"), (100.0, "部门网站")]


def test_a_title_restating_the_body_counts_once():
    text = ("全省共开设政务新媒体3086个 一季度抽查合格率为99.4%\n"
            "本次共选取507个政务新媒体进行抽查,抽查合格率为99.4%。")
    assert [r[1] for r in rates(text)] == [99.4]


def test_a_rate_per_named_subject():
    text = "各市州政府网站抽查合格率分别为:西宁市100%、海东市95.5%、玉树州90%。"
    assert [(r[0], r[1], r[4]) for r in rates(text)] == [
        ("website", 100.0, "西宁市"), ("website", 95.5, "海东市"), ("website", 90.0, "玉树州")]


def test_subject_named_before_the_rate():
    text = ("其中,省直部门网站34家,各市(州)政府及部门网站152家,"
            "省直部门抽检合格率平均为90%。市(州)政府及部门抽检合格率平均为80%。")
    assert [(r[1], r[4]) for r in rates(text)] == [(90.0, "省直部门"), (80.0, "市(州)政府及部门")]


def test_the_rate_reached_after_a_change():
    assert [r[1] for r in rates("全市政府网站合格率由上季度的90%提升至95.5%。")] == [95.5]
    assert [r[1] for r in rates("政务新媒体合格率较上季度提高2个百分点,达到97%。")] == [97.0]
    assert rates("合格率较上一季度提高了2.1%。") == []


def test_rates_per_platform():
    text = ("政务新媒体总体合格率为90.87%,其中微信公众号、新浪微博合格率分别为95.57%、"
            "92.13%。其中微信公众号合格率97%、微博合格率90%。")
    assert [(r[1], r[4]) for r in rates(text)] == [(90.87, None), (95.57, "微信公众号"), (92.13, "新浪微博"),
                                                   (97.0, "微信公众号"), (90.0, "微博")]


def test_bounds_are_not_rates():
    assert rates("各县区政府网站合格率均达到95%以上。") == []
    assert [r[1] for r in rates("政府网站和政务新媒体合格率分别是97%和98%。")] == [97.0, 98.0]


def test_one_rate_of_both_channels_is_overall_but_each_when_said_so():
    assert [r[:2] for r in rates("全市政府网站和政务新媒体总体合格率为96%。")] == [("overall", 96.0)]
    assert [r[:2] for r in rates("长沙市政府网站和政务新媒体检查合格率均达到100%。")] == [
        ("website", 100.0), ("new_media", 100.0)]


def test_a_rate_quoted_for_comparison_is_skipped():
    assert rates("本季度政务新媒体合格率为93.5%,与第二季度(总体合格率91.2%)"
                 "相比提高2.3个百分点。") == [
        ("new_media", 93.5, None, None, None)]
    assert rates("本季度共检查政务新媒体56个,合格49个,合格率为87.5%,"
                 "较上季度的89.2%提高了5.5个百分点。") == [
        ("new_media", 87.5, 56, 7, None)]


def test_the_second_rate_of_a_sentence_takes_the_channel_before_it():
    assert [r[:2] for r in rates("本季度政府网站合格率为100%,政务新媒体达标率为95.3%。")] == [
        ("website", 100.0), ("new_media", 95.3)]


def test_the_subject_of_a_rate_may_be_an_enumeration():
    got = rates("乌海市、阿拉善盟政府网站和政务新媒体合格率均为100%。")
    assert [(r[0], r[4]) for r in got] == [("website", "乌海市、阿拉善盟"),
                                           ("new_media", "乌海市、阿拉善盟")]


def test_rates_kept_reached_or_of_both_channels_together():
    assert [r[:2] for r in rates("全市政府网站合格率连续三个季度保持100%。")] == [("website", 100.0)]
    assert [r[:2] for r in rates("政务新媒体合格率由一季度的88%提高到二季度"
                                 "的93%。")] == [("new_media", 93.0)]
    assert [r[:2] for r in rates("网站和新媒体总体合格率为94.6%。")] == [("overall", 94.6)]


def test_a_channel_named_with_a_rate_is_its_scope_not_its_subject():
    assert rates("本季度政府网站抽查合格率为95.5%,政务新媒体为93.2%。") == [
        ("website", 95.5, None, None, None), ("new_media", 93.2, None, None, None)]
    assert rates("政府网站、政务新媒体合格率分别为97.1%、95.8%。") == [
        ("website", 97.1, None, None, None), ("new_media", 95.8, None, None, None)]
    assert rates("合格率:政府网站98%,政务新媒体96%。") == [
        ("website", 98.0, None, None, None), ("new_media", 96.0, None, None, None)]


def test_trailing_rates_listed_with_dun():
    got = rates("全省政府网站总体合格率95%,其中省直部门97%、市州93%。")
    assert [(r[1], r[4]) for r in got] == [(95.0, None), (97.0, "省直部门"), (93.0, "市州")]


# Rates read from whole real notices (corpus/, through ingest, as the parser reads them).
CORPUS = Path(__file__).parent.parent / "corpus"


def notice_rates(name):
    text = load_notice(CORPUS / f"{name}.txt").text
    return [(r["scope"], r["rate"], r.get("subject")) for r in find_rates(split_sentences(text), text)]


def test_a_rate_held_over_quarters_up_to_this_one_is_a_rate_of_this_period():
    assert ("website", 100.0, "东城区、西城区、朝阳区、海淀区、丰台区、门头沟区、通州区、"
                              "顺义区、昌平区、平谷区、怀柔区") \
        in notice_rates("r33")
    assert notice_rates("r57") == [("website", 95.7, None), ("website", 100.0, "苏州、南通、泰州3市")]
    assert ("website", 100.0, "北京、天津等13个地区") in notice_rates("r104")
    # …but not when said of some of the units just rated at that value
    assert [r for r in notice_rates("r04") if r[1] == 100.0] == [("website", 100.0, "北京等14个地区")]
    assert rates("北京等14个地区政府网站抽查合格率为100%;"
                 "北京、天津、上海等6个地区连续两个季度抽查合格率达100%。") == [
        ("website", 100.0, None, None, "北京等14个地区")]


def test_checked_sites_and_accounts_give_both_scopes():
    assert notice_rates("r39") == [("overall", 93.0, None)]             # one rate of both: overall
    assert notice_rates("r43") == [("website", 100.0, None), ("new_media", 100.0, None)]     # 均: each
    assert notice_rates("r88") == [("website", 71.8, None), ("new_media", 84.0, None)]       # 分别: in order
    # …but not a standard named in brackets (按…政府网站与政务新媒体检查指标…)
    assert [r[:2] for r in notice_rates("r71")] == [("website", 95.0), ("new_media", 90.2)]


def test_each_part_of_a_sentence_has_the_subject_it_counts():
    assert notice_rates("r56") == [("website", 87.8, "信息公开网站"), ("new_media", 100.0, "政务微信"),
                                   ("new_media", 100.0, "政务微博"), ("new_media", 100.0, "政务抖音"),
                                   ("new_media", 100.0, "政务APP")]
    assert [r[2] for r in notice_rates("r91")] == [None, None, "政务微信公众号", "政务微博",
                                                   "政务快手、抖音号",
                                                   "政务今日头条号", "其他类型政务新媒体"]
    # a bare channel or a count of failures names no subject
    assert rates("政府网站合格率为100%;政务新媒体合格83个,不合格3个,"
                 "合格率为96.51%。")[1][4] is None


def test_a_value_before_passed_is_a_rate():
    assert notice_rates("r61") == [("website", 99.78, None), ("new_media", 100.0, None)]
    assert rates("使我省未能实现100%合格的目标。") == []


def test_the_share_of_units_that_passed_is_a_rate():
    assert notice_rates("r70") == [("website", 92.5, None), ("new_media", 94.5, None)]      # not the other 占比
    assert rates("对全市218个政务新媒体进行抽查,其中合格206个,占比94.5%;"
                 "不合格12个,占比5.5%。") == [
        ("new_media", 94.5, 218, 12, None)]
    assert ("website", 90.8, None) in notice_rates("r102")                  # 达到合格标准的网站占比为90.8%


def test_a_total_after_the_rates_of_both_channels_is_overall():
    text = "政府网站合格率为95.83%,政务新媒体合格率为94.74%,总体合格率达94.80%。"
    assert [r[:2] for r in rates(text)] == [("website", 95.83), ("new_media", 94.74), ("overall", 94.8)]
    text = ("共抽查政府网站186个、政务新媒体512个,其中政府网站合格183个,"
            "总体合格率为98.39%。")
    assert [r[:2] for r in rates(text)] == [("website", 98.39)]


def test_a_rate_of_an_earlier_year_named_after_this_one_is_skipped():
    text = ("2024年度,全省政府网站年度检查合格率为99.05%。"
            "2023年度全省政府网站合格率为98.1%。")
    assert [r[1] for r in rates(text)] == [99.05]


def notice_counts(name):
    text = load_notice(CORPUS / f"{name}.txt").text
    return [(r["scope"], r["rate"], r.get("checked"), r.get("failed")) for r in find_rates(split_sentences(text), text)]


def test_a_count_is_of_the_kind_its_own_clause_says():
    assert notice_counts("r46") == [("new_media", 99.94, 3120, 2)]     # 共有…3120个, 检查发现问题账号2个
    assert notice_counts("r51")[0] == ("new_media", 91.6, None, 39)    # 检查出不合格政务新媒体39个
    assert notice_counts("r94") == [("new_media", 97.95, 293, 6)]      # the 不合格 count, not the 突出问题 one
    assert notice_counts("r107") == [("new_media", 91.3, 23, None)]    # not the breakdown by platform after it
    assert notice_counts("r44")[0] == ("website", 100.0, 61, None)     # 61个(含13个门户网站)
    assert rates("经检查,政府网站合格54个、不合格3个,"
                 "合格率为94.7%;") == [("website", 94.7, 57, 3, None)]


def test_the_checked_count_may_be_said_sentences_before_the_rate():
    # 对…767家政府网站中的612家进行抽查。…本次抽查发现不合格网站11家,抽查合格率98.20%
    assert notice_counts("r65") == [("website", 98.2, 612, 11)]


def test_each_channel_takes_the_count_of_its_own_channel():
    assert notice_counts("r60") == [("website", 99.63, 536, None), ("new_media", 98.79, 497, None)]
    assert notice_counts("r43") == [("website", 100.0, 55, None), ("new_media", 100.0, 419, None)]
    assert notice_counts("r88") == [("website", 71.8, 39, None), ("new_media", 84.0, 238, None)]


def test_grades_and_aims_are_no_rates():
    graded = ("全市40家政府网站中,优秀网站12个,占比30%;良好网站8个,占比20%;"
              "合格网站16个,占比40%;不合格网站4个,占比10%。")
    assert rates(graded) == []
    assert rates("各地要确保政务新媒体100%合格。力争年底前合格率达到100%。") == []


def test_a_part_names_its_kind_before_its_pass_count():
    text = ("本月共检查政务新媒体30个。其中政务微博12家,合格11家,合格率91.7%;"
            "政务微信18家,合格18家,合格率100%;")
    assert rates(text) == [("new_media", 91.7, 12, 1, "政务微博"), ("new_media", 100.0, 18, 0, "政务微信")]
