"""The vocabulary of inspection notices: channel words, the endings of unit names,
the cues of blame and praise, and the phrases of each problem type.

Everything here describes how notices are written, never which units they name.
"""
import csv
import re
from functools import lru_cache
from importlib import resources

HAN = "\u4e00-\u9fff"

# Channel words, longest first, with the channel they name.  Used both to tell the
# channel of a finding and to cut a unit name from the words that follow it.
CHANNEL_WORDS = [
    ("人民政府门户网站", "website"), ("人民政府网站", "website"), ("人民政府网", "website"),
    ("政府门户网站", "website"), ("门户网站", "website"), ("政府网站", "website"),
    ("网站", "website"), ("网页", "website"),
    ("微信公众号", "wechat"), ("微信服务号", "wechat"), ("微信订阅号", "wechat"),
    ("微信视频号", "wechat"), ("政务微信", "wechat"), ("微信号", "wechat"),
    ("公众号", "wechat"), ("订阅号", "wechat"), ("服务号", "wechat"), ("视频号", "wechat"),
    ("微信", "wechat"),
    ("政务微博", "weibo"), ("新浪微博", "weibo"), ("官方微博", "weibo"), ("微博", "weibo"),
    ("抖音号", "douyin"), ("抖音", "douyin"),
    ("今日头条", "toutiao"), ("头条号", "toutiao"),
    ("移动客户端", "app"), ("客户端", "app"), ("APP", "app"), ("App", "app"), ("app", "app"),
    ("小程序", "miniprogram"),
    # platforms without a channel code of their own: an account whose platform is said
    ("快手号", "new_media"), ("快手", "new_media"), ("百家号", "new_media"), ("企鹅号", "new_media"),
    ("澎湃号", "new_media"), ("人民号", "new_media"), ("学习强国号", "new_media"),
    ("哔哩哔哩", "new_media"), ("小红书", "new_media"),
    ("政务新媒体", "new_media"), ("新媒体", "new_media"), ("账号", "new_media"),
    ("帐号", "new_media"),
]
CHANNEL_RE = re.compile("|".join(re.escape(w) for w, _ in CHANNEL_WORDS))
CHANNEL_OF = dict(CHANNEL_WORDS)

# Endings of the names of bodies and places (局, 委员会, 县 …).  A run of Han characters
# ending in one of these reads as a unit name.
UNIT_SUFFIXES = sorted("""
委员会 管委会 管理委员会 办公室 办公厅 管理局 管理处 管理所 管理站 服务中心 中心 事务局
政府 人民政府 厅 局 委 办 署 院 所 站 馆 队 社 部 处 科 股 团 师 旗 盟 苏木 嘎查
协会 学会 商会 工会 联合会 基金会 促进会 研究会 文联 残联 侨联 妇联 工商联 科协 红十字会
省 市 县 区 州 镇 乡 街道 村 自治州 自治县 地区 新区 园区 开发区 高新区 示范区 实验区
网 平台 分局 支队 大队 中队 公司 集团 学校 大学 医院 银行 法院 检察院 海关 监狱
""".split(), key=len, reverse=True)
UNIT_END_RE = re.compile("(?:" + "|".join(map(re.escape, UNIT_SUFFIXES)) + ")$")

# Words that open a class of units rather than naming one (部分县级政府网站).
CLASS_OPENERS = re.compile(
    r"^(?:各|有的|的|单个|多(?:平台|部门|单位|渠道|地区|家|级)|设区|[^、]{1,8}各(?:县|市|区|级|类|部门|单位)|部分|个别|一些|少数|多数|大部分|"
    r"大多数|全省|全市|全州|全区|全县|全旗|全国|全部|所有|其他|"
    r"其余|其它|账号|帐号|网站(?!群)|网页|页面|相关|有关|以下|下列|如下|本级|本地|本部门|本单位|本[省市县区州旗]|该|此|上述|以上|我|所属|下属|主管|主办|这些|哪些|"
    r"不合格|合格|问题|存在|多个|若干|重点|基层|县级|市级|省级|乡镇|省直|市直|州直|县直|区直|旗直)"
)
# Names that are really parts of a page, documents or jargon rather than units.
NOT_A_UNIT = re.compile(
    r"栏目|专栏|版块|板块|频道|信息公开|政务公开|系统|指标|要求|制度|机制|工作(?!局|办|站|委|部)|情况|问题|通报|"
    r"检查|抽查|普查|监测|合格|不合格|整改|意见|通知|办法|方案|规定|报告|年度|季度|决策|部署|"
    r"[0-9０-９]|[?？□�]|我[省市区县州旗]|附件|表扬|批评|亮点|成效|更新|办理|不及时|主体|纳入|有待|"
    r"领导|负责人|责任人|同志|人员|群众|网民|网友|用户|社会公众|名称|序号|网址|备注|方面|记者|实习生|通讯员|"
    r"僵尸|空壳|睡眠|休眠|沉睡|(?:无|此|该|各|多|一|两|几|数)处$|推广|集约化|"         # 僵尸号, 空壳网站: a kind of account or site, never one
    r"^(?:政府|政务|政务服务网|政府网|平台|部门|单位|地区|地方|市州|县区|区县|市县|省市|国办|国务院办公厅|省政府办公厅|"
    r"市政府办公室|中国政府网)$"
)

