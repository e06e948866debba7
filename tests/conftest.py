from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
VINH = EXAMPLES / "vinh-2022.yaml"
COMMUNE = EXAMPLES / "xa-hung-nguyen-2025.yaml"
PARTY = EXAMPLES / "ban-dan-van-tinh-uy-2024.yaml"
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Run in an empty working directory, so default outputs land there."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
