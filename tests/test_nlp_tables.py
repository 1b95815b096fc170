"""Result tables flattened with pipes, as ingest gives them for HTML and PDF."""
from pathlib import Path

from ingest import load_notice
from nlp.tables import table_findings

HTML_TABLE = """附件2:抽查新媒体名单及问题曝光情况
(一)州直部门政务微博更新情况 | |||||||
序号 |
名称 |
主办单位 |
8月更新情况 |
9月更新情况 |
10月更新情况 | ||
1 |
黔东南州生态环境局 |
黔东南州生态环境局 |
不合格 |
合格 |
合格 | ||
2 |
黔东南民政 |
黔东南州民政局 |
合格 |
合格 |
合格 | ||
3 |
贵州省黔东南州文旅在线 |
黔东南州文体广电旅游局 |
不合格 |
合格 |
不合格 | ||"""

PDF_TABLE = """2017年第四季度抽查不合格政府网站名单
序号 | 名称 | 主办单位 | 网址 | 问题
1 | 堆龙德庆区人民政府网 | 堆龙德庆区人民政府办公室 | http://www.dl.gov.cn | \
首页栏目超过2周未更新
2 | 拉萨市国土资源局网站 | 拉萨市国土资源局 | http://gtzy.ls.gov.cn | 空白栏目5个
3 | 当雄县人民政府网 | 当雄县人民政府办公室 | http://www.dx.gov.cn | 网站无法访问"""


def test_each_failing_month_is_a_finding():
    found, consumed = table_findings(HTML_TABLE, lambda offset: ["附件2:抽查新媒体名单及问题曝光情况"])
    got = [(f["unit"], f["month"], f["problem"], f["channel"]) for f in found]
    assert got == [("黔东南州生态环境局", 8, "not_updated", "weibo"),
                   ("贵州省黔东南州文旅在线", 8, "not_updated", "weibo"),
                   ("贵州省黔东南州文旅在线", 10, "not_updated", "weibo")]
    assert consumed and HTML_TABLE[found[0]["start"]:found[0]["end"]].startswith("1 |")


def test_problem_column_of_a_pdf_table():
    found, _ = table_findings(PDF_TABLE, lambda offset: [])
    got = [(f["unit"], f["problem"]) for f in found]
    assert got == [("堆龙德庆区", "not_updated"), ("拉萨市国土资源局", "blank_column"),
                   ("当雄县", "site_unavailable")]


def test_rows_without_their_header_line():
    rows = "\n".join(PDF_TABLE.splitlines()[2:]).replace("http://gtzy.ls.gov.cn", "不合格")
    found, _ = table_findings(rows, lambda offset: [])
    assert [(f["unit"], f["problem"]) for f in found] == [("拉萨市国土资源局", "blank_column")]


def test_tables_without_results_are_left_to_the_sentences():
    text = "序号 | 主办单位 | 新媒体名称 | 发布条数 |\n1 | 县公安局 | 武定警方 | 72 |"
    assert table_findings(text, lambda offset: []) == ([], [])


def test_a_table_that_only_lists_praised_accounts():
    text = ("附件:第二季度表现优秀的政务新媒体\n1 | 南宁发布 | 微信 | 南宁市委宣传部\n"
            "2 | 青秀发布 | 微博 | 青秀区人民政府办公室")
    found, consumed = table_findings(text, lambda offset: ["附件:第二季度表现优秀的政务新媒体"])
    assert [(f["unit"], f["polarity"], f["channel"]) for f in found] == [
        ("南宁发布", "positive", "wechat"), ("青秀发布", "positive", "weibo")]
    assert consumed


def test_a_table_flattened_with_tabs_or_spaces():
    text = ("检查不合格的政务新媒体如下:\n序号\t账号名称\t主办单位\t问题描述\n"
            "1\t沂水林业\t县林业局\t长期未更新,未按要求关停注销\n"
            "2 拉孜人社 拉孜县人力资源和社会保障局 菜单链接 无法打开\n"
            "三、有关要求")
    found, consumed = table_findings(text, lambda offset: [])
    assert [(f["unit"], f["problem"], f["channel"]) for f in found] == [
        ("沂水林业", "zombie_account", "new_media"), ("沂水林业", "not_updated", "new_media"),
        ("拉孜人社", "broken_link", "new_media")]
    assert text[consumed[0][0]:consumed[0][1]].startswith("序号") and "三、" not in text[slice(*consumed[0])]


def test_a_sentence_with_spaces_is_no_table_header():
    text = "【字体:大 中 小】 打印 关闭\n首页 > 政务公开 > 通知公告\n1 县公安局 得分较高"
    assert table_findings(text, lambda offset: []) == ([], [])


def test_a_spaced_header_naming_the_unit_by_a_plain_unit_column():
    text = "序号 单位 网站 存在问题\n1 市农业农村局 市农业农村局网站 栏目空白3个"
    found, _ = table_findings(text, lambda offset: [])
    assert [(f["unit"], f["problem"], f["channel"]) for f in found] == [
        ("市农业农村局", "blank_column", "website")]