# Heading numbering: 一、 (一) 1. 1、 一是 附件.
HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|[0-9]{1,2}[.、．](?![0-9])|"
    r"[一二三四五六七八九十]+是|附件[0-9]*[:：]?)"
)

# Sentence-final punctuation.
SENT_END = "。！？;；"        # ASCII ? is mostly a mojibake placeholder in these pages

# Predicate starts: where the subject of a clause ends.
PREDICATE_START = re.compile(
    r"存在|出现|未|没有|不|无|超过|连续|被|因|仍|均|都|参与|长期|多个|大量|首页|主页|办理|回复|"
    r"重视|监管|表现|工作|得分|合格率|达标率|运行|积极|创新|主动|坚持|优化|规范|发挥|设计|推出|"
    r"开设|搭建|融合|指定|以|在|对|将|已|于|有|发布|作为|仅|既|也|部分|个别|问题|整改|"
    r"应更新|更新|栏目|内容|信息|及时|按|较|等|分别|共|达到|达|为|是"
)

# Praise: what a notice says of a unit it singles out for a good result.
POSITIVE_RE = re.compile(
    r"较好|较高|良好|明显|成效|表现|重视程度高|有力|优秀|先进|表扬|典型|示范|亮点|靠前|前列|排名前|"
    r"得分(?:超过|较高|在|达)|[0-9]+分以上|100%|百分之百|创新|积极|主动|率先|精准|有效|突出成绩|"
    r"成绩突出|进步|连续[0-9一二三四五六七八九十两]+个(?:季度|月|年度)(?:检查|抽查|考核|评估)?(?:均|全部|都)?合格|全部添加|专门制定|逐项梳理|"
    r"及时调整|提升|提高|上升|做法|经验|前[0-9一二三四五六七八九十]+(?:名|位)|肯定|好评|优良|满分|"
    r"第一名|名列前茅|优化|丰富|打造|推出|上线|搭建|设计|发挥|坚持|较好完成|融合|开设(?!的)|"
    r"(?:全部|均|都)(?:为)?(?:合格|达标)|"     # every site of the unit passed: 100% in words
    r"(?:运维|管理|运行|维护|运营)规范|评为|获评|评选为"
)
# Blame: problems and failures.
NEGATIVE_RE = re.compile(
    r"不合格|未(?!来)|不及时|不到位|不规范|不严肃|不一致|不准确|不实用|问题|错|无法|空白|长期|没有|不足|差|"
    r"缺失|缺少|漏洞|隐患|泄露|被.{0,6}通报|约谈|为零|不更新|无更新|无信息|广告|违规|失效|异常|"
    r"形同虚设|无回复|不能|打不开|不可用|涉密|弱口令|木马|少于|停更|停止(?:更新|运维|维护)|无人维护|滞后|延缓|过期|超期|参与非政务|点赞|删稿|暗链|挂马|篡改|有待|亟待|不够|欠缺|"
    r"(?:合格率|得分|达标率)(?:较低|偏低|最低|低于)|"
    r"排名(?:靠后|末位|倒数)|后[0-9一二三四五六七八九十]+(?:名|位)|得分(?:较低|靠后|最低)|仅(?:发布|更新)|更新(?:数|量)?(?:仅|不足)|"
    r"批评|扣分|扣[0-9一二三四五六七八九十]+分|不备案|未备案|不完整|才办结|逾期|超时|"
    r"超过[^,，。;；]{0,16}(?:要求|时限|期限)|不符|敷衍|答非所问|写错|误写"
)
# Phrases that mention problems only to say there were none.
NO_PROBLEM_RE = re.compile(
    r"未发现[^,，。;；]*?(?:问题|不合格|隐患|事故)|无[“\"]?单项否决[”\"]?问题|未出现[^,，。;；]*|"
    r"均已按期办理|均已整改|全部(?:完成)?整改|已(?:全部)?完成整改|问题整改见到实效|"
    r"[^,，。;；]{0,12}?问题(?:均|已)+(?:全部)?整改(?:到位|完毕|完成)|"
    r"问题[^,，。;；]{0,8}(?:减少|下降)|不合格[^,，。;；]{0,10}?(?:减少|下降)|"
    r"(?:关停|注销|清理|关闭|整合)(?:注销|关停|整合)?了[^,，。;；]*|"     # 关停注销了长期无人维护的账号6个: done
    r"撤并[^,，。;；]*|进行了(?:集中)?清理[^,，。;；]*|分为[^。;；]{0,30}等次"
)

