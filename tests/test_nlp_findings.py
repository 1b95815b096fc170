"""Findings of sentences: whom a sentence faults or praises, and for what."""
from nlp.findings import sentence_findings
from nlp.sections import split_sentences


def findings(text):
    return [(f["unit"], f["polarity"], f["problem"]) for f in sentence_findings(split_sentences(text))]


def test_a_clause_that_only_says_where_faults_nobody():
    text = ("一、县政府门户网站检查情况\n经查,县政府门户网站“部门信息”栏目中,"
            "县水利局子栏目超过3个月未更新;"
            "县政务服务中心“办事指南”专栏多个链接打不开。")
    assert findings(text) == [("县水利局", "negative", "not_updated"),
                              ("县政务服务中心", "negative", "broken_link")]


def test_the_predicate_of_a_name_goes_on_over_clauses_without_a_subject():
    text = "长兴县林业局网站首页栏目更新不及时,且存在空白栏目3个,检查不合格。"
    assert set(findings(text)) == {("长兴县林业局", "negative", "not_updated"),
                                   ("长兴县林业局", "negative", "blank_column"),
                                   ("长兴县林业局", "negative", "unspecified")}


def test_a_clause_opening_with_a_class_has_a_subject_of_its_own():
    text = ("目前,西宁市、海西州各县级政府已按要求在本级政府网站上发布了编制目录,"
            "其他地区县级政府网站编制目录未在网站公开。")
    assert findings(text) == []


def test_every_name_set_apart_by_chu_wai_is_faulted_and_none_praised():
    assert findings("除西吉县、泾源县外,其余县区政府网站合格率均为100%。") == [
        ("西吉县", "negative", "unspecified"), ("泾源县", "negative", "unspecified")]
    assert findings("除和县外,其余县网站均合格。") == [("和县", "negative", "unspecified")]


def test_a_list_opened_by_a_class_word_names_only_its_units():
    assert findings("以下单位政务新媒体运维规范,予以通报表扬:"
                    "县公安局、县市场监管局。") == [
        ("县公安局", "positive", None), ("县市场监管局", "positive", None)]


def test_names_in_a_list_of_rates_are_rate_subjects_not_findings():
    assert findings("各区政务新媒体合格率分别为:东湖区100%、西湖区96.2%、"
                    "青云谱区90.0%。") == []


def test_an_inspection_verb_ends_the_body_before_it():
    assert findings("东湖区、市市场监管局、市税务局监测得分均在95分以上,"
                    "检查结果为优秀。") == [
        ("东湖区", "positive", None), ("市市场监管局", "positive", None), ("市税务局", "positive", None)]


def test_commendations_in_other_phrasings():
    assert findings("经研究,决定对县公安局、县市场监管局予以通报表扬。") == [
        ("县公安局", "positive", None), ("县市场监管局", "positive", None)]
    assert findings("县公安局网站被评为“优秀政府网站”。") == [("县公安局", "positive", None)]
    assert findings("县公安局、县市场监管局政务新媒体运维规范,予以表扬。") == [
        ("县公安局", "positive", None), ("县市场监管局", "positive", None)]
    assert findings("县公安局、县市场监管局网站检查结果为合格。") == []      # merely passing


def test_a_sentence_about_the_units_above_decides_for_them():
    assert findings("县公安局、县市场监管局政务新媒体内容单一。"
                    "对以上单位予以通报批评。") == [
        ("县公安局", "negative", "unspecified"), ("县市场监管局", "negative", "unspecified")]


def test_units_merely_passing_are_not_blamed_by_the_heading_above():
    text = ("二、存在问题\n(一)政府网站。海口市、三亚市政府网站检查合格;"
            "琼海市政府网站首页信息超过两周未更新。")
    assert findings(text) == [("琼海市", "negative", "not_updated")]


def test_spellings_of_one_unit_with_and_without_its_region_are_one_unit():
    from nlp.findings import merge_spellings
    text = ("一、存在的问题\n百色市凌云县人民政府门户网站首页超过2周未更新。"
            "凌云县人民政府门户网站存在空白栏目。"
            "玉林市教育局网站无法访问;贵港市教育局网站无法访问。")
    merged = {(f["unit"], f["problem"]) for f in merge_spellings(sentence_findings(split_sentences(text)))}
    assert merged == {("百色市凌云县", "not_updated"), ("百色市凌云县", "blank_column"),
                      ("玉林市教育局", "site_unavailable"), ("贵港市教育局", "site_unavailable")}


def test_channel_words_around_a_name_do_not_make_another_unit():
    from nlp.findings import _same_unit
    assert _same_unit("桃城卫健", "微信公众号桃城卫健")
    assert _same_unit("灵山县林业局网站", "钦州市灵山县林业局")
    assert not _same_unit("灵山县林业局", "灵山县农业局")
    assert _same_unit("那曲地区索县", "索县人民政府网站")
    assert not _same_unit("区教育局", "玉林市教育局")      # 玉林市 is a region, 区 is not 玉林市


