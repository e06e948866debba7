"""The built-in templates and how a template name or path is resolved."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Union

from ..errors import TemplateProblem, UnknownTemplate
from .profiles import LAYOUTS

_PACKAGE_DIR = Path(__file__).resolve().parent.parent  # drafting/

# What a template of each profile is, in a clerk's words ("mẫu thể thức nhà nước").
PROFILE_KINDS = {"nha-nuoc": "thể thức nhà nước", "dang": "thể thức Đảng", "ban-tin": "bản tin",
                 "hoi-nghi": "tin hội nghị"}


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
    """A built-in name ("nha-nuoc"), a path to a .docx, or None for the sheet's profile.

    A template of another profile than the sheet's (``profile``; "" when not known) is refused:
    a built-in one by its name, a clerk's one if its profile can be told (see
    :func:`drafting.render.lint.template_profile`).
    """
    if choice is None:
        choice = profile
    if isinstance(choice, str) and choice in LAYOUTS:
        path = builtin_dir() / f"{choice}.docx"
        if not path.is_file():
            raise TemplateProblem(f"không tìm thấy mẫu có sẵn '{choice}' ({path}): cài lại drafting")
        if profile and choice != profile:
            raise TemplateProblem(f"bảng chỉ tiêu có thể thức '{profile}' nhưng mẫu '{choice}' là mẫu "
                                  f"{PROFILE_KINDS[choice]}: bỏ -t để dùng mẫu '{profile}', hoặc sửa the_thuc")
        return path
    path = Path(choice)
    if not path.is_file():
        names = ", ".join(LAYOUTS)
        raise UnknownTemplate(f"không tìm thấy mẫu '{choice}': dùng một tệp .docx hoặc một trong: {names}")
    if path.suffix.lower() != ".docx":
        raise TemplateProblem(f"mẫu '{choice}' phải là tệp Word .docx")
    if profile:
        _refuse_another_profile(choice, path, profile)
    return path


def _refuse_another_profile(choice: Union[str, Path], path: Path, profile: str) -> None:
    from .lint import template_profile  # it reads the template: only for a clerk's one

    found = template_profile(path)
    if found is None or found[0] == profile:
        return
    theirs, why = found
    raise TemplateProblem(
        f"bảng chỉ tiêu có thể thức '{profile}' nhưng mẫu '{choice}' là mẫu {PROFILE_KINDS[theirs]}"
        + (f" ({why})" if why else "")
        + f": dùng một mẫu {PROFILE_KINDS[profile]} (bỏ -t để dùng mẫu có sẵn '{profile}'), hoặc sửa the_thuc"
    )


def builtin_name(path: Path) -> Optional[str]:
    """The name of the built-in template at ``path`` ("nha-nuoc"), None for any other file."""
    path = Path(path)
    return path.stem if path.parent == builtin_dir() and path.stem in LAYOUTS else None


def template_label(path: Path) -> str:
    """How a draft records its template: a built-in one by name (the same on every machine)."""
    return builtin_name(path) or str(path)