# Lines of page metadata and contacts, never findings.
METADATA_RE = re.compile(r"^\s*[(（]?(?:本文)?(?:来源|作者|编辑|责任编辑|发布机构|发布时间|信息来源|浏览|阅读|"
                         r"联系人|联系电话|联系方式|电子邮箱|邮箱|电话|传真|地址|邮编|抄送|抄报|主送|印发)[:：]")
# The addressee line under the title (各市人民政府,省政府各厅委、各直属机构:): groups, not findings.
ADDRESSEE_RE = re.compile(r"^\s*(?=[^:：]*各)(?:[^,，、:：。]{1,20}[,，、])*[^,，、:：。]{1,20}[:：]\s*$")
# The list of attachments by title (附件:1.…问题清单 2.…): not findings.
ATTACHMENT_TITLE_RE = re.compile(r"^\s*附件\s*[0-9一二三四五六七八九十]*\s*[:：]")
NUMBERED_TITLE_RE = re.compile(r"\s*[0-9]{1,2}\s*[.、．]")     # used with .match()

# Statements that something is done, neither blame nor praise: they stop a section
# heading from deciding polarity (西宁市已完成…改造 under a heading about a problem).
NEUTRAL_RE = re.compile(r"已完成|完成了|已按|已全面|已在|均能|基本能|已经|制定了|建立了|"
                        r"(?<!不)(?:检查|抽查|考核)?(?:结果为)?(?:合格|达标)(?![率的])")     # merely passing

# An inspector's own actions: the subject of these is the issuer, not a finding.
INSPECTOR_RE = re.compile(r"^(?:已(?:经)?(?:于[^,，。;；]{0,12}?)?)?(?:组织|开展|委托|印发|下发|通报|随机|分别约谈|约谈|责令|近日|近期)")
# …and these when the subject is an office that inspects (办公厅对全市网站进行抽查).
INSPECTOR_WEAK_RE = re.compile(r"^(?:已(?:经)?)?(?:对(?!照)|向|按照|根据|依据|依托|通过|利用|将|于)")
INSPECTOR_NAME_RE = re.compile(r"(?:办公厅|办公室|政务公开办|政务局|信息中心|管理局|人民政府|政府|纪委|监委|网信办)$")

