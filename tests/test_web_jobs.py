"""The page's bulk, roll-up, regenerate and templates: uploads, jobs, downloads, and their guard."""

from __future__ import annotations

import html
import io
import re
import shutil
import warnings
import zipfile

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")


with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from conftest import COMMUNE, ROOT

import drafting
from drafting.render.pdf import find_soffice
from drafting.web.app import create_app
from drafting.web.guard import own_hosts

BASE = "http://127.0.0.1:8123"
TOKEN = "test-token"
HEADERS = {"X-Drafting-Token": TOKEN}
NGHE_AN = ROOT / "examples" / "nghe-an-2025"
WRONG_TABLE = ROOT / "tests" / "fixtures" / "so-lieu-loi.csv"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "lam-viec"
    folder.mkdir()
    shutil.copy(COMMUNE, folder / COMMUNE.name)
    return folder


@pytest.fixture
def app(workspace):
    return create_app(workspace, own_hosts("127.0.0.1", 8123), token=TOKEN, max_upload=512 * 1024)


@pytest.fixture
def client(app):
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


def _table(rows: tuple[int, ...]) -> bytes:
    """The header and the given rows of the table with mistakes (row 5, Vinh Lộc, has two)."""
    text = WRONG_TABLE.read_text(encoding="utf-8-sig")
    records = re.split(r"\n(?=[^\n]+,(?:phường|xã),)", text.strip("\n"))
    return ("\n".join([records[0], *(records[n] for n in rows)]) + "\n").encode("utf-8")


def _finished(client, app, response) -> tuple[str, str]:
    """The job's id and its page once done (a form post redirects to the job's page)."""
    assert response.status_code == 303, response.text
    job_id = response.headers["location"].rsplit("/", 1)[1]
    app.state.jobs.wait(job_id)
    page = client.get(f"/jobs/{job_id}")
    assert page.status_code == 200
    return job_id, page.text


def _text(page: str, element_id: str) -> str:
    """The text of the element with ``element_id`` (tags dropped, spaces joined)."""
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</(?:p|table|div)>', page, re.S)
    assert match, element_id
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


# --- bulk -------------------------------------------------------------------------------------


