"""The web page in a real browser: Debian's headless Chromium driven by Selenium.

Skipped, saying why, only where chromium or chromedriver is not installed (.ci/run
installs both on CI).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
import zipfile
from pathlib import Path

import pytest
from conftest import COMMUNE, ROOT

from drafting.render.pdf import find_soffice

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "") if p and Path(p).is_file()), None)
DRIVER = next((p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "") if p and Path(p).is_file()),
              None)
SOFFICE = find_soffice()
pytestmark = pytest.mark.skipif(
    CHROMIUM is None or DRIVER is None,
    reason="chromium and chromium-driver are not installed (apt-get install chromium chromium-driver)",
)
selenium = pytest.importorskip("selenium", reason="selenium is not installed (pip install -e '.[test]')")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import StaleElementReferenceException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

import drafting  # noqa: E402
from drafting.web.server import make_server  # noqa: E402

LAST_YEAR = "chi_tieu.lanh_dao.van_ban_chi_dao.cung_ky"
WRONG, RIGHT = "gia_tri: 12\n      cung_ky: 9", "gia_tri: 15\n      cung_ky: 9"  # van_ban_chi_dao


@pytest.fixture
def server(tmp_path):
    workspace = tmp_path / "lam-viec"
    workspace.mkdir()
    shutil.copy(COMMUNE, workspace / COMMUNE.name)
    running = make_server(workspace)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    yield running
    running.server.should_exit = True
    thread.join(10)


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1366,768", "--lang=vi"):
        options.add_argument(argument)
    downloads = tmp_path / "tai-ve"
    downloads.mkdir()
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.downloads = downloads
    yield driver
    driver.quit()


def _select_in_sheet(driver, text: str, start: int, end: int) -> None:
    """Put the caret on ``text[start:end]`` of the first place ``text`` is in the sheet."""
    driver.execute_script(
        "const t = document.getElementById('sheet'); const at = t.value.indexOf(arguments[0]);"
        "t.focus(); t.setSelectionRange(at + arguments[1], at + arguments[2]);", text, start, end)


def _text(driver, element_id: str) -> str:
    """An element's text, read in one go: the live check swaps the status and the preview anew."""
    return driver.execute_script("const e = document.getElementById(arguments[0]); return e ? e.innerText : '';",
                                 element_id)


def _status(driver) -> str:
    return _text(driver, "status")


def _downloaded(driver, name: str, within: float = 60) -> Path:
    """The file the browser saved as ``name`` once it is whole (Chromium writes a .crdownload first)."""
    target = driver.downloads / name
    deadline = time.monotonic() + within
    while not target.is_file() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert target.is_file(), sorted(p.name for p in driver.downloads.iterdir())
    return target


def test_a_clerk_opens_types_a_mistake_sees_it_fixes_it_and_downloads_the_draft(server, browser):
    wait = WebDriverWait(browser, 20, ignored_exceptions=[StaleElementReferenceException])
    browser.get(server.url)
    browser.find_element(By.LINK_TEXT, COMMUNE.name).click()
    wait.until(lambda d: "Bảng chỉ tiêu hợp lệ" in _status(d))
    assert "đã ban hành 12 văn bản" in _text(browser, "preview")

    # Type a wrong value: "-5" over the 12 documents of the year.
    _select_in_sheet(browser, WRONG, len("gia_tri: "), len("gia_tri: 12"))
    browser.find_element(By.ID, "sheet").send_keys("-5")
    # Read in one go: the notes are swapped in anew by every check.
    shown, text = wait.until(lambda d: d.execute_script(
        "const n = document.querySelector('#marks .note.error'); return n && [n.dataset.line, n.innerText];"))
    line = browser.execute_script(
        "const t = document.getElementById('sheet'); return t.value.slice(0, t.value.indexOf('gia_tri: -5'))"
        ".split('\\n').length;")
    assert shown == str(line)
    assert text == f"dòng {line}, cột 7 chi_tieu.lanh_dao.van_ban_chi_dao.gia_tri: phải là số không âm"
    assert "Bảng chỉ tiêu có 1 lỗi" in _status(browser)
    assert "chỉ cập nhật khi bảng chỉ tiêu hết lỗi" in _text(browser, "preview-state")

    # Fix it: 15; the note goes and the preview changes.
    _select_in_sheet(browser, "gia_tri: -5", len("gia_tri: "), len("gia_tri: -5"))
    browser.find_element(By.ID, "sheet").send_keys("15")
    wait.until(lambda d: "Bảng chỉ tiêu hợp lệ" in _status(d))
    assert not browser.execute_script("return document.querySelectorAll('#marks .note').length")
    wait.until(lambda d: "đã ban hành 15 văn bản" in _text(d, "preview"))

    # Download the .docx and open it.
    browser.find_element(By.ID, "download-docx").click()
    target = _downloaded(browser, "xa-hung-nguyen-2025.docx")
    text = drafting.read_draft(target).text()
    assert "đã ban hành 15 văn bản" in text and "Lê Văn Minh" in text
    from docx import Document

    assert any("15 văn bản" in p.text.replace("\xa0", " ") for p in Document(str(target)).paragraphs)


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: the page cannot make a PDF")
def test_a_clerk_downloads_the_pdf_of_the_draft(server, browser):
    wait = WebDriverWait(browser, 20, ignored_exceptions=[StaleElementReferenceException])
    browser.get(server.url)
    browser.find_element(By.LINK_TEXT, COMMUNE.name).click()
    wait.until(lambda d: "Bảng chỉ tiêu hợp lệ" in _status(d))
    browser.find_element(By.ID, "download-pdf").click()
    target = _downloaded(browser, "xa-hung-nguyen-2025.pdf")
    assert target.read_bytes().startswith(b"%PDF-")
    wait.until(lambda d: _text(d, "save-state") == "Đã tải xa-hung-nguyen-2025.pdf")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(target), "-"], check=True, capture_output=True, text=True,
                              encoding="utf-8").stdout
        assert "KẾT QUẢ CÔNG TÁC DÂN VẬN CHÍNH QUYỀN" in " ".join(text.split()).upper()


