"""Regenerate and the clerk's templates, in memory (the library's bytes entry point) and on the page."""

from __future__ import annotations

import html
import io
import re
import shutil
import warnings
from pathlib import Path

import pytest
from conftest import COMMUNE, PARTY, ROOT
from docx import Document

import drafting
from drafting.cycle.regenerate import regenerate, regenerate_bytes
from drafting.errors import DraftProblem, TemplateProblem
from drafting.lang.typography import plain
from drafting.render.templates import PROFILE_KINDS

pytest.importorskip("starlette")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from drafting.web.app import create_app
from drafting.web.guard import own_hosts

BASE = "http://127.0.0.1:8123"
TOKEN = "test-token"
HEADERS = {"X-Drafting-Token": TOKEN}
STATE = ROOT / "templates" / "nha-nuoc.docx"
REWORDED = "Ngay từ tháng Một, Ủy ban nhân dân xã đã ban hành kế hoạch công tác dân vận chính quyền năm 2025."


def _new_figures() -> str:
    """The commune's sheet with two corrected figures (poor households, documents received)."""
    text = COMMUNE.read_text(encoding="utf-8")
    for old, new in (("gia_tri: 187", "gia_tri: 180"), ("gia_tri: 6420", "gia_tri: 6500")):
        assert old in text
        text = text.replace(old, new)
    return text


def _edited_draft(tmp_path: Path) -> Path:
    """The commune's draft with one paragraph reworded by the clerk and one sentence with a figure edited."""
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx").output
    doc = Document(str(draft))
    reworded = next(p for p in doc.paragraphs if plain(p.text).startswith("Ngay từ đầu năm"))
    reworded.runs[0].text = REWORDED
    for run in reworded.runs[1:]:
        run.text = ""
    poor = next(p for p in doc.paragraphs if "187 hộ nghèo" in plain(p.text))
    first = next(run for run in poor.runs if run.text)
    first.text = "Theo thống kê, " + first.text[0].lower() + first.text[1:]
    doc.save(str(draft))
    return draft


# --- the library ------------------------------------------------------------------------------


def test_regenerate_bytes_merges_as_regenerate_does_and_writes_nothing(tmp_path):
    draft = _edited_draft(tmp_path)
    mine = draft.read_bytes()
    result, data = regenerate_bytes(mine, drafting.parse_sheet(_new_figures()), name="bao-cao.docx")
    assert draft.read_bytes() == mine and sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao.docx"]
    sheet = tmp_path / "moi.yaml"
    sheet.write_text(_new_figures(), encoding="utf-8")
    on_disk = regenerate(draft, sheet)
    assert drafting.read_draft(data).text() == drafting.read_draft(draft).text()
    counts = ("updated", "kept", "added", "deleted", "inserted")
    assert [getattr(result, c) for c in counts] == [getattr(on_disk, c) for c in counts]
    assert result.conflicts == on_disk.conflicts and len(result.conflicts) == 1
    assert str(result.draft) == "bao-cao.docx" and not result.written
    text = plain(drafting.read_draft(data).text())
    assert REWORDED in text and "6.500 hồ sơ" in text


def test_regenerate_bytes_does_not_look_for_a_template_recorded_by_path(tmp_path):
    own = tmp_path / "mau-rieng.docx"
    shutil.copy(STATE, own)
    draft = drafting.render_draft(COMMUNE, tmp_path / "bao-cao.docx", template=own).output
    with pytest.raises(TemplateProblem) as refused:
        regenerate_bytes(draft.read_bytes(), drafting.parse_sheet(_new_figures()), name="bao-cao.docx")
    assert str(refused.value) == f"bao-cao.docx được tạo bằng mẫu riêng '{own}': hãy chọn mẫu để cập nhật"
    _, data = regenerate_bytes(draft.read_bytes(), drafting.parse_sheet(_new_figures()), template=own)
    assert "6.500 hồ sơ" in plain(drafting.read_draft(data).text())