def test_a_spaced_table_with_month_columns():
    text = ("序号 账号名称 1月 2月 3月\n1 某县税务 合格 不合格 合格\n"
            "2 某县水利 不合格 不合格 合格")
    found, _ = table_findings(text, lambda offset: [])
    assert [(f["unit"], f["month"]) for f in found] == [("某县税务", 2), ("某县水利", 1), ("某县水利", 2)]


def test_unnumbered_rows_under_a_spaced_header():
    text = ("网站名称 主办单位 存在问题\n市档案馆网站 市档案馆 首页栏目超过2周未更新\n"
            "市地方志网站 市地方志办公室 网站无法访问\n二、工作要求\n"
            "请以上单位 立即整改。")
    found, consumed = table_findings(text, lambda offset: [])
    assert [(f["unit"], f["problem"]) for f in found] == [("市档案馆", "not_updated"),
                                                          ("市地方志", "site_unavailable")]
    assert "二、" not in text[slice(*consumed[0])]


def test_a_site_goes_by_the_body_running_it_unless_that_is_a_government_office():
    text = ("序号 主办单位 网站名称 问题类型\n1 第四师农业局 第四师农业信息网 "
            "空白栏目\n"
            "2 威县人民政府办公室 威县人民政府网站 更新不及时\n")
    found, _ = table_findings(text, lambda offset: [])
    assert [(f["unit"], f["problem"]) for f in found] == [("第四师农业局", "blank_column"),
                                                          ("威县", "not_updated")]


def test_unnumbered_pipe_rows_under_a_header_without_xuhao():
    text = ("附件:不合格网站名单\n网站名称 | 主办单位 | 存在问题\n"
            "青龙县人民政府网 | 青龙县政府办 | 首页无法访问\n"
            "唐山市统计局网站 | 唐山市统计局 | 空白栏目4个")
    found, _ = table_findings(text, lambda offset: ["附件:不合格网站名单"])
    assert [(f["unit"], f["problem"]) for f in found] == [("青龙县", "site_unavailable"),
                                                          ("唐山市统计局", "blank_column")]


def test_a_column_headed_danwei_names_the_unit_beside_its_site_name():
    text = ("附件:不合格网站名单\n序号 | 单位 | 网站名称 | 存在问题 | 备注\n"
            "1 | 市档案局 | 潍坊档案信息网 | 首页栏目更新不及时 | 不合格\n"
            "2 | 市供销社 | 潍坊市供销合作社网站 | 无法访问 | 不合格\n")
    found, _ = table_findings(text, lambda offset: [])
    assert {(f["unit"], f["problem"]) for f in found} == {("市档案局", "not_updated"),
                                                         ("市供销社", "site_unavailable")}


def test_an_account_column_names_the_unit_before_the_danwei_beside_it():
    text = ("附件\n序号\t单位\t账号名称\t问题\n"
            "1\t区教育局\t微信公众号“西陵教育”\t更新不及时\n"
            "2\t区卫健局\t微信公众号“健康西陵”\t互动回应差\n")
    found, _ = table_findings(text, lambda offset: [])
    assert {(f["unit"], f["problem"]) for f in found} == {("西陵教育", "not_updated"),
                                                         ("健康西陵", "interaction_poor")}


def test_a_column_name_with_brackets_still_makes_a_header():
    text = ("附件\n2017年第二季度全区政府网站抽查不合格网站名单\n"
            "序号\t地（市）/部门\t网站名称\t主要问题\t备注\n"
            "1\t那曲地区\t比如县人民政府网站\t首页信息超过2周未更新\t"
            "连续两个季度不合格\n")
    found, _ = table_findings(text, lambda offset: [])
    assert ("比如县", "not_updated") in {(f["unit"], f["problem"]) for f in found}


CORPUS = Path(__file__).parent.parent / "corpus"


def corpus_table_findings(name):
    text = load_notice(CORPUS / f"{name}.txt").text
    found, _ = table_findings(text, lambda offset: [])
    return {(f["unit"], f["problem"], f["channel"]) for f in found}


def test_a_table_one_cell_a_line_under_a_run_of_column_names():
    # 问题网站名称 / 问题描述, then name and description line after line; the last cut off
    found = corpus_table_findings("r72")
    assert {("湖南岳阳商务之窗", "not_updated", "website"),
            ("湖南岳阳商务之窗", "interaction_poor", "website"),
            ("岳阳农业信息网", "not_updated", "website"), ("岳阳市移民局", "not_updated", "website"),
            ("岳阳市供销社", "unspecified", "website")} <= found
    # 网站名称 / 主办单位 / 被通报问题: a site goes by the body running it
    assert corpus_table_findings("r54") == {("教育局", "not_updated", "website")}


def test_a_run_of_column_names_ends_at_the_signature_date():
    text = ("附件:问题网站名单\n网站名称\n问题描述\n甲县农业网\n首页长期未更新\n"
            "乙县人民政府办公室\n2016年12月22日\n")
    found, _ = table_findings(text, lambda offset: [])
    assert [(f["unit"], f["problem"]) for f in found] == [("甲县农业网", "not_updated")]