# Problem codes, each with the phrases that state it.  Every code that matches is
# reported, in this order; the words a phrase matches are then used up, so that
# `未完成错敏信息整改` is rectification only and `留言未回复` is not also not_updated.
PROBLEM_PATTERNS = [
    # 空白栏目问题仍未整改到位: the problem named is what was to be rectified
    ("rectification", r"(?:[^,，。;；]{0,8}问题)?(?:仍|尚|还|均)?未(?:完成)?整改(?:到位)?|整改(?:落实)?不到位|未(?:按要求|按时|及时)?(?:完成|反馈|报送)?[^,，。;；]{0,12}整改|"
                      r"整改不彻底|仍未整改|未整改|整改报告|整改不力|至今仍未|至今未(?:完成|落实)|整改(?:工作)?(?:未|没有)落实|"
                      r"未下载报告|复查.{0,6}不合格|"
                      r"(?:第一次|上次|上一次|前次|上季度|上期|此前)[^,，。;；]{0,12}被(?:通报|指出)|"
                      r"被通报的[^,，。;；]{0,16}?(?:再次|又|仍然|依然|重复)出现"),
    # the words of the conduct (转发…, …互动, 为…点赞) are its own, not repost or interaction problems
    ("improper_conduct", r"参与非政务[^,，。;；]{0,10}|非政务|(?:为|给)[^,，。;；]{0,6}点赞|点赞|删稿|删帖|"
                         r"(?:频繁|随意|擅自)?删除已发布[^,，。;；]{0,4}|不严肃|"
                         r"(?:与[^,，。;；]{0,6})?(?:非官方|非正式|不当)(?:的)?互动|"
                         r"(?:采用|使用|以)?非(?:正式|官方)(?:的)?(?:语言|语气|口吻)[^,，。;；]{0,8}|"
                         r"(?:转发|发布|转载)?[^,，。;；]{0,4}?(?:与政务无关的?)?(?:低俗|娱乐)[^,，。;；]{0,8}"),
    # 已关停的旧网站 is what a link points at, not an account left open
    ("zombie_account", r"僵尸|空壳|注销|(?<!已)关停|睡眠|无人(?:维护|管理)|停止(?:运维|维护)"),
    # a repost not made (未…转载, 转载任务); 转载文章中… says where another problem is
    ("repost_missing", r"(?:未|没有|不)[^,，。;；]{0,12}(?:转载|转发)|(?:转载|转发)[^,，。;；]{0,10}(?:不及时|不到位|滞后|任务|工作)"),
    ("registration", r"备案|报备|更名|名称变更|网址变更|域名变更|基本信息[^,，。;；]{0,5}|信息报送系统中更新|系统中[^,，。;；]{0,4}变更|未按程序申请开通|实名认证|认证信息|"
                     r"标识码|ICP"),
    ("policy_interpretation", r"解读[^,，。;；]{0,6}更新不及时|解读"),
    ("ipv6", r"IP[Vv][6*]|ipv6"),        # IPv* where the page's digits are masked
    ("disclosure", r"信息公开平台|标准目录|标准化目录|年度报告|年报|政务公开事项|信息公开指南|公开指南|依申请公开"),
    ("security", r"漏洞|注入|XSS|暗链|挂马|篡改|泄露|泄密|涉密|弱口令|木马|安全隐患|安全事件|网络安全事故|被盗用|被盗|盗号|被劫持|"
                 r"被攻击|被植入[^,，。;；]{0,10}|不良信息"),     # 被植入非法广告链接: one security problem
    ("blank_column", r"空白栏目|栏目空白|显示为空白|空白(?!页)|无任何内容|内容为空|无内容(?!更新)"),
    ("broken_link", r"链接指向(?:外部|无关|错误|商业|已失效|失效)[^,，。;；]{0,6}(?:[,，](?:无法|不能)(?:正常)?打开)?|错链|断链|错误链接|无效链接|链接[^,，。;；]{0,8}(?:无法|失效|不准确|错误|打不开|不可用)|(?:无法|不能)(?:正常)?(?:访问|打开)的[^,，。;；]{0,4}链接|打不开的[^,，。;；]{0,4}链接|(?:提示|显示)?页面不存在|(?:点击后)?跳转(?:至|到)[^,，。;；]{0,10}(?:已关停|错误|无关|空白|原域名|旧)[^,，。;；]{0,6}|死链|链接失效"),
    ("display_error", r"显示(?:异常|不正常|错乱|错误|错位|不全)|(?:无法|不能)(?:正常)?显示|页面错乱|错位|乱码|显示错误"),
    ("wording_error", r"表述|错别字|错字|漏字|错敏|敏感词|涉政|政治性差错|差错|(?:排序|排名|提法|称谓|姓名)错误|"
                      r"问题地图|地图使用|写错|错写|误写"),
    ("interaction_poor", r"(?:咨询|留言|互动|信箱)[^,，。;；]{0,6}(?:(?:无法|不能)(?:正常)?使用|不可用|失效|无人回复|未回复|未答复)|"
                         r"留言[^,，。;；]{0,12}(?:未回复|未答复|无人回复|未办结)|(?:答复|回复)[^,，。;；]{0,16}(?:不符|敷衍)|答非所问|"
                         r"留言|回复|答复|互动|信件|信箱|咨询|找错|纠错|办件|回应"),
    # a function that cannot be used is a service problem, a page that cannot be reached is not
    ("service_impractical", r"办事指南|办事服务|服务不实用|(?:搜索|检索)(?:功能|结果)[^,，。;；]{0,6}|"
                            r"(?:在线)?(?:申报|申请|预约|提交)[^,，。;；]{0,4}(?:无法|不能)|功能[^,，。;；]{0,6}?(?:(?:无法|不能)(?:正常)?(?:使用|打开)|打不开|"
                            r"失效|不可用)|(?:无法|不能)(?:正常)?使用|在线服务|办事事项(?![^,，。;；]{0,2}链接)|"
                            r"(?:无法|不能)(?:在线|网上)(?:提交|办理|申报|申请|预约|缴费)|服务形同虚设"),
    ("site_unavailable", r"(?:无法|不能)(?:正常)?(?:访问|打开|下载安装|安装)|打不开|访问异常|宕机"),
    # content that is not government work (与政务无关, 商业广告), entertainment aside: no type of its own
    ("other", r"(?:转发|发布|转载)?[^,，。;；]{0,4}?与政务无关[^,，。;；]{0,8}|"
              r"商业广告|广告|商业(?:链接|信息|推广)|域名|旧文新发|内容保障差|IP地址"),
    ("not_updated", r"更新不及时|不及时更新|未更新|不更新|未及时更新|长期未|无更新|没有更新|未有信息发布|无信息发布|"
                    r"发布量为零|更新次数|更新(?:数)?量?(?:少于|不足|低于|偏少|仅)|最近一次更新|最后(?:一次)?更新|仅(?:发布|更新)|无[^,，。;；]{0,4}更新|超期更新|更新不够|未按时更新|停更|停止更新|(?:信息|内容|更新)停留在|内容保障不到位|"
                    r"[0-9一二两三四五六七八九十]+(?:天|日|周|个月|年)(?:以上)?(?:内)?(?:未|无|没有|不)(?:更新|发布|信息|动态)"
                    r"|(?:以来|至今)[^,，。;；]{0,3}(?:未|无|没有)(?:更新|发布)"),
]
PROBLEM_RES = [(code, re.compile(p)) for code, p in PROBLEM_PATTERNS]
# A failure named without its problem.
UNSPECIFIED_RE = re.compile(r"不合格|问题突出|突出问题|单项否决|被.{0,6}通报|通报批评|予以批评|约谈|问责|未达标|"
                            r"(?:合格率|达标率)(?:较低|偏低|最低|低于)|"
                            r"排名(?:靠后|末位|倒数)|后[0-9一二三四五六七八九十]+(?:名|位)|得分(?:较低|靠后|最低)")

