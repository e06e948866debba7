"""The built-in templates and how a template name or path is resolved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ..errors import TemplateProblem
from .profiles import LAYOUTS

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # drafting/


def builtin_dir() -> Path:
    """templates/ inside an installed wheel, or beside the package in a source checkout."""
    installed = _PACKAGE_DIR / "templates"
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / "templates"


@dataclass(frozen=True)
class TemplateInfo:
    name: str
    label: str
    path: Path


def list_templates() -> list[TemplateInfo]:
    """The built-in templates, one per profile, with their Vietnamese labels and paths."""
    return [
        TemplateInfo(name, layout.label, builtin_dir() / f"{name}.docx")
        for name, layout in LAYOUTS.items()
    ]


def resolve_template(choice: Optional[Union[str, Path]], profile: str) -> Path:
    """A built-in name ("nha-nuoc"), a path to a .docx, or None for the sheet's profile."""
    if choice is None:
        choice = profile
    if isinstance(choice, str) and choice in LAYOUTS:
        path = builtin_dir() / f"{choice}.docx"
        if not path.is_file():
            raise TemplateProblem(f"không tìm thấy mẫu có sẵn '{choice}' ({path}): cài lại drafting")
        return path
    path = Path(choice)
    if not path.is_file():
        names = ", ".join(LAYOUTS)
        raise TemplateProblem(f"không tìm thấy mẫu '{choice}': dùng một tệp .docx hoặc một trong: {names}")
    if path.suffix.lower() != ".docx":
        raise TemplateProblem(f"mẫu '{choice}' phải là tệp Word .docx")
    return path


def template_label(path: Path) -> str:
    """How a draft records its template: a built-in one by name (the same on every machine)."""
    path = Path(path)
    return path.stem if path.parent == builtin_dir() and path.stem in LAYOUTS else str(path)
