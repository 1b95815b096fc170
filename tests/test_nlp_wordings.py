"""Each problem code read from the many ways notices word it, and not read where the words only
ask for something, report it put right, praise, or name the column a problem sits in.

The sentences are written for these tests in the manner of inspection notices (national
indicators, province and county notices, 2015–2025); none is copied from a notice in corpus/.
"""
import pytest

from nlp.problems import classify, polarity_of, problems_of

# (sentence, the codes it states); every sentence also blames.
WORDINGS = [
    # not_updated: late, stale, too few, silent for a span, not supplied
    ("“工作动态”栏目信息长时间未更新", ["not_updated"]),
    ("该账号更新频率偏低,近三个月仅发布4条信息", ["not_updated"]),
    ("首页要闻内容陈旧,时效性差", ["not_updated"]),
    ("微信公众号半个月未更新", ["not_updated"]),
    ("政务抖音号自去年10月以来零更新", ["not_updated"]),
    ("监测期内两周无原创信息", ["not_updated"]),
    ("信息发布断断续续,更新频次达不到要求", ["not_updated"]),
    ("“通知公告”栏目未按规定时间更新", ["not_updated"]),
    # blank_column: empty, placeholder, nothing of substance
    ("“统计数据”栏目显示“暂无信息”", ["blank_column"]),
    ("“规划计划”子栏目页面提示正在建设中", ["blank_column"]),
    ("部分专栏只有标题,栏目下无文章", ["blank_column"]),
    ("“财政资金”栏目内无实质内容", ["blank_column"]),
    # broken_link: dead links, pages gone, attachments that do not open
    ("首页存在3个不可用链接", ["broken_link"]),
    ("点击“机构设置”后提示404错误", ["broken_link"]),
    ("文件附件无法正常下载", ["broken_link"]),
    ("部分二级页面打不开", ["broken_link"]),
    ("超链接指向的页面已被删除", ["broken_link"]),
    # site_unavailable: the site or account itself out of reach
    ("网站首页访问超时,监测期内多次无法正常浏览", ["site_unavailable"]),
    ("网站域名无法解析", ["site_unavailable"]),
    ("在抖音平台上该账号无法被搜索到", ["site_unavailable"]),
    ("移动客户端无法正常登录,打开即闪退", ["site_unavailable"]),
    ("网站服务器频繁宕机", ["site_unavailable"]),
    # display_error
    ("首页出现大面积乱码", ["display_error"]),
    ("在部分浏览器下页面排版错乱", ["display_error"]),
    ("新闻图片无法加载,视频无法播放", ["display_error"]),
    ("标题文字与图片重叠", ["display_error"]),
    # wording_error: political, factual, careless wording
    ("稿件中领导人职务表述有误", ["wording_error"]),
    ("转发文章存在政治性错误", ["wording_error"]),
    ("仍在使用已停用的过时提法", ["wording_error"]),
    ("多篇信息语句不通顺、存在病句", ["wording_error"]),
    ("引用重要讲话原文出现笔误", ["wording_error"]),
    ("发布的地图漏绘南海诸岛", ["wording_error"]),
    # interaction_poor: unanswered, late, evasive, no channel, results not published
    ("网民来信超期未办结", ["interaction_poor"]),
    ("公众提问长期无人解答", ["interaction_poor"]),
    ("留言区有问无答", ["interaction_poor"]),
    ("意见征集活动结束后未公开反馈结果", ["interaction_poor"]),
    ("办理回复照搬照抄政策原文,答非所问", ["interaction_poor"]),
    ("账号关闭了评论功能", ["interaction_poor"]),
    ("网站无有效的咨询渠道", ["interaction_poor"]),
    # service_impractical: a service or function inside the site that does not work
    ("办事指南缺少申请材料、办理时限等要素", ["service_impractical"]),
    ("网上办事大厅无法登录", ["service_impractical"]),
    ("站内搜索不可用,输入关键词搜索不到本站信息", ["service_impractical"]),
    ("表格下载后无法打开", ["service_impractical"]),
    ("群众反映办事服务看得到、办不了", ["service_impractical"]),
    ("公众号自定义菜单失效", ["service_impractical"]),
    # security: attacks, hidden links, leaks, weak protection
    ("网站遭境外黑客攻击,首页被篡改", ["security"]),
    ("公示名单含有公民身份证号码,未做脱敏处理", ["security"]),
    ("后台管理页面可直接访问,且使用默认口令", ["security"]),
    ("网站未部署HTTPS,存在安全风险", ["security"]),
    ("该单位账号被他人冒用", ["security"]),
    ("页面被植入博彩类链接", ["security"]),
    # policy_interpretation
    ("新出台的规范性文件未配发解读", ["policy_interpretation"]),
    ("解读稿与政策原文未相互链接", ["policy_interpretation"]),
    ("解读形式单一,缺少图解、音视频等", ["policy_interpretation"]),
    # ipv6
    ("门户网站尚不支持IPv6访问", ["ipv6"]),
    ("未完成互联网协议第六版升级改造", ["ipv6"]),
    # disclosure
    ("未按时公布上一年度政府信息公开工作年度报告", ["disclosure"]),
    ("规范性文件未标注有效性", ["disclosure"]),
    ("法定主动公开内容不全", ["disclosure"]),
    ("未按要求设置政府信息公开专栏", ["disclosure"]),
    ("公开的文件未标明公文属性", ["disclosure"]),
    ("部门预决算信息公开不完整", ["disclosure"]),
    ("人大代表建议办理复文未公开", ["disclosure"]),
    # registration
    ("页面底部未标注党政机关网站标识", ["registration"]),
    ("账号名称、头像与开办主体不对应", ["registration"]),
    ("账号未进行政务机构认证", ["registration"]),
    ("账号认证已过期", ["registration"]),
    ("私自开设政务新媒体账号", ["registration"]),
    ("未在全国政务新媒体信息报送系统中填报", ["registration"]),
    # zombie_account
    ("账号长期处于休眠状态,未按规定关停", ["zombie_account"]),
    ("已无人运营,属应关未关账号", ["zombie_account"]),
    # repost_missing
    ("国务院常务会议信息转载不全", ["repost_missing"]),
    ("重要政策信息转载率偏低", ["repost_missing"]),
    ("漏转省政府重要稿件", ["repost_missing"]),
    # improper_conduct: unofficial conduct, content that is not government work
    ("频繁转发明星八卦", ["improper_conduct"]),
    ("推送心灵鸡汤类文章", ["improper_conduct"]),
    ("在评论区与网民发生争执", ["improper_conduct"]),
    ("发布与部门职能无关的商业推广内容", ["improper_conduct"]),
    ("以私人口吻发布信息", ["improper_conduct"]),
    # rectification
    ("通报的问题屡改屡犯", ["rectification"]),
    ("经复核,该网站仍存在空白栏目", ["rectification", "blank_column"]),
    ("本季度再次出现同类问题", ["rectification"]),
    ("整改流于形式,整改情况未按时报送", ["rectification"]),
    # other: what no code covers
    ("网站未完成适老化改造", ["other"]),
    ("未提供无障碍浏览服务", ["other"]),
    ("信息发布时间顺序颠倒", ["other"]),
    ("同一单位重复开设两个门户网站", ["other"]),
]


