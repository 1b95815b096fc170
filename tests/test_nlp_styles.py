"""Notices in styles neither the corpus nor tests/notices has, written for this test
without looking at the parser's output first: per-unit lines `1.X网站:问题`, a 以下账号…:
list of quoted accounts, a national half-year notice, a one-row-per-line table whose header
line is missing, traditional characters with a 除…外 exception, and lists of one
name a line under `…名单如下:`, a national 2015 survey praising and criticising
regions after `…的`, problems in brackets after each unit, rankings (前五名/后三位), 涉及账号: lists and a
table flattened with spaces instead of pipes, `以下…存在突出问题:` with
per-channel paragraphs, a table whose problems are in a 扣分原因 column, and
units named in brackets after their problem or under a region label (`松桃县:…`),
per-platform lines (`1.微信公众号:…`), scores in brackets, and an attachment table
that only lists praised accounts, and an annual notice (被评为年度优秀…).  The texts are
invented; the place names are real but nothing said of them is true."""
import pytest

from ingest import load_notice
from nlp import Parser
from nlp.evaluate import evaluate

NOTICES = {
    "b19": """嘉兴市人民政府办公室关于2021年度全市政府网站和政务新媒体检查情况的通报
各县(市、区)人民政府,市政府各部门、直属各单位:
一、总体情况
2021年,市政府办公室每季度对全市政府网站和政务新媒体进行检查。\
全年政府网站平均合格率为98.2%,政务新媒体平均合格率为97.6%。
二、年度优秀
经综合评定,海宁市人民政府网站、平湖市人民政府网站、\
市市场监管局网站被评为年度优秀政府网站;\
“嘉兴发布”“南湖晚报”被评为年度优秀政务新媒体。
三、存在的问题
(一)部分镇街政务新媒体运维不规范。王江泾镇“王江泾发布”视频号全年仅发布信息3条;\
新塍镇“新塍微生活”微信公众号多次出现错别字。
(二)个别部门网站整改不及时。市城投集团网站第三季度通报的空白栏目问题至今未整改。
""",
    "b16": """开封市人民政府办公室关于2022年12月全市政务新媒体检查情况的通报
各县区人民政府,市政府各部门:
2022年12月,市政府办公室对全市98个政务新媒体进行了检查,合格率为94.9%。\
现将发现的问题通报如下:
1.微信公众号:“开封城管”“兰考政务”超过2周未更新。
2.政务微博:“杞县发布”发布内容存在错别字。
3.抖音号:“尉氏融媒”长期未更新,已停止维护但未注销。
以下账号表现突出,予以表扬:
“开封发布”微信公众号、“禹王台区发布”政务微博。
""",
    "b17": """湖州市人民政府办公室关于2023年第一季度政府网站检查情况的通报
各区县人民政府,市政府各部门:
一、检查情况
本季度共检查政府网站26个,全部合格,合格率100%。\
得分90分以上的网站有:长兴县人民政府网站(96分)、市自然资源和规划局网站(93分)\
、安吉县人民政府网站(91分)。
二、主要问题
德清县人民政府网站“政策解读”栏目解读材料未与政策文件关联;\
市生态环境局网站首页图片新闻显示异常。
""",
    "b18": """南宁市人民政府办公室关于2024年第二季度政务新媒体检查情况的通报
各县(市、区)人民政府,市直各单位:
本季度共检查政务新媒体156个,不合格3个,合格率98.08%。\
不合格账号为“横州发布”“宾阳文旅”“上林教育”,均为超过2周未更新。\
表现优秀的账号见附件。
附件:第二季度表现优秀的政务新媒体
序号 | 账号名称 | 平台 | 主办单位
1 | 南宁发布 | 微信 | 南宁市委宣传部
2 | 青秀发布 | 微博 | 青秀区人民政府办公室
""",
    "b15": """铜仁市人民政府办公室关于2021年第三季度全市政府网站与政务新媒体检查情况\
的通报
各区(县)人民政府,市政府各工作部门:
一、总体情况
本季度共检查政府网站45个,合格率95.56%;检查政务新媒体160个,合格率97.5%。
二、存在的问题
(一)首页信息更新不及时(涉及:思南县人民政府网站、市住房公积金中心网站)。
(二)政务新媒体留言不回复(主要有“碧江发布”“万山微政务”)。
(三)分地区情况。
松桃县:县林业局网站空白栏目较多;县教育局网站存在错链。
江口县:“江口旅游”微信公众号超过1个月未更新。
三、工作要求
请相关单位抓紧整改。
""",
    "b13": """云浮市人民政府办公室关于2020年第四季度全市政府网站和政务新媒体检查情况\
的通报
各县(市、区)人民政府,市政府各部门、各直属机构:
一、检查情况
本次共检查政府网站27个、政务新媒体103个。经检查,以下网站和政务新媒体存在突出问题:
(一)政府网站。新兴县人民政府网站首页“工作动态”栏目超过2周未更新;\
罗定市自然资源局网站存在多个空白栏目;云安区应急管理局网站部分页面无法打开。
(二)政务新媒体。其中,“郁南文明”“罗定税务”等2个政务新媒体连续3个月未更新,\
“云城公安”微信公众号发布内容出现严重表述错误。
二、通报表扬
市政务服务数据管理局、新兴县人民政府、云浮市公安局网站和政务新媒体建设管理规范,\
信息发布及时准确,予以通报表扬。
三、工作要求
请存在问题的单位于2021年1月15日前完成整改。
""",
    "b14": """德阳市人民政府办公室关于2023年第三季度政府网站检查情况的通报
一、检查结果
第三季度共检查政府网站30家,合格率为96.67%。检查结果如下表:
序号 | 单位 | 网站名称 | 检查结果 | 扣分原因
1 | 旌阳区人民政府 | 旌阳区人民政府网 | 合格 | 无
2 | 罗江区人民政府 | 罗江区人民政府网 | 合格 | 栏目更新偏慢
3 | 德阳市水利局 | 德阳市水利局网站 | 不合格 | 互动交流栏目留言超过10个工作日未答复
二、工作要求
请不合格单位立即整改。
""",
    "b10": """杭州市人民政府办公厅关于2024年第二季度政府网站与政务新媒体检查情况的通报
各区、县(市)人民政府,市政府各部门、各直属单位:
一、总体情况
本季度共检查政府网站41家、政务新媒体236个,政府网站合格率100%,政务新媒体合格率98.73%。
二、存在问题
(一)部分政务新媒体更新不及时,超过2周未更新。\
涉及账号:“桐庐发布”“淳安微政务”“建德民政”。
(二)部分网站存在错别字和表述错误。涉及单位:市园文局、市城管局。
三、典型做法
富阳区政府网站开设“政策直通车”专栏,解读政策通俗易懂,受到群众好评;\
临安区政务新媒体矩阵运营成效显著。
四、工作要求
各单位要举一反三,抓好整改。
""",
    "b12": """黔南州人民政府办公室关于2016年第三季度全州政府网站抽查情况的通报
各县(市)人民政府,州直各部门:
按照省政府办公厅要求,州政府办公室于8月对全州政府网站进行了抽查,共抽查网站48个,\
合格45个,合格率93.75%。不合格网站名单见附件。
附件:2016年第三季度抽查不合格网站名单
附件
2016年第三季度抽查不合格网站名单
序号 网站名称 主办单位 存在问题
1 三都水族自治县人民政府网站 三都县人民政府办公室 首页栏目超过2周未更新
2 黔南州林业局网站 黔南州林业局 网站无法访问
3 荔波县旅游局网站 荔波县旅游局 互动栏目留言超过3个月未答复
""",
    "b7": """国务院办公厅关于第一次全国政府网站普查情况的通报
国办函〔2015〕155号
各省、自治区、直辖市人民政府,国务院各部委、各直属机构:
2015年3月至12月,国务院办公厅组织开展了第一次全国政府网站普查。现将有关情况通报如下:
一、普查总体情况
截至2015年11月,全国共有政府网站84094个,各地区、\
各部门共关停整合不合格政府网站16049个。\
国务院办公厅对各地区、各部门的普查情况进行了抽查,共抽查政府网站1680个,合格率为85%。
二、普查发现的主要问题
(一)部分网站内容更新不及时。如:河北省衡水市武邑县审坡镇人民政府网站、\
吉林省长春市双阳区鹿乡镇人民政府网站首页信息长期未更新。
(二)互动回应差。\
内蒙古自治区呼和浩特市新城区人民政府网站“区长信箱”栏目长期无回复。
(三)服务不实用。部分网站办事指南要素缺失,在线办事功能无法使用。
三、表扬和批评
对普查工作组织有力、成效明显的北京、天津、上海、江苏、浙江等地区,\
以及国家发展改革委、商务部等部门予以表扬。\
对普查工作推进缓慢、问题整改不到位的甘肃省、青海省予以批评。
国务院办公厅
2015年12月15日
""",
    "b8": """东营市人民政府办公室关于2018年第二季度政府网站和政务新媒体检查情况的通报
各县区人民政府,市政府各部门:
一、总体情况
第二季度共检查政府网站35个、政务新媒体88个,政府网站合格率为97.14%,\
政务新媒体合格率为96.59%。
二、存在的问题
检查发现以下单位存在问题:市林业局(网站“通知公告”栏目超过1个月未更新)\
、市住建局(政务微博发布信息出现错别字)、河口区(网站留言超期未回复)。
三、工作要求
请相关单位于7月15日前完成整改。
""",
    "b9": """鹤壁市人民政府办公室关于2022年第三季度政府网站检查结果的通报
各县区人民政府,市政府各部门:
一、考评结果
本季度对全市32家政府网站进行了检查考评。\
得分前五名的单位依次为:市财政局、淇县、市税务局、浚县、山城区。\
较上季度进步明显的有:市农业农村局、鹤山区。\
排名后三位的是:市商务局、市文广旅局、鹤壁经开区,请上述单位认真整改。
二、工作要求
各单位要对照考评指标,补齐短板。
""",
    "b6": """XX市人民政府办公室关于2020年第一季度全市政府网站检查情况的通报
各县区人民政府,市直各部门:
一、检查结果
本季度共检查政府网站30个,合格率90%。不合格网站名单如下:
1.市水务局网站
2.鹿城区人民政府网站
3.“瓯海教育”微信公众号
二、表扬
以下单位本季度检查得分名列前茅,予以通报表扬:
市统计局、市司法局、文成县人民政府。
""",
    "b1": """江西省人民政府办公厅关于2019年第三季度全省政府网站和政务新媒体抽查情况的\
通报
赣府厅字〔2019〕88号
各市、县(区)人民政府,省政府各部门:
现将2019年第三季度全省政府网站和政务新媒体抽查情况通报如下。
一、抽查总体情况
本季度共抽查政府网站210个,合格率为96.19%;抽查政务新媒体480个,合格率为97.5%。
二、抽查发现的问题
(一)政府网站方面
1.萍乡市湘东区人民政府网站:“政务动态”栏目超过2周未更新。
2.上饶市广丰区林业局网站:首页无法访问。
3.九江市柴桑区人民政府网站:“政策解读”栏目为空白栏目。
(二)政务新媒体方面
1.“吉安市场监管”微信公众号:超过2周未更新。
2.“瑞金发布”政务微博:发布信息存在错别字。
三、工作亮点
南昌市、赣州市、省交通运输厅政府网站信息发布及时,互动回应规范,\
本季度抽查得分位居前列。
四、工作要求
各地各部门要对照问题抓紧整改,于10月20日前将整改情况报省政府办公厅。
江西省人民政府办公厅
2019年10月8日
""",
    "b2": """宁陕县人民政府办公室关于2023年10月政务新媒体监测情况的通报
各镇人民政府,县政府各部门:
2023年10月,县政府办公室对全县32个政务新媒体进行了监测,其中不合格4个,合格率87.5%。
一、存在的主要问题
(一)更新不及时。以下账号超过两周未更新:“宁陕林业”“宁陕文旅”“筒车湾发布”。\
其中“宁陕林业”连续两个月检查不合格。
(二)未提供互动功能。县医疗保障局微信公众号未开通留言功能,群众诉求无法反映。
(三)错误表述。“宁陕教育”发布的信息中将“中华人民共和国”误写。
二、有关要求
请上述单位于11月10日前完成整改。对连续三次被通报的单位,县政府将予以约谈。
宁陕县人民政府办公室
2023年11月2日
""",
    "b3": """国务院办公厅政府信息与政务公开办公室关于2021年上半年政府网站和政务新媒体\
检查情况的通报
各省、自治区、直辖市人民政府办公厅,国务院各部委、各直属机构办公厅(室):
一、总体情况
上半年,共检查政府网站1200个,总体合格率97%;检查政务新媒体3600个,总体合格率95.2%。\
北京、上海、浙江、广东等地政府网站检查合格率达到100%。
二、发现的主要问题
部分地方和部门对政府网站和政务新媒体管理重视不够。\
河北省邢台市南和区人民政府网站多个栏目长期未更新,\
山西省大同市云冈区人民政府网站存在严重表述错误,\
辽宁省朝阳市凌源市人民政府网站留言长期未回复。\
黑龙江省鹤岗市“鹤岗税务”微信公众号存在泄露个人隐私问题。
三、下一步工作
各地区、各部门要压实主管主办责任,做好问题整改。
""",
    "b4": """汉中市人民政府办公室关于2024年第一季度政府网站检查情况的通报
各县区人民政府,市政府各部门:
一、检查情况
本季度检查政府网站25个,合格23个,合格率92%。检查结果见下表。
序号 | 网站名称 | 主办单位 | 检查结果 | 存在问题
1 | 汉中市发展和改革委员会网站 | 汉中市发展和改革委员会 | 合格 | 无
2 | 南郑区人民政府网站 | 南郑区人民政府办公室 | 不合格 | 首页信息超过2周未更新
3 | 城固县人民政府网站 | 城固县人民政府办公室 | 合格 | 无
4 | 汉中市统计局网站 | 汉中市统计局 | 不合格 | 存在错链断链
二、工作要求
请不合格网站主办单位立即整改。
""",
    "b5": """南平市人民政府辦公室關於2022年第二季度全市政府網站與政務新媒體檢查情況的\
通報
各縣(市、區)人民政府,市直各單位:
一、總體情況
本季度共檢查政府網站40個,除南平市建陽區人民政府網站外,其餘網站均合格,合格率97.5%。\
檢查政務新媒體150個,合格率100%。
二、表揚
南平市政務服務中心、邵武市人民政府網站內容更新及時,互動回應規範,予以表揚。
三、問題
南平市建陽區人民政府網站首頁“要聞動態”欄目超過2周未更新;\
“武夷山旅遊”抖音號長期未更新,已停止運營但未註銷。
""",
}