def test_regenerate_bytes_of_a_file_drafting_did_not_make_is_refused():
    buffer = io.BytesIO()
    Document().save(buffer)
    with pytest.raises(DraftProblem) as refused:
        regenerate_bytes(buffer.getvalue(), drafting.parse_sheet(_new_figures()), name="cua-toi.docx")
    assert str(refused.value).startswith("cua-toi.docx không có thông tin nguồn gốc của drafting")


# --- the page ---------------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "lam-viec"
    folder.mkdir()
    shutil.copy(COMMUNE, folder / COMMUNE.name)
    (folder / "so-lieu-moi.yaml").write_text(_new_figures(), encoding="utf-8")
    return folder


@pytest.fixture
def app(workspace):
    return create_app(workspace, own_hosts("127.0.0.1", 8123), token=TOKEN, max_upload=512 * 1024)


@pytest.fixture
def client(app):
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


def _text(page: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:p|table|div)>', page, re.S)
    assert match, element_id
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def test_regenerate_on_the_page_shows_the_summary_and_the_conflict_and_gives_the_merged_draft(
        client, app, tmp_path):
    draft = _edited_draft(tmp_path)
    response = client.post("/upload/regenerate", headers=HEADERS, follow_redirects=False,
                           files={"draft": ("bao-cao.docx", draft.read_bytes())},
                           data={"sheet_name": "so-lieu-moi.yaml"})
    assert response.status_code == 303
    job_id = response.headers["location"].rsplit("/", 1)[1]
    app.state.jobs.wait(job_id)
    page = client.get(f"/jobs/{job_id}").text
    assert _text(page, "outcome") == (
        "Đã cập nhật bao-cao.docx; 1 xung đột (giữ chữ người soạn, kèm ghi chú trong bản Word).")
    expected, data = regenerate_bytes(draft.read_bytes(), drafting.parse_sheet(_new_figures()), name="bao-cao.docx")
    assert _text(page, "merge-summary") == (
        f"Đoạn, ô được cập nhật số liệu mới {expected.updated} Đoạn, ô người soạn đã sửa, giữ nguyên {expected.kept} "
        f"Đoạn người soạn thêm, giữ nguyên 0 Đoạn người soạn đã xóa, vẫn xóa 0 "
        f"Đoạn mới sinh ra, thêm vào {expected.inserted} Xung đột (giữ chữ người soạn, kèm ghi chú) 1")
    assert "Theo thống kê" in page and "180 hộ nghèo" in page
    merged = client.get(f"/jobs/{job_id}/files/bao-cao-cap-nhat.docx")
    assert merged.status_code == 200
    assert drafting.read_draft(merged.content).text() == drafting.read_draft(data).text()


def test_regenerate_with_a_sheet_with_errors_lists_them_located(client, tmp_path, workspace):
    draft = _edited_draft(tmp_path)
    wrong = _new_figures().replace("gia_tri: 180", "gia_tri: -180")
    response = client.post("/upload/regenerate", headers=HEADERS,
                           files={"draft": ("bao-cao.docx", draft.read_bytes()),
                                  "sheet": ("moi.yaml", wrong.encode("utf-8"))})
    assert response.status_code == 422
    line = wrong[:wrong.index("gia_tri: -180")].count("\n") + 1
    assert _text(response.text, "problem") == (
        f"Chưa làm được: moi.yaml:{line}:7 chi_tieu.kinh_te.ho_ngheo.gia_tri: phải là số không âm")
    assert not any((workspace / "ket-qua-trang-web").iterdir())


