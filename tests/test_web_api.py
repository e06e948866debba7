"""The web page's HTTP API and its guard, through Starlette's TestClient."""

from __future__ import annotations

import io
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

import warnings  # noqa: E402

from docx import Document  # noqa: E402

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import drafting  # noqa: E402
from drafting.web.app import create_app  # noqa: E402
from drafting.web.guard import own_hosts  # noqa: E402
from drafting.web.server import make_server  # noqa: E402
from drafting.web.workbench import digest  # noqa: E402

from conftest import COMMUNE, ROOT  # noqa: E402

FIVE_MISTAKES = ROOT / "tests" / "fixtures" / "nam-loi.yaml"
BASE = "http://127.0.0.1:8123"
TOKEN = "test-token"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def workspace(tmp_path):
    folder = tmp_path / "lam-viec"
    folder.mkdir()
    shutil.copy(COMMUNE, folder / COMMUNE.name)
    return folder


@pytest.fixture
def client(workspace):
    app = create_app(workspace, own_hosts("127.0.0.1", 8123), token=TOKEN, max_body=256 * 1024)
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_check_the_commune_example_has_no_error(client):
    response = client.post("/api/check", content=COMMUNE.read_bytes())
    assert response.status_code == 200
    assert response.json() == {"errors": [], "warnings": []}


def test_check_five_mistakes_gives_five_located_errors_with_the_cli_messages(client):
    response = client.post("/api/check", content=FIVE_MISTAKES.read_bytes())
    assert response.status_code == 200
    errors = response.json()["errors"]
    with pytest.raises(drafting.SheetError) as cli:
        drafting.load_sheet(FIVE_MISTAKES)
    assert len(errors) == 5
    assert [(e["line"], e["column"]) for e in errors] == [(7, 8), (8, 1), (12, 7), (15, 17), (16, 5)]
    assert [(e["line"], e["column"], e["path"], e["message"]) for e in errors] == [
        (p.location.line, p.location.column, p.location.path, p.message) for p in cli.value.problems
    ]
    assert errors[2] == {"line": 12, "column": 7, "path": "chi_tieu.kinh_te.doanh_nghiep_moi.gia_tri",
                         "message": "phải là số không âm"}


def test_check_reports_warnings_too(client):
    text = COMMUNE.read_text(encoding="utf-8").replace("gia_tri: 6398", "gia_tri: 7000")
    body = client.post("/api/check", content=text.encode()).json()
    assert body["errors"] == [] and body["warnings"]
    assert all({"line", "column", "path", "message"} == set(w) for w in body["warnings"])