def test_bulk_from_a_base_sheet_and_a_table_gives_a_zip_and_lists_failures_with_their_cells(client, app):
    files = {"base": ("co-so.yaml", (NGHE_AN / "co-so.yaml").read_bytes()),
             "table": ("so-lieu.csv", _table((1, 5)))}
    job_id, page = _finished(client, app, client.post("/upload/bulk", headers=HEADERS, files=files,
                                                      follow_redirects=False))
    assert _text(page, "outcome") == "Đã soạn 1/2 địa bàn; 1 địa bàn lỗi ."
    assert _text(page, "failures") == (
        "Địa bàn Nguồn Lỗi (ô của bảng số liệu) phường Vinh Lộc so-lieu.csv hàng 3 "
        'so-lieu.csv ô Q3 chi_tieu.kinh_te.ho_ngheo.gia_tri: phải là số (ví dụ 4036, 6044.8 hoặc 6.044,8) '
        "so-lieu.csv ô Z3 chi_tieu.tiep_dan.don_da_xu_ly.gia_tri: phải là số không âm")
    response = client.get(f"/jobs/{job_id}/files/ban-du-thao.zip")
    assert response.status_code == 200 and response.headers["content-type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(response.content))
    assert bundle.namelist() == ["bang-ke.json", "phuong-truong-vinh.docx"]
    text = drafting.read_draft(bundle.read("phuong-truong-vinh.docx")).text()
    assert "Trường Vinh" in text
    assert "phải là số không âm" in bundle.read("bang-ke.json").decode("utf-8")


def test_bulk_from_the_sheets_of_each_locality(client, app, workspace):
    sheets = sorted((NGHE_AN / "dia-ban").glob("*.yaml"))[:2]
    files = [("sheets", (p.name, p.read_bytes())) for p in sheets]
    job_id, page = _finished(client, app, client.post("/upload/bulk", headers=HEADERS, files=files,
                                                      follow_redirects=False))
    assert _text(page, "outcome") == "Đã soạn 2/2 địa bàn."
    bundle = zipfile.ZipFile(io.BytesIO(client.get(f"/jobs/{job_id}/files/ban-du-thao.zip").content))
    assert bundle.namelist() == ["bang-ke.json", *(p.with_suffix(".docx").name for p in sheets)]
    # Everything was written inside the workspace, in the job's own folder.
    (job_folder,) = (workspace / "ket-qua-trang-web").iterdir()
    assert sorted(p.name for p in (job_folder / "nguon" / "dia-ban").iterdir()) == [p.name for p in sheets]


def test_bulk_is_refused_without_the_token_from_another_site_or_too_large(client, workspace):
    files = {"base": ("co-so.yaml", b"nam: 2025\n"), "table": ("so-lieu.csv", b"a\n")}
    without = client.post("/upload/bulk", files=files)
    assert without.status_code == 403
    assert without.json()["errors"][0]["message"] == "thiếu mã phiên hoặc mã phiên đã cũ: tải lại trang rồi làm lại"
    foreign = client.post("/upload/bulk", files=files, headers={**HEADERS, "Origin": "http://evil.example"})
    assert foreign.status_code == 403
    assert foreign.json()["errors"][0]["message"] == "yêu cầu đến từ một trang web khác: bị từ chối"
    big = {"base": ("co-so.yaml", b"#" * (600 * 1024)), "table": ("so-lieu.csv", b"a\n")}
    too_large = client.post("/upload/bulk", files=big, headers=HEADERS)
    assert too_large.status_code == 413
    assert too_large.json()["errors"][0]["message"] == "dữ liệu gửi lên quá lớn (tối đa 0 MB)"
    # A browser sending the form gets a page saying so, not JSON.
    page = client.post("/upload/bulk", files=big, headers={**HEADERS, "Accept": "text/html"})
    assert page.status_code == 413 and "<strong>Bị từ chối:</strong> dữ liệu gửi lên quá lớn" in page.text
    assert not (workspace / "ket-qua-trang-web").exists()


def test_an_upload_is_limited_apart_from_a_sheet(workspace):
    app = create_app(workspace, own_hosts("127.0.0.1", 8123), token=TOKEN, max_body=1024 * 1024,
                     max_upload=3 * 1024 * 1024)
    with TestClient(app, base_url=BASE) as client:
        body = b"#" * (2 * 1024 * 1024)
        assert client.post("/api/check", content=body).status_code == 413
        files = {"base": ("co-so.yaml", body)}
        response = client.post("/upload/bulk", files=files, headers=HEADERS)
        assert response.status_code == 422  # read whole, then refused for what it is
        assert "chưa chọn địa bàn" in response.text


def test_bulk_without_localities_or_with_a_wrong_table_says_what_to_choose(client, workspace):
    response = client.post("/upload/bulk", headers=HEADERS, files={"base": ("co-so.yaml", b"nam: 2025\n")})
    assert response.status_code == 422
    assert _text(response.text, "problem") == (
        "Chưa làm được: chưa chọn địa bàn: một bảng chỉ tiêu cơ sở cùng bảng số liệu (.csv, .xlsx), "
        "hoặc các bảng chỉ tiêu (.yaml) của từng địa bàn")
    files = {"base": ("co-so.yaml", b"nam: 2025\n"), "table": ("so-lieu.txt", b"a\n")}
    response = client.post("/upload/bulk", headers=HEADERS, files=files)
    assert response.status_code == 422
    assert _text(response.text, "problem") == (
        "Chưa làm được: tệp 'so-lieu.txt' không phải bảng số liệu (.csv hoặc .xlsx)")
    assert not (workspace / "ket-qua-trang-web").exists() or not any((workspace / "ket-qua-trang-web").iterdir())


def test_an_uploaded_file_name_never_leaves_the_jobs_folder(client, app, workspace, tmp_path):
    files = {"base": ("../../../co-so.yaml", (NGHE_AN / "co-so.yaml").read_bytes()),
             "table": ("..\\..\\so-lieu.csv", _table((1,)))}
    job_id, page = _finished(client, app, client.post("/upload/bulk", headers=HEADERS, files=files,
                                                      follow_redirects=False))
    assert _text(page, "outcome") == "Đã soạn 1/1 địa bàn."
    (job_folder,) = (workspace / "ket-qua-trang-web").iterdir()
    assert sorted(p.name for p in (job_folder / "nguon").iterdir()) == ["co-so.yaml", "so-lieu.csv"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lam-viec"]
    assert client.get(f"/jobs/{job_id}/files/..%2F..%2Flam-viec%2F{COMMUNE.name}").status_code == 404


def test_an_unknown_job_is_404(client):
    response = client.get("/jobs/khong-co")
    assert response.status_code == 404
    assert _text(response.text, "problem") == (
        "Chưa làm được: không có việc này (máy chủ đã khởi động lại?): làm lại từ đầu")


# --- roll-up ----------------------------------------------------------------------------------


def test_rollup_gives_the_upper_draft_and_its_sheet(client, app, tmp_path):
    sheets = sorted((NGHE_AN / "dia-ban").glob("*.yaml"))[:3]
    files = [("upper", ("tong-hop.yaml", (NGHE_AN / "tong-hop.yaml").read_bytes())),
             *(("sheets", (p.name, p.read_bytes())) for p in sheets)]
    job_id, page = _finished(client, app, client.post("/upload/rollup", headers=HEADERS, files=files,
                                                      follow_redirects=False))
    assert _text(page, "outcome").startswith("Đã tổng hợp 3 địa bàn")
    draft = client.get(f"/jobs/{job_id}/files/bao-cao-tong-hop.docx")
    assert draft.status_code == 200 and draft.headers["content-type"] == DOCX
    sheet = client.get(f"/jobs/{job_id}/files/bao-cao-tong-hop.yaml")
    assert sheet.status_code == 200
    # The same as the command line's roll-up of the same localities.
    folder = tmp_path / "dia-ban"
    folder.mkdir()
    for p in sheets:
        shutil.copy(p, folder / p.name)
    expected = drafting.bulk.rollup.rollup(folder, NGHE_AN / "tong-hop.yaml", tmp_path / "cli.docx")
    assert drafting.read_draft(draft.content).text() == drafting.read_draft(expected.draft).text()
    assert drafting.parse_sheet(sheet.text).sheet == drafting.load_sheet(expected.sheet).sheet


def test_rollup_without_the_upper_sheet_is_422(client):
    response = client.post("/upload/rollup", headers=HEADERS, files={"base": ("co-so.yaml", b"nam: 2025\n")})
    assert response.status_code == 422
    assert _text(response.text, "problem") == (
        "Chưa làm được: chưa chọn bảng chỉ tiêu của cấp trên (.yaml): lời văn, nhiệm vụ, người ký")


def test_an_invalid_locality_stops_the_rollup_and_the_page_says_where(client, app):
    files = {"upper": ("tong-hop.yaml", (NGHE_AN / "tong-hop.yaml").read_bytes()),
             "base": ("co-so.yaml", (NGHE_AN / "co-so.yaml").read_bytes()), "table": ("so-lieu.csv", _table((1, 5)))}
    _, page = _finished(client, app, client.post("/upload/rollup", headers=HEADERS, files=files,
                                                 follow_redirects=False))
    assert "so-lieu.csv ô Q3 chi_tieu.kinh_te.ho_ngheo.gia_tri: phải là số" in _text(page, "job-error")


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_bulk_with_pdf_puts_each_drafts_pdf_in_the_zip(client, app):
    files = {"base": ("co-so.yaml", (NGHE_AN / "co-so.yaml").read_bytes()),
             "table": ("so-lieu.csv", _table((1, 2)))}
    job_id, page = _finished(client, app, client.post("/upload/bulk", headers=HEADERS, files=files, data={"pdf": "1"},
                                                      follow_redirects=False))
    assert _text(page, "outcome") == "Đã soạn 2/2 địa bàn."
    bundle = zipfile.ZipFile(io.BytesIO(client.get(f"/jobs/{job_id}/files/ban-du-thao.zip").content))
    assert bundle.namelist() == ["bang-ke.json", "phuong-truong-vinh.docx", "phuong-truong-vinh.pdf",
                                 "phuong-thanh-vinh.docx", "phuong-thanh-vinh.pdf"]
    assert bundle.read("phuong-thanh-vinh.pdf").startswith(b"%PDF-")
