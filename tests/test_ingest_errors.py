"""Bad input: one clear IngestError naming the file and the reason; the CLI reports it and
goes on with the other files, exiting 1."""
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from ingest import IngestError, load_notice
from tests.render import CJK_FONT, to_docx, to_pdf
from tongbao.cli import main

CORPUS = Path(__file__).parent.parent / "corpus"
NOTICE = CORPUS / "003_39350d8b886053ef.txt"

NEWS = ("本报讯 今年以来,我市持续推进城乡环境综合整治,累计清理垃圾三万余吨,"
        "新建公园绿地十二处。"
        "市民李女士说,小区门口的臭水沟变成了小花园,散步的人越来越多。"
        "下一步,我市将继续加大投入,"
        "让城市更宜居。")
# News that names a website and an account in passing: about neither being checked.
SITE_NEWS = ("本报讯 春季花卉博览会昨日在市植物园开幕,展出各类花卉三百余种。"
             "游园时间和线路已在植物园网站公布,"
             "市民也可关注植物园微信公众号预约,遇到问题可拨打服务热线。"
             "博览会期间还将举办摄影比赛和花艺讲座。")


def _expect(path, reason):
    with pytest.raises(IngestError) as err:
        load_notice(path)
    assert err.value.path == str(path)
    assert reason in err.value.reason
    assert str(path) in str(err.value)


def _write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path):
    _expect(_write(tmp_path, "empty.txt", b""), "empty file")
    _expect(_write(tmp_path, "blank.txt", b" \r\n\t\n"), "empty file")


def test_binary_file(tmp_path):
    _expect(_write(tmp_path, "image.txt", bytes(range(256)) * 16), "binary file")
    # Valid UTF-8 (ASCII) but full of control bytes, as a compiled file can be.
    _expect(_write(tmp_path, "program.txt", bytes(range(1, 128)) * 16), "binary file")
    _expect(_write(tmp_path, "zeros.txt", b"\x00" * 4096), "binary file")


def test_undecodable_bytes(tmp_path):
    _expect(_write(tmp_path, "bom8.txt", b"\xef\xbb\xbf" + "通报".encode("gbk") + b"\xff\xfe\xfd"),
            "undecodable bytes")
    _expect(_write(tmp_path, "bom16.txt", b"\xff\xfe" + "通报".encode("utf-16-le") + b"\x00"),
            "undecodable bytes")


def test_missing_file(tmp_path):
    _expect(tmp_path / "nowhere.txt", "cannot read file")


def test_unsupported_type(tmp_path):
    _expect(_write(tmp_path, "sheet.xls", NOTICE.read_bytes()), "unsupported file type .xls")


def test_not_a_notice(tmp_path):
    _expect(_write(tmp_path, "news.txt", NEWS.encode("utf-8")), "not an inspection notice")
    _expect(_write(tmp_path, "short.txt", "关于网站的通报".encode("utf-8")), "not an inspection notice")
    _expect(_write(tmp_path, "site_news.txt", SITE_NEWS.encode("utf-8")), "does not speak of checking")
    _expect(_write(tmp_path, "news2.txt", NEWS.encode("utf-8")), "names no government website")


@pytest.mark.parametrize("text", [
    # what departments supplied to a portal, month by month
    "现将2017年4月份区政府门户网站信息报送情况通报如下:\n"
    "4月份,各单位累计报送各类信息301条,采纳发布159条。"
    "附件:4月份网站公开信息报送情况统计表",
    # deadlines for mending a column of the portal
    "请各部门立即对本单位的“文件”栏目进行自查整改,具体要求如下:\n"
    "一、关于网站文件栏目整改要求\n"
    "(一)各部门对本单位发布的所有文件进行准确分类。",
    # a news page retelling a city's monthly check of its portal's content
    "今天,阜阳市政府网通报了2017年2月份市政府门户网站内容保障情况。"
    "这些网站和单位被点名:\n"
    "网站信息审核把关不严,单位网站首页栏目及子栏目信息更新不及时。",
])
def test_notices_of_upkeep_and_remedy_are_notices(tmp_path, text):
    assert load_notice(_write(tmp_path, "notice.txt", text.encode("utf-8"))).text


def test_a_notice_pasted_as_one_unpunctuated_line_is_a_notice(tmp_path):
    """Punctuation lost on the way (a PDF's text layer, a scraper): the words still say it."""
    sentences = ["县政府办公室对全县政府网站进行了检查",
                 "县教育局网站首页信息更新不及时",
                 "县民政局网站存在空白栏目", "县水务局政务微信公众号长期未更新"]
    text = "关于2023年第一季度全县政府网站检查情况的通报" + "".join(sentences * 8)
    assert load_notice(_write(tmp_path, "run_on.txt", text.encode("utf-8"))).text


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.name)
def test_no_corpus_file_is_rejected(path):
    assert load_notice(path).text


@pytest.mark.skipif(not CJK_FONT.exists(), reason="CJK font missing: make fonts")
def test_broken_pdf(tmp_path):
    whole = to_pdf(NOTICE.read_text("utf-8"), tmp_path / "whole.pdf").read_bytes()
    _expect(_write(tmp_path, "cut.pdf", whole[: len(whole) // 3]), "broken PDF")
    _expect(_write(tmp_path, "text.pdf", NOTICE.read_bytes()), "broken PDF: no PDF header")


def test_encrypted_pdf(tmp_path):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("helvetica")
    pdf.cell(0, 10, "inspection notice")
    path = tmp_path / "locked.pdf"
    pdf.output(str(path))
    _expect(path, "encrypted PDF")


def test_pdf_without_text_layer(tmp_path):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")      # a drawing, as a scan would be an image
    path = tmp_path / "scan.pdf"
    pdf.output(str(path))
    _expect(path, "without a text layer")


def test_broken_docx(tmp_path):
    _expect(_write(tmp_path, "garbage.docx", b"PK\x03\x04 not really a zip"), "broken DOCX")
    path = tmp_path / "nodoc.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "a zip, but not a Word document")
    _expect(path, "broken DOCX")


def test_cli_reports_errors_and_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_bytes(NOTICE.read_bytes())
    _write(tmp_path, "a_empty.txt", b"")
    to_docx(NEWS, tmp_path / "news.docx")
    result = CliRunner().invoke(main, ["header", str(tmp_path)])
    assert result.exit_code == 1
    assert '"province": "福建省"' in result.stdout
    assert f"{tmp_path / 'a_empty.txt'}: empty file" in result.stderr
    assert f"{tmp_path / 'news.docx'}: not an inspection notice" in result.stderr


def test_cli_clean_exits_0_when_all_load():
    result = CliRunner().invoke(main, ["clean", str(NOTICE)])
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("2021年第二季度不合格政务新媒体名单")