@pytest.mark.parametrize("sentence,codes", WORDINGS)
def test_a_wording_states_its_code_and_blames(sentence, codes):
    assert problems_of(sentence) == codes
    assert polarity_of(sentence) == "negative"


# Requests and warnings: no unit is faulted by them.
REQUESTS = [
    "各单位要加强留言办理,确保按时回复",
    "要防止错别字等问题再次出现",
    "请各单位立即开展漏洞排查",
    "要求杜绝空白栏目",
    "要加快推进IPv6改造和适老化改造",
]


@pytest.mark.parametrize("sentence", REQUESTS)
def test_a_request_faults_no_one(sentence):
    assert polarity_of(sentence) is None
    assert classify([sentence], [])[:2] == (None, [])


# A problem put right in the unit's own words: no finding.
FIXED = [
    "该网站错链问题已修复",
    "相关错别字已全部更正",
    "上季度通报的空白栏目问题已整改到位",
]


@pytest.mark.parametrize("sentence", FIXED)
def test_a_problem_put_right_is_no_finding(sentence):
    assert classify([sentence], ["二、存在的问题"])[:2] == (None, [])


# Praise that uses the words of a problem's area.
PRAISE = [
    "在政策解读方面形式多样,图文并茂",
    "留言回复及时,答复质量较高",
    "办事指南要素齐全,在线办理便捷",
    "积极开展适老化和无障碍改造,成效明显",
    "信息发布时效性强,内容丰富",
]


@pytest.mark.parametrize("sentence", PRAISE)
def test_praise_in_the_words_of_an_area_is_praise(sentence):
    assert classify([sentence], []) == ("positive", [], None)


# A column named after an area of work is where another problem is.
COLUMNS = [
    ("政策解读栏目为空白", ["blank_column"]),
    ("互动交流栏目超过6个月未更新", ["not_updated"]),
    ("领导信箱栏目链接失效", ["broken_link"]),
    ("重点领域信息公开专栏下的子栏目为空白栏目", ["blank_column"]),
    ("“在线访谈”栏目内容为空", ["blank_column"]),
    # …but a column that is missing is the problem of its area
    ("网站未开设政策解读栏目", ["policy_interpretation"]),
    ("未开设互动交流栏目", ["interaction_poor"]),
]


@pytest.mark.parametrize("sentence,codes", COLUMNS)
def test_a_column_is_where_a_problem_is(sentence, codes):
    assert problems_of(sentence) == codes
    assert polarity_of(sentence) == "negative"


def test_words_a_problem_shares_with_praise_blame():
    # 无有效, 不齐全, 主动公开…不全, 设计不合理, 表现为: praise words inside a problem's wording
    assert polarity_of("无有效建言渠道") == "negative"
    assert polarity_of("办事指南要素不齐全") == "negative"
    assert polarity_of("功能设计不合理") == "negative"
    assert polarity_of("问题主要表现为首页信息更新不及时") == "negative"
    assert polarity_of("“办事服务”栏目点击后显示“页面不存在”") == "negative"


def test_numbers_and_names_that_only_look_like_problems():
    assert polarity_of("本次共监测404个网站") is None
    assert problems_of("本次共监测404个网站") == []
    assert polarity_of("原文共3000多字") is None
    # advertising planted by an attacker is a security problem, not conduct
    assert problems_of("网站被植入非法广告链接") == ["security"]
    # 已注销 and 主办单位未…注销 are about closing, not about filing
    assert problems_of("账号长期停更,主办单位未申请注销") == ["zombie_account", "not_updated"]