def test_a_clerk_drafts_in_bulk_sees_the_failure_by_cell_and_downloads_the_zip(server, browser, tmp_path):
    base = ROOT / "examples" / "nghe-an-2025" / "co-so.yaml"
    text = (ROOT / "tests" / "fixtures" / "so-lieu-loi.csv").read_text(encoding="utf-8-sig")
    records = re.split(r"\n(?=[^\n]+,(?:phường|xã),)", text.strip("\n"))
    table = tmp_path / "so-lieu.csv"  # the header, a ward, and a ward with two wrong cells (row 3)
    table.write_text("\n".join([records[0], records[1], records[5]]) + "\n", encoding="utf-8")
    wait = WebDriverWait(browser, 60, ignored_exceptions=[StaleElementReferenceException])
    browser.get(server.url)
    browser.find_element(By.LINK_TEXT, "Hàng loạt, tổng hợp").click()
    form = wait.until(lambda d: d.find_element(By.ID, "bulk-form"))
    form.find_element(By.NAME, "base").send_keys(str(base))
    form.find_element(By.NAME, "table").send_keys(str(table))
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait.until(lambda d: d.execute_script("const j = document.getElementById('job'); return j && j.dataset.state")
               == "done")
    assert " ".join(_text(browser, "outcome").split()) == "Đã soạn 1/2 địa bàn; 1 địa bàn lỗi."
    failures = _text(browser, "failures")
    assert "so-lieu.csv ô Q3 chi_tieu.kinh_te.ho_ngheo.gia_tri: phải là số" in failures
    assert "so-lieu.csv ô Z3 chi_tieu.tiep_dan.don_da_xu_ly.gia_tri: phải là số không âm" in failures
    browser.find_element(By.ID, "download-zip").click()
    with zipfile.ZipFile(_downloaded(browser, "ban-du-thao.zip")) as bundle:
        assert bundle.namelist() == ["bang-ke.json", "phuong-truong-vinh.docx"]
        assert "Trường Vinh" in drafting.read_draft(bundle.read("phuong-truong-vinh.docx")).text()


def test_a_clerk_fills_the_form_sees_the_mistake_beside_the_field_and_the_yaml_follows(server, browser):
    wait = WebDriverWait(browser, 20, ignored_exceptions=[StaleElementReferenceException])
    browser.get(server.url)
    browser.find_element(By.LINK_TEXT, COMMUNE.name).click()
    wait.until(lambda d: "Bảng chỉ tiêu hợp lệ" in _status(d))
    browser.find_element(By.ID, "tab-form").click()
    path = "chi_tieu.lanh_dao.van_ban_chi_dao.gia_tri"
    field = wait.until(lambda d: d.find_element(By.CSS_SELECTOR, f'#form-pane input[data-path="{path}"]'))
    assert field.get_attribute("value") == "12"
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.send_keys(Keys.CONTROL, "a")  # typed over, as a clerk does (clear() would empty the key first)
    field.send_keys("-5")
    browser.find_element(By.CSS_SELECTOR, f'#form-pane input[data-path="{LAST_YEAR}"]').click()
    shown = wait.until(lambda d: d.execute_script(
        "const n = document.querySelector('#form-pane .field-note.error');"
        "return n && [n.parentElement.dataset.field, n.innerText];"))
    assert shown == [path, "phải là số không âm"]
    assert "gia_tri: -5" in browser.find_element(By.ID, "sheet").get_attribute("value")
    # Fixed in the form: the note goes, the preview follows; the YAML tab shows the same text.
    field = browser.find_element(By.CSS_SELECTOR, f'#form-pane input[data-path="{path}"]')
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys("15")
    browser.find_element(By.CSS_SELECTOR, f'#form-pane input[data-path="{LAST_YEAR}"]').click()
    wait.until(lambda d: "đã ban hành 15 văn bản" in _text(d, "preview"))
    assert not browser.execute_script("return document.querySelectorAll('#form-pane .field-note').length")
    browser.find_element(By.ID, "tab-yaml").click()
    assert browser.find_element(By.ID, "sheet").is_displayed()
    yaml_text = browser.find_element(By.ID, "sheet").get_attribute("value")
    assert "gia_tri: 15\n      cung_ky: 9" in yaml_text, yaml_text[yaml_text.index("van_ban_chi_dao"):][:120]
