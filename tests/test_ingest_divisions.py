"""The one table of China's divisions (ingest/divisions.py): today's names and those of 2015,
one set of rules for short names, towns for texts that name nothing larger."""
from ingest.divisions import load_regions, load_towns, short_names
from ingest.header import read_header
from kb.regions import region_index

NOTICE = ("{issuer}关于{year}年第一季度全县政府网站检查情况的通报\n"
          "各乡镇人民政府,县直各部门:\n"
          "{issuer}对全县政府网站开展了检查,抽查合格率为98%,县教育局网站更新不及时。")


def test_a_division_renamed_since_2015_resolves_by_both_names():
    regions = load_regions()
    old, new = regions["350427"], regions["350405"]
    assert (old.name, new.name) == ("沙县", "沙县区")
    assert old.prefecture == new.prefecture == "三明市" and old.province == new.province == "福建省"
    assert new.latitude == old.latitude and new.longitude == old.longitude   # the same place
    index = region_index()
    assert index.lookup("沙县") == old and index.lookup("沙县区") == new


def test_a_code_that_changed_its_name_keeps_the_old_one():
    index = region_index()
    xingtai = index.lookup("邢台市")
    assert index.lookup("桥东区", within=xingtai).name == "襄都区"
    assert index.lookup("襄都区").name == "襄都区"


def test_statistical_units_are_no_divisions():
    names = {r.name for r in load_regions().values()}
    assert "石家庄高新技术产业开发区" not in names and "石家庄市" in names


def test_short_names_follow_one_set_of_rules():
    assert short_names("内蒙古自治区") == {"内蒙古"}        # 蒙古 is a nationality, 内 no place
    assert short_names("克孜勒苏柯尔克孜自治州") == {"克孜勒苏", "克孜勒苏州",
                                          "克孜勒苏自治州"}
    assert short_names("科尔沁右翼前旗") == {"科尔沁右翼前"}
    assert short_names("神农架林区") == {"神农架"}


def test_notices_name_their_county_as_it_was_named_then():
    now = read_header(NOTICE.format(issuer="沙县区人民政府办公室", year=2023))
    then = read_header(NOTICE.format(issuer="沙县人民政府办公室", year=2015))
    assert (now["province"], now["prefecture"], now["county"]) == ("福建省", "三明市", "沙县区")
    assert (then["province"], then["prefecture"], then["county"]) == ("福建省", "三明市", "沙县")


def test_towns_place_a_notice_that_names_nothing_larger():
    towns = {t.name: t for t in load_towns().values() if t.name in ("千渭街道", "慕仪镇")}
    assert {t.province for t in towns.values()} == {"陕西省"}
    text = ("关于2023年3月份区政府门户网站检查情况的通报\n各镇人民政府、各街道办事处:\n"
            "现将检查情况通报如下:"
            "千渭街道、慕仪镇政府网站更新不及时,区政府门户网站共发布信息638条。")
    assert read_header(text)["province"] == "陕西省"
    # one town name alone may be a word: it places nothing
    assert read_header(text.replace("、慕仪镇", ""))["province"] is None
