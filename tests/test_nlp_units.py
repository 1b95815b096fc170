"""Unit names read from the structure of sentences taken from real notices."""
from nlp.units import clean_name, looks_like_unit, names_in_sentence


def names(text):
    return [n.text for _, _, ns in names_in_sentence(text) for n in ns]


def channels(text):
    return {n.text: n.channel for _, _, ns in names_in_sentence(text) for n in ns}


def test_enumeration_under_a_shared_predicate():
    text = ("如:省民宗委、青海动物卫生监督、玉树市、海晏县、"
            "贵南县等政府网站更新不及时栏目超过10个。")
    assert names(text) == ["省民宗委", "青海动物卫生监督", "玉树市", "海晏县", "贵南县"]


def test_enumeration_introduced_by_you_keeps_channel_in_brackets():
    text = ("不合格的政务新媒体分别是:黔东南州生态环境局(政务微博)"
            "、从江政务(政务微博)、"
            "健康黔东南(政务微信)、锦屏县政府(政务微信)。")
    got = channels(text)
    assert list(got) == ["黔东南州生态环境局", "从江政务", "健康黔东南", "锦屏县政府"]
    assert got["从江政务"] == "weibo" and got["健康黔东南"] == "wechat"


def test_each_name_with_its_own_predicate():
    text = ("其中:司法局出现错误表述1次、自然资源局出现错别字1次、"
            "涂岭镇出现错别字1次、山腰街道出现错误表述2次")
    parsed = [(n.text, n.rest) for _, _, ns in names_in_sentence(text) for n in ns]
    assert [p[0] for p in parsed] == ["司法局", "自然资源局", "涂岭镇", "山腰街道"]
    assert parsed[1][1] == "出现错别字1次"


def test_quoted_accounts_after_the_body_that_runs_them():
    text = ("不合格政务新媒体分别为:"
            "宝鸡市卫生健康委员会“健康宝鸡公众服务”微信服务号,"
            "宝鸡市信访局“宝鸡信访”、陇县公安局“陇县公安”微信订阅号。")
    assert names(text) == ["健康宝鸡公众服务", "宝鸡信访", "陇县公安"]


def test_quoted_columns_and_quoted_words_are_not_units():
    assert names("其中,共和县国土资源局网站“工作动态”栏目超过一年不更新。") == [
        "共和县国土资源局"]
    assert names("如钦州市人民政府门户网站出现“倍受青睐”、“拔款”、"
                 "“关健”等;") == ["钦州市"]


def test_subject_cut_before_its_predicate():
    assert names("仁和区公开回复的信件格式不规范") == ["仁和区"]
    assert names("南京市发挥政务新媒体矩阵联动效应,"
                 "转载全国两会权威信息3764条次") == ["南京市"]


def test_last_name_after_he_or_ji():
    text = ("省港航管理局、省节能监察大队和省建设标准定额站网站"
            "既未在首页开设专栏转载国务院政策信息")
    assert names(text) == ["省港航管理局", "省节能监察大队", "省建设标准定额站"]


def test_classes_of_units_and_lists_of_words_are_not_names():
    assert names("部分县级政府网站未设置政策解读栏目") == []
    assert names("要加强值班读网监测,健全运维保障、功能升级、安全防护、监测预警、"
                 "应急处置等工作机制") == []
    assert names("其中,省直部门23个、玉树州7个、海南州4个政府网站未进行IPV6改造。") == []


def test_body_behind_a_column():
    text = ("重点领域公开-国企监管栏目(财政局)、重点领域公开-养老服务栏目(民政局),"
            "均超过6个月未更新。")
    assert names(text) == ["财政局", "民政局"]


def test_clean_name_and_looks_like_unit():
    assert clean_name("浦北县人民政府门户网站") == "浦北县"
    assert clean_name("青海老年大学(省民政厅)") == "青海老年大学"
    assert looks_like_unit("泽库县")
    assert not looks_like_unit("按照国务院办公厅")
    assert not looks_like_unit("各县级政府")


def test_a_place_name_goes_on_to_its_ending():
    assert names("对安义县、进贤县进行通报批评。") == ["安义县", "进贤县"]


def test_an_account_named_by_its_brand_before_its_platform():
    assert channels("璧山应急政务微博参与非政务工作互动或点赞。") == {"璧山应急": "weibo"}
    assert channels("平安盐田微信公众号未按时报送整改情况。") == {"平安盐田": "wechat"}


def test_a_brand_ends_before_its_platform_not_inside_it():
    assert names("日照政务微信公众号备案名称与实际不符。") == ["日照政务"]
    assert names("蓟州发布微信公众号未按要求转发重要信息。") == ["蓟州发布"]
    assert names("东区搭建幸福东区APP平台,聚焦教育问题。") == ["东区"]


def test_place_names_that_open_with_a_function_word_and_masked_counts():
    assert "和县" in names("长期无人维护的微信公众号分别是:广德县(微信公众号)"
                         "、和县(微信公众号)。")
    assert names("平安北仑、平安象山等*个政务微博发布内容出现错别字。") == [
        "平安北仑", "平安象山"]
    assert names("青海省审计厅政务微信存在严重表述错误。") == ["青海省审计厅"]


def test_long_names_of_bodies_in_autonomous_counties():
    text = ("其中,县财政局政务微信、"
            "贡山独龙族怒族自治县国有资产监督管理委员会政务微信"
            "已停止更新未及时注销。")
    assert names(text) == ["县财政局", "贡山独龙族怒族自治县国有资产监督管理委员会"]


