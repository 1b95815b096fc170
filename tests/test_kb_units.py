"""Unit identity across notices: context, abbreviations, channels, regions."""
from pathlib import Path

import pytest

from ingest import load_notice
from kb.regions import region_index, short_names
from kb.units import Context, issuer_key, notice_context, split_channel, unit_resolver

CORPUS = Path(__file__).parent.parent / "corpus"
QINGHAI_2020 = CORPUS / "000_05253d980fb5c9d6.txt"
QIANDONGNAN_2023 = CORPUS / "001_fa05f5aae7f74bf4.txt"
PANZHIHUA_2023 = CORPUS / "002_9d929644672a2470.txt"


def context_of(province, prefecture=None, county=None):
    return notice_context({"province": province, "prefecture": prefecture, "county": county})


@pytest.fixture(scope="module")
def resolve():
    return unit_resolver().resolve


def test_short_names_follow_the_naming_rules_of_divisions():
    assert short_names("黔东南苗族侗族自治州") == {"黔东南州", "黔东南自治州", "黔东南"}
    assert short_names("青海省") == {"青海"}
    assert short_names("广西壮族自治区") == {"广西"}
    assert "保亭县" in short_names("保亭黎族苗族自治县")


def test_regions_come_with_codes_and_coordinates():
    zeku = region_index().lookup("泽库县")
    assert zeku.code == "632323" and zeku.province == "青海省"
    assert zeku.prefecture == "黄南藏族自治州"
    assert 34 < zeku.latitude < 36 and 100 < zeku.longitude < 103


def test_channel_words_are_set_aside():
    assert split_channel("黔东南州自然资源局(政务微博)") == ("黔东南州自然资源局", "weibo")
    assert split_channel("泽库县人民政府网站") == ("泽库县", "website")
    assert split_channel("市人社局微信公众号") == ("市人社局", "wechat")
    assert split_channel("從江縣人民政府網（政務微信）") == ("从江县", "wechat")
    assert split_channel("钒钛之光") == ("钒钛之光", None)
    assert split_channel("钒钛之光(订阅号)") == ("钒钛之光", "wechat")
    assert split_channel("攀枝花交通(头条)") == ("攀枝花交通", "toutiao")


@pytest.mark.parametrize("province, prefecture, written, expected", [
    ("青海省", None, "省民宗委", "青海省民族宗教事务委员会"),
    ("贵州省", "黔东南州", "州自然资源局", "黔东南州自然资源局"),
    ("四川省", "攀枝花市", "市医保局", "攀枝花市医疗保障局"),
    ("天津市", None, "市教委", "天津市教育委员会"),
])
def test_short_names_are_resolved_in_the_notice_context(resolve, province, prefecture, written,
                                                         expected):
    unit = resolve(written, "website", context_of(province, prefecture))
    assert unit.organization == expected
    full = resolve(expected, "website", context_of(province, prefecture))
    assert full.key == unit.key


@pytest.mark.parametrize("short, full", [
    ("省民宗委", "青海省民族宗教事务委员会"),
    ("省发改委", "青海省发展和改革委员会"),
    ("省发展改革委", "青海省发展和改革委员会"),
    ("省人社厅", "青海省人力资源和社会保障厅"),
    ("省人力资源社会保障厅", "青海省人力资源和社会保障厅"),
    ("省药品监管局", "青海省药品监督管理局"),
    ("省市场监管局", "青海省市场监督管理局"),
    ("省住房城乡建设厅", "青海省住房和城乡建设厅"),
    ("省政府扶贫办", "青海省扶贫办公室"),
    ("省国资委", "青海省政府国有资产监督管理委员会"),
    ("西宁市政府办", "西宁市人民政府办公室"),
    ("省药监局", "青海省药品监督管理局"),
    ("省药监局", "省药品监管局"),
    ("省机关事务局", "青海省机关事务管理局"),
    ("西宁市政务服务局", "西宁市政务服务管理局"),
    ("西宁市公积金中心", "西宁市住房公积金管理中心"),
    ("西宁市住房公积金中心", "西宁市住房公积金管理中心"),
    ("西宁市公积金管理中心", "西宁市住房公积金管理中心"),
    # 重庆's 市人力社保局 (corpus r82, r83)
    ("省人力社保厅", "青海省人力资源和社会保障厅"),
    ("省政府办公厅", "青海省人民政府办公厅"),
    # a bullet before it (corpus r61's issuer)
    ("●青海省人民政府办公厅", "青海省人民政府办公厅"),
    # corpus r61 and 003: 平潭综合实验区
    ("西宁市城南新区党工委管委会", "西宁市城南新区管委会"),
])
def test_abbreviations_and_full_names_are_one_unit(resolve, short, full):
    qinghai = context_of("青海省")
    assert resolve(short, "website", qinghai).key == resolve(full, "website", qinghai).key


def test_different_bodies_stay_apart(resolve):
    qinghai = context_of("青海省")
    keys = {resolve(name, "website", qinghai).key
            for name in ("省公安厅", "省财政厅", "省审计厅", "省药品监管局",
                         "省地方金融监督管理局",
                         "省食药监局", "省政务服务局", "省政务服务和大数据管理局",
                         "省机关事务局", "省公积金中心")}
    assert len(keys) == 10


def test_the_same_name_in_another_region_is_another_unit(resolve):
    # 省公安厅 of 青海 is not 省公安厅 of 福建; 城西区 of 西宁 is found from the context
    assert (resolve("省公安厅", "website", context_of("青海省")).key
            != resolve("省公安厅", "website", context_of("福建省")).key)
    chengxi = resolve("城西区", "website", context_of("青海省"))
    assert chengxi.region_code == "630104" and chengxi.prefecture == "西宁市"


