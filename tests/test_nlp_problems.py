"""Polarity and problem types decided from the words of real notices."""
from nlp.problems import classify, consecutive_periods, polarity_of, problems_of


def test_blame_and_praise():
    assert polarity_of("等政府网站更新不及时栏目超过10个") == "negative"
    assert polarity_of("达标率较高的政府网站有") == "positive"
    assert polarity_of("重视程度高,监管措施有力,合格率达到100%") == "positive"
    assert polarity_of("未发现突出问题") is None


def test_problem_codes_from_predicates():
    assert problems_of("等微信公众号存在严重表述不规范") == ["wording_error"]
    assert problems_of("网站主页无法访问") == ["site_unavailable"]
    assert problems_of("未按要求完成转载工作") == ["repost_missing"]
    assert problems_of("账号名称变更未在“全国政务新媒体信息报送系统”"
                       "中备案") == ["registration"]
    assert problems_of("存在SQL注入漏洞、XSS跨站漏洞等问题") == ["security"]
    assert problems_of("参与非政务工作互动或点赞等") == ["improper_conduct"]
    # the problem that is the object of 整改 is not a second problem
    assert problems_of("未按要求完成省上下发的错敏信息整改") == ["rectification"]


def test_unspecified_only_when_nothing_specific_is_said():
    polarity, codes, _ = classify(["等网站问题突出"], [])
    assert (polarity, codes) == ("negative", ["unspecified"])
    polarity, codes, n = classify(["政府网站连续四个季度检查不合格"], [])
    assert codes == ["unspecified"] and n == 4


def test_heading_decides_when_the_sentence_says_nothing():
    polarity, codes, _ = classify(["如:青海微气象"], ["二、主要问题", "(一)不及时更新问题反弹"])
    assert polarity == "negative" and codes == ["not_updated"]
    assert classify(["西区政府、米易县政府"],
                    ["第四季度政府网站和政务新媒体工作成效明显的单位"])[0] == "positive"
    assert classify(["西区政府"], ["二、主要问题"], allow_heading=False)[0] is None


def test_exhortations_are_not_praise():
    assert classify(["要积极创新解读形式"], ["四、下一步工作要求"])[0] is None


def test_consecutive_periods():
    assert consecutive_periods("泽库县政府网站连续四个季度检查不合格。") == 4
    assert consecutive_periods("连续2个季度合格") is None


def test_room_for_improvement_is_blame():
    assert polarity_of("互动回应有待提高") == "negative"
    assert polarity_of("信息发布不够及时,亟待提升") == "negative"


def test_security_conduct_and_reachability_wordings():
    assert problems_of("等微信公众号账号被盗用发布不良信息") == ["security"]
    assert problems_of("政务微博转发与政务无关的娱乐信息") == ["improper_conduct"]
    assert problems_of("抖音号无法正常访问") == ["site_unavailable"]


def test_every_site_passing_is_praise():
    assert polarity_of("抽查网站全部合格") == "positive"
    assert polarity_of("上半年各次检查均合格,内容保障有力") == "positive"
    assert polarity_of("抽查网站全部不合格") == "negative"


def test_the_date_of_the_last_update_says_not_updated():
    assert problems_of("网站“通知公告”栏目最近一次更新为2015年3月") == ["not_updated"]


def test_a_failure_named_in_so_many_words_takes_no_problem_from_its_heading():
    headings = ["二、存在的主要问题", "(四)网站无法访问"]
    polarity, codes, _ = classify(["网站在第一次、第二次抽查中均不合格,"
                                   "对其予以通报批评"], headings)
    assert (polarity, codes) == ("negative", ["unspecified"])
    polarity, codes, _ = classify(["如:抚宁区政府网站"], headings)
    assert (polarity, codes) == ("negative", ["site_unavailable"])


def test_improper_conduct_uses_up_its_own_words():
    assert problems_of("微博转发低俗内容,并与网民进行非官方互动") == ["improper_conduct"]
    assert problems_of("与网民非正式互动,为网民留言点赞,擅自删帖") == ["improper_conduct"]
    assert problems_of("发布与政务无关的娱乐内容,并频繁删除已发布作品") == ["improper_conduct"]
    assert problems_of("转发省政府重要信息不及时") == ["repost_missing"]