def test_a_sub_column_or_the_running_of_an_account_ends_the_body_before_it():
    assert names("县民政局子栏目“政策法规”为空白栏目。") == ["县民政局"]
    assert names("营根镇、县卫生健康委、"
                 "县融媒体中心运维的政务新媒体连续四个季度检查合格") == [
        "营根镇", "县卫生健康委", "县融媒体中心"]


def test_a_bracket_naming_the_body_behind_an_account_is_no_clause():
    text = ("“吉州应急”微信公众号(主办单位:吉安市吉州区应急管理局)"
            "网民留言超过15个工作日未回复;")
    assert names(text) == ["吉州应急"]


def test_platforms_without_a_channel_code_are_new_media():
    assert channels("问题较为突出的有:"
                    "“临川发布”快手号连续3个月未更新;") == {"临川发布": "new_media"}


def test_a_name_is_never_cut_inside_a_word():
    assert names("县公安局、县市场监管局运维规范,"
                 "予以通报表扬。") == ["县公安局", "县市场监管局"]


def test_names_after_the_verb_that_praises_or_faults_them():
    assert names("通报表扬县公安局、县市场监管局。") == ["县公安局", "县市场监管局"]
    assert names("通报批评县水利局、县商务局。") == ["县水利局", "县商务局"]


def test_kinds_of_accounts_are_not_units():
    assert names("如:“僵尸号”、“会泽教育”抖音号长期未更新。") == ["会泽教育"]
    assert names("存在问题的账号有:僵尸号3个、会泽教育。") == ["会泽教育"]


def test_quoted_words_a_page_shows_are_not_names():
    assert names("如:辽宁省朝阳市建平县人民政府网站将“十四五”错写为“十四无”。") == [
        "辽宁省朝阳市建平县"]
    assert names("网站首页显示为“建设中”。") == []


def test_a_stop_word_inside_a_place_name_does_not_end_the_name():
    text = "健康将乐、县财政局、将乐县应急管理局等3个微信公众号未同步推送政策解读。"
    assert names(text) == ["健康将乐", "县财政局", "将乐县应急管理局"]
    assert names("仁和区将网站迁移至新平台后长期未更新。") == ["仁和区"]


def test_many_platforms_is_no_unit():
    assert names("全省农业农村系统协同联动,多平台融合传播,营造浓厚氛围。") == []


def test_people_s_organisations_end_like_bodies():
    assert names("州文联网站长期未更新。") == ["州文联"]
    assert names("州残联、县科协网站存在错别字。") == ["州残联", "县科协"]


def test_examples_introduced_by_ru_after_a_class():
    assert names("个别单位如市气象局、"
                 "市地震局未按要求完成整改。") == ["市气象局", "市地震局"]


def test_an_account_quoted_after_its_platform():
    assert channels("东湖区卫健委微信公众号“东湖健康”"
                    "自2023年1月起停止更新。") == {"东湖健康": "wechat"}
    assert channels("在抖音号“东湖发布”中发现错别字。") == {"东湖发布": "douyin"}
    # a column of a site
    assert names("西湖区政府网站“政务动态”栏目长期未更新。") == ["西湖区"]


def test_bracketed_lists_development_zones_and_bylines():
    assert names("部分政务新媒体存在错别字"
                 "(涉及账号:平安滨江、滨江教育)。") == ["平安滨江", "滨江教育"]
    assert names("涉及单位:高新区管委会、经开区管委会、滨江街道办事处。") == [
        "高新区管委会", "经开区管委会", "滨江街道办事处"]
    assert not any("喻楚月" in n for n in names("湖北日报讯(记者黄璐、实习生喻楚月)6月19日,"
                                             "湖北省政府办公厅通报抽查情况。"))


def test_a_channel_word_before_a_quoted_account_name_is_not_part_of_it():
    assert clean_name("抖音号“三河融媒”") == "三河融媒"
    assert clean_name("政务微博“西陵司法”") == "西陵司法"
    # no quote: left to the parser's context
    assert clean_name("微信公众号桃城卫健") == "微信公众号桃城卫健"


def test_a_place_named_like_for_example_is_not_an_opener():
    names = [n.text for _, _, ns in names_in_sentence("抽查发现2个网站不合格，分别是："
                                                      "那曲地区比如县人民政府网站、"
                                                      "那曲地区索县人民政府网站。") for n in ns]
    assert names == ["那曲地区比如县", "那曲地区索县"]


def test_a_quoted_campaign_before_zhong_is_no_name():
    # tests/notices/s03: the campaign a clause happened in (…“回头看”中,), not an account
    assert names("另外,在本季度开展的政务新媒体“回头看”中,"
                 "各区共清理关停长期不更新的账号46个。") == []
    assert names("在本季度的检查中,“青海公安”微信公众号长期未更新。") == ["青海公安"]


def test_a_new_name_or_a_slogan_quoted_is_no_unit():
    # tests/notices/p08 and s05: the name an account was changed to, and a slogan's “谁”
    assert names("经查,板桥镇政务微博已更名为“板桥镇政务”,"
                 "但未在全国政务新媒体信息报送系统中进行变更") == ["板桥镇"]
    assert not looks_like_unit("谁主办", loose=True, vouched=True)