GOLD = {
    "b19": {
        "doc": "b19.txt", "province": "浙江省", "year": 2021, "quarter": None,
        "pass_rates": [{"scope": "website", "rate": 98.2}, {"scope": "new_media", "rate": 97.6}],
        "findings": [
            {"unit": "海宁市", "polarity": "positive", "problem": None},
            {"unit": "平湖市", "polarity": "positive", "problem": None},
            {"unit": "市市场监管局", "polarity": "positive", "problem": None},
            {"unit": "嘉兴发布", "polarity": "positive", "problem": None},
            {"unit": "南湖晚报", "polarity": "positive", "problem": None},
            {"unit": "王江泾发布", "polarity": "negative", "problem": "not_updated"},
            {"unit": "新塍微生活", "polarity": "negative", "problem": "wording_error"},
            {"unit": "市城投集团", "polarity": "negative", "problem": "rectification"},
            {"unit": "市城投集团", "polarity": "negative", "problem": "blank_column"},
        ],
    },
    "b16": {
        "doc": "b16.txt", "province": "河南省", "year": 2022, "quarter": None,
        "pass_rates": [{"scope": "new_media", "rate": 94.9}],
        "findings": [
            {"unit": "开封城管", "polarity": "negative", "problem": "not_updated"},
            {"unit": "兰考政务", "polarity": "negative", "problem": "not_updated"},
            {"unit": "杞县发布", "polarity": "negative", "problem": "wording_error"},
            {"unit": "尉氏融媒", "polarity": "negative", "problem": "not_updated"},
            {"unit": "尉氏融媒", "polarity": "negative", "problem": "zombie_account"},
            {"unit": "开封发布", "polarity": "positive", "problem": None},
            {"unit": "禹王台区发布", "polarity": "positive", "problem": None},
        ],
    },
    "b17": {
        "doc": "b17.txt", "province": "浙江省", "year": 2023, "quarter": 1,
        "pass_rates": [{"scope": "website", "rate": 100}],
        "findings": [
            {"unit": "长兴县", "polarity": "positive", "problem": None},
            {"unit": "市自然资源和规划局", "polarity": "positive", "problem": None},
            {"unit": "安吉县", "polarity": "positive", "problem": None},
            {"unit": "德清县", "polarity": "negative", "problem": "policy_interpretation"},
            {"unit": "市生态环境局", "polarity": "negative", "problem": "display_error"},
        ],
    },
    "b18": {
        "doc": "b18.txt", "province": "广西壮族自治区", "year": 2024, "quarter": 2,
        "pass_rates": [{"scope": "new_media", "rate": 98.08}],
        "findings": [
            {"unit": "横州发布", "polarity": "negative", "problem": "not_updated"},
            {"unit": "宾阳文旅", "polarity": "negative", "problem": "not_updated"},
            {"unit": "上林教育", "polarity": "negative", "problem": "not_updated"},
            {"unit": "南宁发布", "polarity": "positive", "problem": None},
            {"unit": "青秀发布", "polarity": "positive", "problem": None},
        ],
    },
    "b15": {
        "doc": "b15.txt", "province": "贵州省", "year": 2021, "quarter": 3,
        "pass_rates": [{"scope": "website", "rate": 95.56}, {"scope": "new_media", "rate": 97.5}],
        "findings": [
            {"unit": "思南县", "polarity": "negative", "problem": "not_updated"},
            {"unit": "市住房公积金中心", "polarity": "negative", "problem": "not_updated"},
            {"unit": "碧江发布", "polarity": "negative", "problem": "interaction_poor"},
            {"unit": "万山微政务", "polarity": "negative", "problem": "interaction_poor"},
            {"unit": "县林业局", "polarity": "negative", "problem": "blank_column"},
            {"unit": "县教育局", "polarity": "negative", "problem": "broken_link"},
            {"unit": "江口旅游", "polarity": "negative", "problem": "not_updated"},
        ],
    },
    "b13": {
        "doc": "b13.txt", "province": "广东省", "year": 2020, "quarter": 4,
        "pass_rates": [],
        "findings": [
            {"unit": "新兴县", "polarity": "negative", "problem": "not_updated"},
            {"unit": "罗定市自然资源局", "polarity": "negative", "problem": "blank_column"},
            {"unit": "云安区应急管理局", "polarity": "negative", "problem": "site_unavailable"},
            {"unit": "郁南文明", "polarity": "negative", "problem": "not_updated"},
            {"unit": "罗定税务", "polarity": "negative", "problem": "not_updated"},
            {"unit": "云城公安", "polarity": "negative", "problem": "wording_error"},
            {"unit": "市政务服务数据管理局", "polarity": "positive", "problem": None},
            {"unit": "新兴县人民政府", "polarity": "positive", "problem": None},
            {"unit": "云浮市公安局", "polarity": "positive", "problem": None},
        ],
    },
    "b14": {
        "doc": "b14.txt", "province": "四川省", "year": 2023, "quarter": 3,
        "pass_rates": [{"scope": "website", "rate": 96.67}],
        "findings": [
            {"unit": "德阳市水利局", "polarity": "negative", "problem": "interaction_poor"},
        ],
    },
    "b10": {
        "doc": "b10.txt", "province": "浙江省", "year": 2024, "quarter": 2,
        "pass_rates": [{"scope": "website", "rate": 100}, {"scope": "new_media", "rate": 98.73}],
        "findings": [
            {"unit": "桐庐发布", "polarity": "negative", "problem": "not_updated"},
            {"unit": "淳安微政务", "polarity": "negative", "problem": "not_updated"},
            {"unit": "建德民政", "polarity": "negative", "problem": "not_updated"},
            {"unit": "市园文局", "polarity": "negative", "problem": "wording_error"},
            {"unit": "市城管局", "polarity": "negative", "problem": "wording_error"},
            {"unit": "富阳区", "polarity": "positive", "problem": None},
            {"unit": "临安区", "polarity": "positive", "problem": None},
        ],
    },
    "b12": {
        "doc": "b12.txt", "province": "贵州省", "year": 2016, "quarter": 3,
        "pass_rates": [{"scope": "website", "rate": 93.75}],
        "findings": [
            {"unit": "三都水族自治县", "polarity": "negative", "problem": "not_updated"},
            {"unit": "黔南州林业局", "polarity": "negative", "problem": "site_unavailable"},
            {"unit": "荔波县旅游局", "polarity": "negative", "problem": "interaction_poor"},
        ],
    },
    "b7": {
        "doc": "b7.txt", "province": None, "year": 2015, "quarter": None,
        "pass_rates": [{"scope": "website", "rate": 85}],
        "findings": [
            {"unit": "河北省衡水市武邑县审坡镇", "polarity": "negative", "problem": "not_updated"},
            {"unit": "吉林省长春市双阳区鹿乡镇", "polarity": "negative", "problem": "not_updated"},
            {"unit": "内蒙古自治区呼和浩特市新城区", "polarity": "negative",
             "problem": "interaction_poor"},
            {"unit": "北京", "polarity": "positive", "problem": None},
            {"unit": "天津", "polarity": "positive", "problem": None},
            {"unit": "上海", "polarity": "positive", "problem": None},
            {"unit": "江苏", "polarity": "positive", "problem": None},
            {"unit": "浙江", "polarity": "positive", "problem": None},
            {"unit": "国家发展改革委", "polarity": "positive", "problem": None},
            {"unit": "商务部", "polarity": "positive", "problem": None},
            {"unit": "甘肃省", "polarity": "negative", "problem": "rectification"},
            {"unit": "青海省", "polarity": "negative", "problem": "rectification"},
        ],
    },
    "b8": {
        "doc": "b8.txt", "province": "山东省", "year": 2018, "quarter": 2,
        "pass_rates": [{"scope": "website", "rate": 97.14}, {"scope": "new_media", "rate": 96.59}],
        "findings": [
            {"unit": "市林业局", "polarity": "negative", "problem": "not_updated"},
            {"unit": "市住建局", "polarity": "negative", "problem": "wording_error"},
            {"unit": "河口区", "polarity": "negative", "problem": "interaction_poor"},
        ],
    },
    "b9": {
        "doc": "b9.txt", "province": "河南省", "year": 2022, "quarter": 3,
        "pass_rates": [],
        "findings": [
            {"unit": "市财政局", "polarity": "positive", "problem": None},
            {"unit": "淇县", "polarity": "positive", "problem": None},
            {"unit": "市税务局", "polarity": "positive", "problem": None},
            {"unit": "浚县", "polarity": "positive", "problem": None},
            {"unit": "山城区", "polarity": "positive", "problem": None},
            {"unit": "市农业农村局", "polarity": "positive", "problem": None},
            {"unit": "鹤山区", "polarity": "positive", "problem": None},
            {"unit": "市商务局", "polarity": "negative", "problem": "unspecified"},
            {"unit": "市文广旅局", "polarity": "negative", "problem": "unspecified"},
            {"unit": "鹤壁经开区", "polarity": "negative", "problem": "unspecified"},
        ],
    },
    "b6": {
        "doc": "b6.txt", "province": None, "year": 2020, "quarter": 1,
        "pass_rates": [{"scope": "website", "rate": 90.0}],
        "findings": [
            {"unit": "市水务局", "polarity": "negative", "problem": "unspecified"},
            {"unit": "鹿城区", "polarity": "negative", "problem": "unspecified"},
            {"unit": "瓯海教育", "polarity": "negative", "problem": "unspecified"},
            {"unit": "市统计局", "polarity": "positive", "problem": None},
            {"unit": "市司法局", "polarity": "positive", "problem": None},
            {"unit": "文成县人民政府", "polarity": "positive", "problem": None},
        ],
    },
    "b1": {
        "doc": "b1.txt", "province": "江西省", "year": 2019, "quarter": 3,
        "pass_rates": [{"scope": "website", "rate": 96.19}, {"scope": "new_media", "rate": 97.5}],
        "findings": [
            {"unit": "萍乡市湘东区", "polarity": "negative", "problem": "not_updated"},
            {"unit": "上饶市广丰区林业局", "polarity": "negative", "problem": "site_unavailable"},
            {"unit": "九江市柴桑区", "polarity": "negative", "problem": "blank_column"},
            {"unit": "吉安市场监管", "polarity": "negative", "problem": "not_updated"},
            {"unit": "瑞金发布", "polarity": "negative", "problem": "wording_error"},
            {"unit": "南昌市", "polarity": "positive", "problem": None},
            {"unit": "赣州市", "polarity": "positive", "problem": None},
            {"unit": "省交通运输厅", "polarity": "positive", "problem": None},
        ],
    },
    "b2": {
        "doc": "b2.txt", "province": "陕西省", "year": 2023, "quarter": None,
        "pass_rates": [{"scope": "new_media", "rate": 87.5}],
        "findings": [
            {"unit": "宁陕林业", "polarity": "negative", "problem": "not_updated"},
            {"unit": "宁陕林业", "polarity": "negative", "problem": "unspecified"},
            {"unit": "宁陕文旅", "polarity": "negative", "problem": "not_updated"},
            {"unit": "筒车湾发布", "polarity": "negative", "problem": "not_updated"},
            {"unit": "县医疗保障局", "polarity": "negative", "problem": "interaction_poor"},
            {"unit": "宁陕教育", "polarity": "negative", "problem": "wording_error"},
        ],
    },
    "b3": {
        "doc": "b3.txt", "province": None, "year": 2021, "quarter": None,
        "pass_rates": [
            {"scope": "website", "rate": 97},
            {"scope": "new_media", "rate": 95.2},
            {"scope": "website", "rate": 100},
        ],
        "findings": [
            {"unit": "北京", "polarity": "positive", "problem": None},
            {"unit": "上海", "polarity": "positive", "problem": None},
            {"unit": "浙江", "polarity": "positive", "problem": None},
            {"unit": "广东", "polarity": "positive", "problem": None},
            {"unit": "河北省邢台市南和区", "polarity": "negative", "problem": "not_updated"},
            {"unit": "山西省大同市云冈区", "polarity": "negative", "problem": "wording_error"},
            {"unit": "辽宁省朝阳市凌源市", "polarity": "negative", "problem": "interaction_poor"},
            {"unit": "鹤岗税务", "polarity": "negative", "problem": "security"},
        ],
    },
    "b4": {
        "doc": "b4.txt", "province": "陕西省", "year": 2024, "quarter": 1,
        "pass_rates": [{"scope": "website", "rate": 92}],
        "findings": [
            {"unit": "南郑区", "polarity": "negative", "problem": "not_updated"},
            {"unit": "汉中市统计局", "polarity": "negative", "problem": "broken_link"},
        ],
    },
    "b5": {
        "doc": "b5.txt", "province": "福建省", "year": 2022, "quarter": 2,
        "pass_rates": [{"scope": "website", "rate": 97.5}, {"scope": "new_media", "rate": 100}],
        "findings": [
            {"unit": "南平市建阳区", "polarity": "negative", "problem": "not_updated"},
            {"unit": "南平市建阳区", "polarity": "negative", "problem": "unspecified"},
            {"unit": "南平市政务服务中心", "polarity": "positive", "problem": None},
            {"unit": "邵武市", "polarity": "positive", "problem": None},
            {"unit": "武夷山旅游", "polarity": "negative", "problem": "not_updated"},
            {"unit": "武夷山旅游", "polarity": "negative", "problem": "zombie_account"},
        ],
    },
}


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    folder = tmp_path_factory.mktemp("styles")
    parser = Parser()
    out = {}
    for name, text in NOTICES.items():
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        out[name] = parser.parse(load_notice(path))
    return out


@pytest.mark.parametrize("name", sorted(NOTICES))
def test_style_scores(records, name):
    misses = []
    result = evaluate([(name, GOLD[name], records[name])], misses)
    for measure in ("pass_rate", "units-", "units+", "problems"):
        assert result[measure]["f1"] >= 0.9, (measure, misses)


def test_illustrated_accounts_and_consecutive_failures(records):
    found = {(f["unit"], f["problem"]): f for f in records["b2"]["findings"]}
    assert ("宁陕文旅", "not_updated") in found and ("筒车湾发布", "not_updated") in found
    assert found[("宁陕林业", "unspecified")]["consecutive_periods"] == 2
    assert not any("中华人民共和国" in u for u, _ in found)   # quoted words, not a unit