def test_regenerate_needs_a_draft_and_a_sheet(client, tmp_path):
    response = client.post("/upload/regenerate", headers=HEADERS, files={"sheet": ("moi.yaml", b"nam: 2025\n")})
    assert response.status_code == 422
    assert _text(response.text, "problem") == "Chưa làm được: chưa chọn bản dự thảo đã sửa (.docx) để cập nhật"
    draft = _edited_draft(tmp_path)
    response = client.post("/upload/regenerate", headers=HEADERS, files={"draft": ("a.docx", draft.read_bytes())})
    assert _text(response.text, "problem") == (
        "Chưa làm được: chưa chọn bảng chỉ tiêu mới: một bảng trong thư mục làm việc, hoặc tải lên tệp .yaml")
    foreign = client.post("/upload/regenerate", files={"draft": ("a.docx", b"x")},
                          headers={**HEADERS, "Origin": "http://evil.example"})
    assert foreign.status_code == 403


def test_a_clerks_template_is_checked_kept_and_offered(client, workspace):
    response = client.post("/upload/template", headers=HEADERS,
                           files={"template_file": ("mau-huyen.docx", STATE.read_bytes())})
    assert response.status_code == 200
    # The words of 'drafting lint' (the profile named as the library names it).
    assert _text(response.text, "lint-summary") == f"Mẫu mau-huyen.docx không có lỗi (mẫu {PROFILE_KINDS['nha-nuoc']})."
    assert (workspace / "mau" / "mau-huyen.docx").read_bytes() == STATE.read_bytes()
    assert '<option value="mau-huyen.docx">mau-huyen.docx (mẫu riêng)</option>' in client.get("/bulk").text
    rendered = client.post("/api/render?template=mau-huyen.docx", content=COMMUNE.read_bytes())
    assert rendered.status_code == 200
    assert drafting.read_draft(rendered.content).text() == drafting.read_draft(
        drafting.render_draft(COMMUNE, workspace / "cli.docx").output).text()
    # The profile check of the command line: a state template for a party sheet is refused.
    other = client.post("/api/render?template=mau-huyen.docx", content=PARTY.read_bytes())
    assert other.status_code == 422
    assert other.json()["errors"][0]["message"].startswith("bảng chỉ tiêu có thể thức 'dang' nhưng mẫu")
    again = client.post("/upload/template", headers=HEADERS,
                        files={"template_file": ("mau-huyen.docx", STATE.read_bytes())})
    assert again.status_code == 422
    assert _text(again.text, "problem") == (
        "Chưa làm được: thư mục mẫu đã có 'mau-huyen.docx': đổi tên tệp rồi tải lên lại")


def test_a_template_with_mistakes_is_listed_and_not_kept(client, workspace, tmp_path):
    doc = Document(str(STATE))
    doc.add_paragraph("Báo cáo của {{ co_quan_ban_hanh_ten }} gửi cấp trên.")
    buffer = io.BytesIO()
    doc.save(buffer)
    response = client.post("/upload/template", headers=HEADERS,
                           files={"template_file": ("mau-loi.docx", buffer.getvalue())})
    assert response.status_code == 422
    assert _text(response.text, "lint-summary") == "Mẫu mau-loi.docx có 1 lỗi."
    assert ("dùng biến &#39;co_quan_ban_hanh_ten&#39; không có trong bảng chỉ tiêu "
            "(có phải &#39;co_quan_ban_hanh&#39;?)") in response.text
    assert not (workspace / "mau").exists()
    assert client.post("/api/render?template=mau-loi.docx", content=COMMUNE.read_bytes()).status_code == 422
    assert not any((workspace / "ket-qua-trang-web").iterdir())


def test_a_new_sheet_not_in_utf8_is_named_by_its_file_name(client, tmp_path):
    draft = _edited_draft(tmp_path)
    response = client.post("/upload/regenerate", headers=HEADERS,
                           files={"draft": ("bao-cao.docx", draft.read_bytes()),
                                  "sheet": ("moi.yaml", "nam: 2025\n# Hưng Nguyên\n".encode("cp1258"))})
    assert response.status_code == 422
    assert _text(response.text, "problem") == (
        "Chưa làm được: tệp 'moi.yaml' không phải mã UTF-8: hãy lưu lại với mã UTF-8")