def test_render_gives_the_docx_drafting_render_writes(client, tmp_path):
    response = client.post("/api/render", content=COMMUNE.read_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"] == DOCX
    assert response.headers["content-disposition"] == 'attachment; filename="xa-hung-nguyen-2025.docx"'
    written = drafting.render_draft(COMMUNE, tmp_path / "cli.docx").output.read_bytes()
    assert _docx_text(response.content) == _docx_text(written)
    assert drafting.read_draft(response.content).text() == drafting.read_draft(written).text()
    assert response.content == written  # the same sheet and template: the same bytes


def test_render_a_sheet_with_errors_is_422_with_the_errors(client):
    response = client.post("/api/render?template=ban-tin", content=FIVE_MISTAKES.read_bytes())
    assert response.status_code == 422
    assert len(response.json()["errors"]) == 5


def test_render_takes_only_a_built_in_template_by_name(client):
    for name in ("../../etc/passwd", "/tmp/mau.docx", "khong-co"):
        response = client.post("/api/render", params={"template": name}, content=COMMUNE.read_bytes())
        assert response.status_code == 422
        assert response.json()["errors"][0]["message"].startswith(f"không có mẫu '{name}'")
    other = client.post("/api/render?template=dang", content=COMMUNE.read_bytes())
    assert other.status_code == 422 and "thể thức" in other.json()["errors"][0]["message"]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_render_pdf(client):
    response = client.post("/api/render?format=pdf", content=COMMUNE.read_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_preview_is_the_draft_as_html_with_computed_figures_and_the_table(client):
    response = client.post("/api/preview", content=COMMUNE.read_bytes())
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert html.startswith('<article class="draft">')
    assert '<p class="BCTrichYeu">Kết quả công tác dân vận chính quyền năm 2025</p>' in html
    assert '<mark class="computed">33,33%</mark>' in html
    assert '<table class="figures">' in html and '<td class="num">' in html
    assert client.post("/api/preview", content=FIVE_MISTAKES.read_bytes()).status_code == 422


def test_a_request_from_another_site_is_refused(client):
    for path in ("/api/check", "/api/render", "/ui/save"):
        response = client.post(path, content=COMMUNE.read_bytes(),
                               headers={"Origin": "http://evil.example", "X-Drafting-Token": TOKEN})
        assert response.status_code == 403
        assert response.json()["errors"][0]["message"] == "yêu cầu đến từ một trang web khác: bị từ chối"
    same = client.post("/api/check", content=COMMUNE.read_bytes(), headers={"Origin": BASE})
    assert same.status_code == 200


def test_a_request_for_another_host_name_is_refused(client):
    # A site whose name resolves to 127.0.0.1 ("DNS rebinding") sends its own name as Host.
    response = client.get("/", headers={"Host": "evil.example:8123"})
    assert response.status_code == 403
    assert client.get("/", headers={"Host": "localhost:8123"}).status_code == 200


def test_a_change_without_the_token_is_refused(client, workspace):
    text = COMMUNE.read_text(encoding="utf-8")
    fields = {"name": "moi.yaml", "text": text, "digest": ""}
    response = client.post("/ui/save", data=fields)
    assert response.status_code == 403
    assert "mã phiên" in response.json()["errors"][0]["message"]
    assert client.post("/ui/save", data=fields, headers={"X-Drafting-Token": "cu"}).status_code == 403
    assert not (workspace / "moi.yaml").exists()
    response = client.post("/ui/save", data=fields, headers={"X-Drafting-Token": TOKEN})
    assert response.status_code == 200 and "Đã lưu moi.yaml" in response.text
    assert (workspace / "moi.yaml").read_text(encoding="utf-8") == text


def test_the_page_embeds_the_token(client):
    page = client.get("/sheet", params={"name": COMMUNE.name})
    assert page.status_code == 200
    assert f'<meta name="drafting-token" content="{TOKEN}">' in page.text
    assert "Bảng chỉ tiêu hợp lệ" in page.text and '<article class="draft">' in page.text


def test_save_writes_only_inside_the_workspace(client, workspace, tmp_path):
    headers = {"X-Drafting-Token": TOKEN}
    for name in ("../ngoai.yaml", "con/ngoai.yaml", str(tmp_path / "ngoai.yaml"), "ngoai.docx", ".an.yaml"):
        response = client.post("/ui/save", data={"name": name, "text": "a: 1", "digest": ""}, headers=headers)
        assert "Chưa lưu" in response.text, name
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [COMMUNE.name]


def test_save_refuses_a_file_changed_since_it_was_opened(client, workspace):
    headers = {"X-Drafting-Token": TOKEN}
    target = workspace / COMMUNE.name
    opened = digest(target.read_text(encoding="utf-8"))
    target.write_text("phien_ban: 1\n", encoding="utf-8")  # edited elsewhere meanwhile
    response = client.post("/ui/save", data={"name": COMMUNE.name, "text": "x: 1", "digest": opened}, headers=headers)
    assert "đã khác bản đang mở" in response.text
    assert target.read_text(encoding="utf-8") == "phien_ban: 1\n"


def test_an_upload_over_the_limit_is_refused(client):
    response = client.post("/api/check", content=b"a" * (300 * 1024))
    assert response.status_code == 413
    assert "quá lớn" in response.json()["errors"][0]["message"]

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(5):
            yield b"b" * (64 * 1024)

    assert client.post("/api/check", content=chunks()).status_code == 413


def test_a_new_sheet_is_written_in_the_workspace_and_opened(client, workspace):
    fields = {"profile": "nha-nuoc", "level": "phường", "year": "2026", "from_sheet": "", "name": "moi-2026.yaml"}
    response = client.post(f"/new?token={TOKEN}", data=fields, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/sheet?name=moi-2026.yaml"
    assert "nam: 2026" in (workspace / "moi-2026.yaml").read_text(encoding="utf-8")
    again = client.post(f"/new?token={TOKEN}", data=fields)
    assert again.status_code == 422 and "đã có tệp" in again.text
    following = {**fields, "from_sheet": COMMUNE.name, "name": "xa-2026.yaml"}
    assert client.post(f"/new?token={TOKEN}", data=following, follow_redirects=False).status_code == 303
    assert "cung_ky: 12" in (workspace / "xa-2026.yaml").read_text(encoding="utf-8")


def test_an_uploaded_sheet_opens_in_the_editor_and_nothing_is_written(client, workspace):
    files = {"file": ("C:\\Users\\van-thu\\bang moi.yaml", FIVE_MISTAKES.read_bytes(), "application/x-yaml")}
    response = client.post(f"/open?token={TOKEN}", files=files)
    assert response.status_code == 200
    assert "Bảng chỉ tiêu có 5 lỗi" in response.text and "bang moi.yaml" in response.text
    assert 'data-line="12"' in response.text  # the note beside line 12
    assert sorted(p.name for p in workspace.iterdir()) == [COMMUNE.name]


def test_the_live_check_places_notes_beside_their_lines(client):
    fields = {"text": FIVE_MISTAKES.read_text(encoding="utf-8"), "template": ""}
    html = client.post("/ui/check", data=fields, headers={"X-Drafting-Token": TOKEN}).text
    for line in (7, 8, 12, 15, 16):
        assert f'class="note error" style="--line: {line}" data-line="{line}"' in html
    assert "phải là số không âm" in html
    assert 'id="preview-state"' in html and "chỉ cập nhật khi bảng chỉ tiêu hết lỗi" in html


def test_the_server_listens_on_a_free_local_port(workspace):
    running = make_server(workspace)
    assert running.url.startswith("http://127.0.0.1:") and not running.url.endswith(":0/")
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    try:
        with urllib.request.urlopen(running.url, timeout=10) as page:
            assert "Mở bảng chỉ tiêu trong thư mục làm việc" in page.read().decode("utf-8")
    finally:
        running.server.should_exit = True
        thread.join(10)
    assert not thread.is_alive()


@pytest.mark.skipif(sys.platform == "win32", reason="sends SIGINT as Ctrl+C does")
def test_drafting_serve_prints_its_address_and_stops_on_ctrl_c(workspace):
    process = subprocess.Popen(
        [sys.executable, "-m", "drafting", "serve", "--no-browser", "--workspace", str(workspace)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT,
    )
    try:
        first = process.stdout.readline()
        assert first.startswith("Trang soạn thảo: http://127.0.0.1:")
        with urllib.request.urlopen(first.split(": ", 1)[1].strip(), timeout=10) as page:
            assert page.status == 200
        process.send_signal(signal.SIGINT)
        process.wait(20)
        # Read through the text wrappers: readline may have taken the next lines in already.
        out, err = process.stdout.read(), process.stderr.read()
    finally:
        process.kill()
    assert process.returncode == 130
    assert out.splitlines() == [f"Thư mục làm việc: {workspace.resolve()}", "Bấm Ctrl+C để dừng."]
    assert err.strip() == "Đã dừng."  # click writes a newline after the ^C first


def test_serve_on_another_host_warns(monkeypatch, workspace, capsys):
    import drafting.web.server as server
    from drafting.cli import main

    monkeypatch.setattr(server, "serve", lambda *args: None)
    assert main(["serve", "--host", "0.0.0.0", "--no-browser", "--workspace", str(workspace)]) == 0
    assert capsys.readouterr().err.startswith("cảnh báo: máy chủ nghe ở địa chỉ 0.0.0.0: máy khác trong mạng")
