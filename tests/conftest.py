import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# No per-example deadline: it is a timing assertion, and a slow or busy machine is no failure.
settings.register_profile("drafting", deadline=None)
settings.load_profile("drafting")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VINH = EXAMPLES / "vinh-2022.yaml"
COMMUNE = EXAMPLES / "xa-hung-nguyen-2025.yaml"
PARTY = EXAMPLES / "ban-dan-van-tinh-uy-2024.yaml"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))

# The smallest valid state-profile sheet (no indicators), to build inline fixtures on.
MINIMAL_STATE_SHEET = textwrap.dedent("""\
    phien_ban: 1
    nam: 2025
    the_thuc: nha-nuoc
    dia_ban:
      ten: Hưng Nguyên
      cap: xã
    co_quan_ban_hanh:
      ten: Ủy ban nhân dân xã Hưng Nguyên
    so_van_ban:
      ky_hieu: BC-UBND
    can_cu: Thực hiện Hướng dẫn số 12-HD/BTGDVTU ngày 05/11/2025
    nhiem_vu:
      - tiếp tục quán triệt các văn bản về công tác dân vận
    nguoi_ky:
      tham_quyen:
        - TM. Ủy ban nhân dân
      chuc_vu: Chủ tịch
      ho_ten: Lê Văn Minh
    noi_nhan:
      - Thường trực Đảng ủy xã
      - "Lưu: VT, VP"
    """)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty working directory, so default outputs land there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