def test_stopped_accounts_not_closed_and_registration_mismatch():
    assert problems_of("长期未更新,未按要求关停注销") == ["zombie_account", "not_updated"]
    assert problems_of("账号认证信息与备案信息不一致") == ["registration"]
    assert problems_of("网站无法正常访问") == ["site_unavailable"]


def test_a_function_that_cannot_be_used_is_a_service_problem():
    assert problems_of("APP部分功能无法正常使用") == ["service_impractical"]
    assert problems_of("小程序“社保查询”功能打不开") == ["service_impractical"]
    assert problems_of("网站首页打不开") == ["site_unavailable"]
    assert problems_of("留言功能无法使用") == ["interaction_poor"]


def test_a_missing_column_is_the_problem_a_column_with_a_problem_is_not():
    assert problems_of("网站未按要求开设“政策解读”栏目") == ["policy_interpretation"]
    assert problems_of("网站“政策解读”栏目更新不及时") == ["not_updated"]


def test_more_wordings_of_the_problem_types():
    cases = {"存在多个错误链接": ["broken_link"], "账号未进行实名认证": ["registration"],
             "网站标识码未在页面底部标注": ["registration"],
             "在线申报无法提交": ["service_impractical"],
             "网站搜索结果不准确": ["service_impractical"], "后台弱口令": ["security"],
             "存在涉密信息": ["security"], "一个月内更新量少于5条": ["not_updated"],
             "页面显示错位": ["display_error"], "图片无法显示": ["display_error"],
             "发布信息存在政治性差错": ["wording_error"], "领导人姓名排序错误": ["wording_error"]}
    assert {t: problems_of(t) for t in cases} == cases
    assert polarity_of("后台弱口令") == "negative" and polarity_of("存在涉密信息") == "negative"


def test_accounts_left_unkept():
    assert problems_of("自2023年1月起停止更新") == ["not_updated"]      # as 停更: nothing said of closing
    assert problems_of("自2018年4月起停止更新,也未按规定注销") == ["zombie_account", "not_updated"]
    assert problems_of("长期无人维护,属僵尸号") == ["zombie_account"]
    assert problems_of("微博已停更超过一年,未按要求注销") == ["zombie_account", "not_updated"]
    assert problems_of("已无人维护") == ["zombie_account"]
    assert polarity_of("已停止运维") == "negative"


def test_a_problem_stated_in_words_no_type_covers_is_other():
    polarity, codes, _ = classify(["网站首页底部版权信息年份未及时调整"], ["二、问题"])
    assert (polarity, codes) == ("negative", ["other"])
    # leaders' information not kept up is a matter of disclosure (the record format's reading)
    assert classify(["网站“领导之窗”栏目领导信息未及时调整"],
                    ["二、问题"])[1] == ["disclosure"]
    assert classify(["政府网站不合格"], [])[1] == ["unspecified"]
    assert problems_of("网站首页存在大量外部商业链接") == ["other"]


def test_informal_replies_are_improper_conduct_not_poor_interaction():
    assert problems_of("对网民评论采用非正式语言回复，"
                       "存在不严肃不规范问题") == ["improper_conduct"]


def test_a_repost_that_is_only_where_an_error_sits_is_not_a_missing_repost():
    assert problems_of("在转载内容中出现涉政表述错误") == ["wording_error"]
    assert problems_of("未按要求转载国务院重要信息") == ["repost_missing"]


def test_basic_information_not_updated_is_registration_only():
    assert problems_of("基本信息未更新") == ["registration"]


def test_a_sleeping_or_repaired_site_is_no_account_left_open():
    # tests/notices/s04_yunnan_2017h1: a “sleeping” site is one not updated; a site shut for
    # repairs after an attack is not left open
    assert problems_of("要闻栏目超过2周未更新，部分栏目超过1年未更新，"
                       "属于“睡眠网站”") == ["not_updated"]
    assert "zombie_account" not in problems_of("存在SQL注入漏洞，目前已临时关停整改")
    # an account asleep or a site left up is still one
    assert problems_of("“睡眠”账号未及时关停") == ["zombie_account"]