def test_a_region_and_its_government_are_one_unit(resolve):
    qinghai = context_of("青海省")
    assert (resolve("泽库县人民政府网站", None, qinghai).key
            == resolve("泽库县", "website", qinghai).key)
    assert (resolve("西宁市城中区", "website", qinghai).key
            == resolve("城中区", "website", qinghai).key)


def test_account_brands_keep_their_name_and_find_their_region(resolve):
    guizhou = context_of("贵州省", "黔东南州")
    unit = resolve("健康黔东南", "wechat", guizhou)
    assert unit.name == "健康黔东南" and unit.region_code == "522600"
    # a short form of a place elsewhere is just a word: 平安东石 is not in 青海's 平安区
    assert resolve("平安东石", "wechat", context_of("福建省")).region_code == "350000"


def test_qinghai_2020_drug_administration_is_one_unit(resolve):
    """In the 青海 2020 notice the drug administration is written two ways."""
    notice = load_notice(QINGHAI_2020)
    assert "省药品监管局" in notice.text and "省药品监督管理局" in notice.text
    context = notice_context(notice.header, notice.text)
    assert context.province.name == "青海省"
    short = resolve("省药品监管局", "website", context)
    full = resolve("省药品监督管理局", "website", context)
    assert short == full
    assert short.name == "青海省药品监督管理局" and short.region_code == "630000"


def test_qiandongnan_natural_resources_accounts_are_two_units_of_one_body(resolve):
    notice = load_notice(QIANDONGNAN_2023)
    assert "黔东南州自然资源局(政务微博)" in notice.text
    assert "黔东南州自然资源局(政务微信)" in notice.text
    context = notice_context(notice.header, notice.text)
    # the issuer is 州政府政务信息中心: the 州 is found from the notice's text
    assert context.prefecture.name == "黔东南苗族侗族自治州"
    weibo = resolve("黔东南州自然资源局(政务微博)", None, context)
    wechat = resolve("黔东南州自然资源局(政务微信)", None, context)
    assert (weibo.channel, wechat.channel) == ("weibo", "wechat")
    assert weibo.key != wechat.key
    assert weibo.organization == wechat.organization == "黔东南州自然资源局"
    # the table of the same notice writes the bare 州自然资源局
    assert resolve("州自然资源局", "wechat", context).key == wechat.key


@pytest.mark.parametrize("province, written, expected", [
    ("福建省", "平潭综合实验区管委会", "平潭综合实验区管理委员会"),  # corpus/003
    ("江苏省", "无锡经济开发区管委会", "无锡经济开发区管理委员会"),  # corpus/r52
    ("福建省", "平潭县人民政府", "平潭县"),
])
def test_a_zone_named_after_a_place_keeps_the_place_as_written(resolve, province, written,
                                                                 expected):
    assert resolve(written, "website", context_of(province)).organization == expected


def test_panzhihua_city_bodies_resolve_to_panzhihua(resolve):
    notice = load_notice(PANZHIHUA_2023)
    context = notice_context(notice.header, notice.text)
    unit = resolve("市医保局", "website", context)
    assert unit.organization == "攀枝花市医疗保障局" and unit.region_code == "510400"
    assert unit.latitude and unit.longitude


def test_a_body_without_region_belongs_to_the_notices_lowest_region(resolve):
    quangang = Context(*[region_index().lookup(n) for n in ("福建省", "泉州市", "泉港区")])
    unit = resolve("司法局", "website", quangang)
    assert unit.organization == "泉港区司法局" and unit.region_code == "350505"


def test_a_city_notices_market_regulator_is_one_unit_however_written(resolve):
    """湛江 notice (tests/notices/p05): its body says 市监局, its table 湛江市市场监督管理局.
    A leading 市 is the notice's city, except in 市场…/市监局, where it is part of the name."""
    notice = load_notice(Path(__file__).parent / "notices" / "p05_zhanjiang_2020q3.txt")
    context = notice_context(notice.header, notice.text)
    keys = {resolve(name, "weibo", context).key for name in ("市监局", "市场监管局", "市市监局",
                                                            "湛江市市场监督管理局")}
    assert keys == {"440800|市场监督管理局|weibo"}
    assert resolve("市政府办", None, context).name == "湛江市人民政府办公室"
    assert resolve("市政公用局", None, context).name == "湛江市市政公用局"


@pytest.mark.parametrize("doc, expected", [
    ("r11", "440000|"), ("r78", "440000|"),           # 广东省人民政府办公厅, 省政府办公厅
    ("r82", "500000|"), ("r83", "500000|"),           # 市政府办公厅, 重庆市人民政府办公厅
    # 重庆高新区管委会办公室: an issuer of its own
    ("r84", "500000|高新区管委会办公室"),
    ("r106", "532329|"), ("r13", "532329|"),          # 武定县: 县人民政府办公室, 县政府办公室
    ("004_e79e93506fdd3ac5", "630000|"),              # 青海省人民政府
    # 市政务服务局 (a leading 市 + 政务…, not 市政) and 北京市政务服务管理局
    ("r35", "110000|政务服务管理局"), ("r34", "110000|政务服务管理局"),
    ("r99", "610000|"),                               # no issuer named: the notice's region's government
])
def test_issuers_are_one_key_however_written(doc, expected):
    notice = load_notice(CORPUS / f"{doc}.txt")
    assert issuer_key(notice.header.get("issuer"), notice_context(notice.header, notice.text)) == expected
