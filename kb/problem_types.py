"""The problem types of the findings contract (shared/spec/findings.md): code, 中文 label and
what the type covers, as rows of the `problem_type` table."""

PROBLEM_TYPES = [
    ("not_updated", "更新不及时",
     "首页或栏目未及时更新，账号超过规定天数未更新，每月更新次数过少，长期不更新"),
    ("blank_column", "空白栏目", "栏目内容空白或显示为空"),
    ("broken_link", "错链断链", "链接错误、断链或无法打开"),
    ("site_unavailable", "无法访问", "网站或服务无法访问"),
    ("display_error", "页面显示异常", "页面显示错误、页面错乱"),
    ("wording_error", "严重表述错误",
     "严重或不规范的表述、错别字、错敏信息、涉政表述错误"),
    ("interaction_poor", "互动回应差",
     "留言未回复或回复不及时，互动渠道不可用，答复格式不规范"),
    ("service_impractical", "服务不实用", "办事服务功能不可用或不实用"),
    ("security", "安全问题", "安全漏洞（SQL注入、XSS、暗链）、信息泄露、安全事件"),
    ("policy_interpretation", "政策解读缺失", "政策文件未同步发布解读，未设置解读栏目"),
    ("ipv6", "IPv6改造未完成", "网站不支持IPv6访问"),
    ("disclosure", "政务公开未达标", "信息公开平台未改版，未发布标准目录，年度报告缺失"),
    ("registration", "基本信息未报备",
     "基本信息未报备或未更新，账号改名未报备，备案信息不符"),
    ("zombie_account", "僵尸账号未注销", "长期休眠、空白或无人维护的账号未关停注销"),
    ("repost_missing", "未按要求转载", "未按要求转载重要信息"),
    ("rectification", "整改不到位", "整改报告逾期或缺失，此前发现的问题未整改"),
    ("improper_conduct", "不严肃不规范", "非官方互动、随意点赞、频繁删帖"),
    ("unspecified", "问题突出/不合格", "被点名为不合格或问题突出，未说明具体问题"),
    ("other", "其他", "已说明的问题不属于以上任何一类"),
]

CODES = frozenset(code for code, _, _ in PROBLEM_TYPES)