CONSECUTIVE_RE = re.compile(r"连续([0-9一二两三四五六七八九十]+)个(?:季度|月|周期|批次)[^,，。;；]{0,8}不合格")
CN_DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9, "十": 10}


def cn_number(text):
    """'4' -> 4, '四' -> 4, '十二' -> 12."""
    if text.isdigit():
        return int(text)
    if len(text) == 1:
        return CN_DIGITS.get(text)
    if text.startswith("十"):
        return 10 + CN_DIGITS.get(text[1:], 0)
    if len(text) == 2 and text[1] == "十":
        return CN_DIGITS.get(text[0], 0) * 10
    if len(text) == 3 and text[1] == "十":
        return CN_DIGITS.get(text[0], 0) * 10 + CN_DIGITS.get(text[2], 0)
    return None


# Administrative-division endings, stripped to get the short forms places go by (湖南, 六安).
_PLACE_ENDINGS = re.compile(
    r"(?:维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市|自治州|自治县|自治旗|地区|盟|县|区|旗)$")


@lru_cache(maxsize=1)
def place_names():
    """Names of China's administrative divisions, full and short, from cpca's table."""
    names = set()
    with resources.files("cpca.resources").joinpath("adcodes.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = row["name"]
            names.add(name)
            short = _PLACE_ENDINGS.sub("", name)
            if len(short) >= 2:
                names.add(short)
    return frozenset(names)


@lru_cache(maxsize=1)
def full_place_names():
    """The full names of China's administrative divisions (百色市, 凌云县), from cpca's table."""
    return frozenset(n for n in place_names() if _PLACE_ENDINGS.search(n))