def test_consecutive_passes_with_a_word_between_praise():
    assert findings("哈尔滨市、大庆市政府网站连续四个季度抽查合格。") == [
        ("哈尔滨市", "positive", None), ("大庆市", "positive", None)]


def test_a_later_sentence_praising_the_units_above_at_some_length():
    text = ("年度评估得分前十的单位为：昆明市、省税务局。"
            "上述单位网站建设管理规范，内容保障有力，予以通报表扬。")
    assert findings(text) == [("昆明市", "positive", None), ("省税务局", "positive", None)]


def test_quoted_column_names_before_a_blank_column_are_not_units():
    text = ("钦州市灵山县林业局网站存在“信息公开指南”“政策法规”等空白栏目，"
            "影响网站权威性。")
    assert findings(text) == [("钦州市灵山县林业局", "negative", "blank_column")]


def test_the_sources_of_a_missing_repost_are_not_faulted():
    text = "区文化和旅游局微信公众号未按要求转载国务院、省政府发布的重要政策信息。"
    assert findings(text) == [("区文化和旅游局", "negative", "repost_missing")]


def test_units_a_requirement_addresses_are_not_findings():
    assert findings("（一）各市、县人民政府和自治区各部门要切实加强领导，"
                    "对本次抽查发现的问题按期整改到位。") == []


def test_the_host_in_brackets_of_an_anonymous_site_is_the_unit():
    text = ("（五）个别网站存在安全隐患。柳州市融水县某部门网站（主办单位："
            "融水县人民政府办公室）存在后台管理页面暴露问题。")
    assert findings(text) == [("融水县人民政府办公室", "negative", "security")]
    text = ("省林草局下属某事业单位网站（主办单位：省林业和草原局）"
            "存在跨站脚本（XSS）漏洞。")
    assert findings(text) == [("省林业和草原局", "negative", "security")]


def test_what_a_column_only_has_is_not_a_unit():
    text = ("阿里地区噶尔县人民政府网站“在线办事”栏目仅有办事指南标题，"
            "无具体内容，无法提供有效服务。")
    assert findings(text) == [("阿里地区噶尔县", "negative", "service_impractical")]


def test_the_body_running_a_quoted_account_is_not_a_second_unit():
    assert findings("夜明珠街道办事处微博账号“夜明珠之窗”超过1个月未更新。") == [
        ("夜明珠之窗", "negative", "not_updated")]
    assert findings("灵武市退役军人事务局今日头条号“灵武退役军人”，错别字较多。") == [
        ("灵武退役军人", "negative", "wording_error")]
    assert findings("廊坊市三河市的抖音号“三河融媒”"
                    "更名后未在信息报送系统中更新。") == [
        ("三河融媒", "negative", "registration")]


def test_a_unit_notified_before_is_the_subject_and_a_fixed_problem_clears_it():
    text = ("（四）上季度通报问题整改情况。经复查，"
            "上季度通报的镇江市句容市人民政府网站空白栏目问题已整改到位，"
            "第三季度通报的常州市金坛区人民政府网站至今仍未完成整改。")
    assert findings(text) == [("常州市金坛区", "negative", "rectification")]


def test_a_rate_short_of_full_beside_full_ones_is_not_praise():
    text = ("从各县（市）区看，兴庆区、金凤区政务新媒体检查合格率均为100%，"
            "灵武市政务新媒体合格率为94.1%。")
    assert findings(text) == [("兴庆区", "positive", None), ("金凤区", "positive", None)]
    assert findings("北京、辽宁等地政府网站合格率达100%，"
                    "广东、湖南等地政府网站合格率超过90%。") == [
        ("北京", "positive", None), ("辽宁", "positive", None), ("广东", "positive", None),
        ("湖南", "positive", None)]


def test_names_made_only_of_level_words_are_not_units():
    assert findings("其中，县市区政府门户网站合格率为100%。") == []
    assert findings("2. 金凤区建立政务新媒体“月评估、季通报”制度，"
                    "辖区账号更新及时、内容规范，表现突出。") == [
        ("金凤区", "positive", None)]


def test_an_account_in_a_table_is_the_host_the_body_faults_by_name():
    from nlp.findings import merge_spellings
    from nlp.tables import table_findings
    text = ("三、存在的问题\n区住建局微信公众号检查时已超过2周未更新。\n附件\n"
            "序号\t单位\t账号名称\t问题\n"
            "1\t区住建局\t微信公众号“西陵住建”\t更新不及时\n")
    segments = split_sentences(text)
    from_tables, consumed = table_findings(text, lambda offset: [])
    merged = merge_spellings(from_tables + sentence_findings(segments, skip=consumed))
    assert {(f["unit"], f["problem"]) for f in merged} == {("区住建局", "not_updated")}
    assert all("host" not in f for f in merged)
