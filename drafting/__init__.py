"""drafting: drafts of the yearly "Kết quả công tác dân vận chính quyền" report.

The public API; everything else is private and may change.
"""

from .errors import (
    DraftingError,
    Location,
    OutputError,
    Problem,
    SheetError,
    TemplateProblem,
)
from .loading import LoadedSheet, load_sheet, parse_sheet
from .preview import Preview, preview_sheet
from .readback import DraftView, read_draft
from .render import RenderResult, render_bytes, render_draft
from .templates import TemplateInfo, list_templates, resolve_template

__version__ = "0.1.0"

__all__ = [
    "DraftingError",
    "DraftView",
    "LoadedSheet",
    "Location",
    "OutputError",
    "Preview",
    "Problem",
    "RenderResult",
    "SheetError",
    "TemplateInfo",
    "TemplateProblem",
    "list_templates",
    "load_sheet",
    "parse_sheet",
    "preview_sheet",
    "read_draft",
    "render_bytes",
    "render_draft",
    "resolve_template",
]
