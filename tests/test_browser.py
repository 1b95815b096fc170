"""What a researcher sees: a real `tongbao serve` on the corpus, driven by Debian's headless
Chromium through Playwright. Screenshots go to tests/screenshots/."""
import re
import shutil
import socket
import sqlite3
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.test_datasette import HOSTILE_TITLE, SCRIPT, TONGBAO, imported_corpus

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium's own connections are refused en masse
# here and page loads stall.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return imported_corpus(tmp_path_factory)


def count(db, query, *params):
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return conn.execute(query, params).fetchone()[0]


@pytest.fixture(scope="module")
def site(db):
    """The address of a `tongbao serve` subprocess on the imported corpus."""
    port = _free_port()
    server = subprocess.Popen([str(TONGBAO), "serve", "--db", str(db), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        address = f"http://127.0.0.1:{port}/"
        assert address in server.stdout.readline()    # it prints where to browse first
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(address, timeout=2).close()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read()
                assert time.monotonic() < deadline, "tongbao serve did not answer in 30 s"
                time.sleep(0.2)
        yield address.rstrip("/")
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (`make chromium` installs it)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh page; fails the test if anything on it opened a dialog (a script ran)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}.png"))
    context.close()
    assert dialogs == [], f"a page ran a script: {dialogs}"


def test_home_page(site, page):
    page.goto(site + "/")
    assert page.locator("h1").first.inner_text() == "tongbao · 政府网站与政务新媒体检查通报"
    for title in ("Findings", "Notices", "Units", "Pass rates", "Repeat offenders",
                  "One unit's history across periods", "Map of failing units by region"):
        assert page.get_by_role("link", name=title, exact=True).first.is_visible(), title
    assert "Every name a notice used for a unit" in page.inner_text("body")
    assert page.locator("#search-all-q").is_visible()


def test_findings_of_one_province(site, page):
    page.goto(site + "/tongbao/finding?province=青海省")
    heading = page.locator("h3").first.inner_text()
    assert 'where province = "青海省"' in heading and "sorted by period_key descending" in heading
    count = int(heading.split()[0].replace(",", ""))
    shown = page.locator("table.rows-and-columns tbody tr")
    assert count >= 100 and shown.count() == min(count, 100)
    assert set(page.locator("td.col-province").all_inner_texts()) == {"青海省"}
    units = page.locator("td.col-unit_id a").all_inner_texts()   # units by name, not id
    assert "泽库县" in [u.split()[0] for u in units]
    # the composed notice's title is shown as text; the fixture's page hook fails on a dialog
    notices = page.locator("td.col-notice_id").all_inner_texts()
    assert any(SCRIPT in n for n in notices)
    facet = page.locator(".facet-info[data-column=problem]")
    assert "更新不及时" in facet.inner_text()
    page.locator("h3").first.evaluate("heading => heading.scrollIntoView()")   # for the screenshot


def test_repeat_offenders_query(site, page):
    page.goto(site + "/tongbao/repeat_offenders_by_province?province=青海")
    assert page.locator("h1").first.inner_text().startswith("Repeat offenders by province")
    assert page.locator("input[name=province]").input_value() == "青海"
    names = page.locator("td.col-unit_name").all_inner_texts()
    assert "泽库县" in names
    row = page.locator("tr", has=page.locator("td.col-unit_name", has_text="泽库县"))
    assert "2020Q4" in row.locator("td.col-periods").inner_text()
    assert "2021Q1" in row.locator("td.col-periods").inner_text()


def test_map_of_failing_units(site, page):
    page.goto(site + "/tongbao/failing_units_map?province=")
    page.wait_for_selector(".leaflet-container")
    # markers and marker clusters are DOM elements; the tiles stay grey without internet
    rows = page.locator("table.rows-and-columns tbody tr").count()
    assert rows >= 30
    # every region with a failing unit is on the map: markers plus the counts on clusters
    page.wait_for_function("""rows => {
        const icons = [...document.querySelectorAll('.leaflet-marker-icon')];
        const clusters = icons.filter(icon => icon.classList.contains('marker-cluster'));
        const inClusters = clusters.reduce((n, c) => n + parseInt(c.innerText, 10), 0);
        return icons.length >= 5 && inClusters + icons.length - clusters.length === rows;
    }""", arg=rows, timeout=15000)
    # a marker's popup tells which region and units it stands for
    page.locator(".leaflet-marker-icon:not(.marker-cluster)").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    regions = page.locator("td.col-region").all_inner_texts()
    lines = popup.inner_text().split("\n")
    assert lines[0] == "region" and lines[1] in regions
    assert "failing_units" in lines and "units" in lines


def test_charts_of_pass_rates_and_problems(site, page, db):
    page.goto(site + "/-/dashboards/trends")
    for chart in ("pass-rates", "problems-over-time", "problems-by-province"):
        page.locator(f"#chart-{chart} canvas, #chart-{chart} svg").first.wait_for(timeout=15000)
    notices = count(db, "select count(*) from notice")
    expect(page.locator("#chart-notices")).to_have_text(re.compile(rf"\b{notices}\s*$"))
    # picking a province narrows every chart
    page.select_option("select[name=province]", "青海省")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**province=%E9%9D%92%E6%B5%B7%E7%9C%81*")
    page.locator("#chart-pass-rates canvas, #chart-pass-rates svg").first.wait_for(timeout=15000)
    qinghai = count(db, "select count(*) from notice where province = '青海省'")
    assert qinghai < notices
    expect(page.locator("#chart-notices")).to_have_text(re.compile(rf"\b{qinghai}\s*$"))


def test_search_all_tables_in_chinese(site, page):
    page.goto(site + "/-/search?q=更新不及时")
    results = page.locator("#search-all-results h2")
    expect(results).to_have_count(2, timeout=15000)   # one block per searchable table, as they arrive
    headings = " ".join(results.all_inner_texts())
    assert "in tongbao: finding" in headings and "in tongbao: notice" in headings
    assert "更新不及时" in page.locator("#search-all-results table").first.inner_text()


def test_notice_with_html_shows_it_as_text(site, page):
    page.goto(site + "/tongbao/notice?_search=抽查&_sort_desc=id")
    assert HOSTILE_TITLE in page.inner_text("table.rows-and-columns")
    page.locator("tr", has_text=SCRIPT).locator("td.col-id a").click()
    page.wait_for_url(re.compile(r"/tongbao/notice/\d+$"))
    body = page.inner_text("body")
    assert "<b>部分栏目</b>长期未更新<img src=x onerror=alert(2)>" in body
    assert "<img src=x onerror=alert(3)>.txt" in body
    assert page.locator("img[src=x]").count() == 0 and page.locator("td b").count() == 0
