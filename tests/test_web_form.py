"""The sheet as a form: fields built from the YAML text, each change set into the text keeping the rest."""

from __future__ import annotations

import difflib
import html
import re
import shutil
import warnings

import pytest
from conftest import ALL_EXAMPLES, COMMUNE

import drafting
from drafting.errors import SheetError
from drafting.sheet.vocabulary import SECTIONS
from drafting.sheet.catalogue import load_catalogue
from drafting.sheet.yaml_edit import field_value, set_value

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from drafting.web.app import create_app
from drafting.web.guard import own_hosts

TOKEN = "test-token"
HEADERS = {"X-Drafting-Token": TOKEN}
FIGURE = ("chi_tieu", "lanh_dao", "van_ban_chi_dao", "gia_tri")


def _changed(before: str, after: str) -> list[str]:
    return [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
            if line[:1] in "+-" and not line.startswith(("+++", "---"))]


# --- the library: one value set, the rest of the text as it was --------------------------------


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.name)
def test_setting_a_value_changes_only_its_line(example):
    text = example.read_text(encoding="utf-8")
    changed = _changed(text, set_value(text, ("nguoi_ky", "ho_ten"), "Nguyễn Văn An"))
    before = [line for line in _changed(text, "") if line.startswith("-  ho_ten:")]
    if "\nnguoi_ky:" in text:  # the signatory's name replaced on its line
        assert len(before) >= 1 and changed == [before[-1], "+  ho_ten: Nguyễn Văn An"]
    else:  # a bulletin has none: the key is added at the end
        assert changed == ["+nguoi_ky:", "+  ho_ten: Nguyễn Văn An"]


def test_a_figure_set_on_the_commune_keeps_comments_and_the_check_sees_it():
    text = COMMUNE.read_text(encoding="utf-8")
    changed = set_value(text, FIGURE, -5)
    assert _changed(text, changed) == ["-      gia_tri: 12", "+      gia_tri: -5"]
    with pytest.raises(SheetError) as refused:
        drafting.parse_sheet(changed)
    assert [(p.location.path, p.message) for p in refused.value.problems] == [
        ("chi_tieu.lanh_dao.van_ban_chi_dao.gia_tri", "phải là số không âm")]


def test_a_missing_key_is_made_and_an_emptied_one_removed():
    text = COMMUNE.read_text(encoding="utf-8")
    added = set_value(text, ("chi_tieu", "phoi_hop", "so_cuoc_hop", "gia_tri"), 3)
    assert _changed(text, added) == ["+  phoi_hop:", "+    so_cuoc_hop:", "+      gia_tri: 3"]
    assert set_value(added, ("chi_tieu", "phoi_hop", "so_cuoc_hop", "gia_tri"), None) == text
    lines = set_value(text, ("han_che",), ["Một.", "Hai."])
    assert drafting.parse_sheet(lines).sheet.han_che == ["Một.", "Hai."]


def test_what_a_field_holds():
    assert [field_value(t) for t in ("12", "-5", "6044.8", "3.029", "6.044,8", "  ", "xã")] == [
        12, -5, 6044.8, "3.029", "6.044,8", None, "xã"]
    assert field_value("Một.\n\n  Hai.  \n", paragraphs=True) == ["Một.", "Hai."]
    assert field_value("\n", paragraphs=True) is None


def test_text_that_is_not_yaml_cannot_take_a_field():
    with pytest.raises(SheetError) as refused:
        set_value("nam: [2025\n", ("nam",), 2026)
    assert refused.value.problems[0].message == "sửa bảng ở thẻ YAML trước: văn bản chưa đúng cú pháp YAML"


# --- the page -----------------------------------------------------------------------------------


@pytest.fixture
def client(tmp_path):
    folder = tmp_path / "lam-viec"
    folder.mkdir()
    shutil.copy(COMMUNE, folder / COMMUNE.name)
    app = create_app(folder, own_hosts("127.0.0.1", 8123), token=TOKEN)
    with TestClient(app, base_url="http://127.0.0.1:8123") as test_client:
        yield test_client


def test_the_form_shows_the_sheets_fields_and_the_catalogues_grid(client):
    response = client.post("/ui/form", data={"text": COMMUNE.read_text(encoding="utf-8")}, headers=HEADERS)
    assert response.status_code == 200
    page = html.unescape(response.text)
    assert '<input type="text" data-path="dia_ban.ten" data-kind="text" value="Hưng Nguyên"' in page
    assert '<option value="xã" selected>xã</option>' in page
    assert 'data-path="chi_tieu.lanh_dao.van_ban_chi_dao.gia_tri" data-kind="text" value="12"' in page
    # Every indicator of the catalogue has its row, with its label and unit, filled or not.
    for entry in load_catalogue().chi_tieu:
        assert f'<tr data-code="{entry.ma}"' in page
    row = re.search(r'<tr data-code="van_ban_chi_dao".*?</tr>', page, re.S).group(0)
    entry = load_catalogue().by_code["van_ban_chi_dao"]
    assert f"<td>{entry.don_vi}</td>" in row and entry.ten in row
    # The sheet's own indicators come first; the rest of each section's catalogue is folded away.
    lanh_dao = page[page.index('data-code="van_ban_chi_dao"'):]
    folded = lanh_dao[lanh_dao.index('<details class="more"><summary>Thêm chỉ tiêu từ danh mục ('):]
    assert 'data-code="van_ban_chi_dao"' not in folded[:folded.index("</details>")]
    assert page.count('<details class="more">') == len(SECTIONS)
    in_sheet = sum(len(v) for v in drafting.load_sheet(COMMUNE).sheet.chi_tieu.model_dump().values() if v)
    shown = page.split('<details class="more">')
    assert sum(part.split("</details>")[-1].count("<tr data-code=") for part in shown) == in_sheet


def test_the_form_of_text_that_is_not_yaml_says_so(client):
    response = client.post("/ui/form", data={"text": "nam: [2025\n"}, headers=HEADERS)
    assert "Văn bản ở thẻ YAML chưa đúng cú pháp YAML" in html.unescape(response.text)


def test_a_field_changed_comes_back_as_the_new_text(client):
    text = COMMUNE.read_text(encoding="utf-8")
    response = client.post("/ui/field", headers=HEADERS, data={
        "text": text, "path": ".".join(FIGURE), "value": "15", "kind": "text"})
    assert response.status_code == 200
    assert _changed(text, response.json()["text"]) == ["-      gia_tri: 12", "+      gia_tri: 15"]
    refused = client.post("/ui/field", headers={**HEADERS, "Accept": "application/json"},
                          data={"text": "nam: [2025\n", "path": "nam", "value": "2026"})
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["message"] == "sửa bảng ở thẻ YAML trước: văn bản chưa đúng cú pháp YAML"
    assert client.post("/ui/field", data={"text": text, "path": "nam", "value": "1"}).status_code == 403


def test_the_live_check_carries_the_problems_by_key_for_the_form(client):
    text = set_value(COMMUNE.read_text(encoding="utf-8"), FIGURE, -5)
    response = client.post("/ui/check", data={"text": text}, headers=HEADERS)
    notes = re.search(r'<div id="field-notes".*?</div>', response.text, re.S).group(0)
    assert re.findall(r'<p data-path="([^"]+)" data-kind="(\w+)">([^<]+)</p>', notes) == [
        ("chi_tieu.lanh_dao.van_ban_chi_dao.gia_tri", "error", "phải là số không âm")]
