"""drafting: drafts of the yearly "Kết quả công tác dân vận chính quyền" report.

The public API; everything else is private and may change.
"""

__version__ = "0.1.0"  # before the imports: modules read it

from .errors import (
    DraftingError,
    Location,
    OutputError,
    Problem,
    SheetError,
    TemplateProblem,
)
from .bulk import BulkOptions, BulkSummary, bulk_draft
from .loading import LoadedSheet, load_sheet, parse_sheet
from .preview import Preview, preview_sheet
from .readback import DraftView, read_draft
from .render import RenderResult, render_bytes, render_draft
from .rollup import RollupResult, rollup
from .templates import TemplateInfo, list_templates, resolve_template


__all__ = [
    "BulkOptions",
    "BulkSummary",
    "DraftingError",
    "DraftView",
    "LoadedSheet",
    "Location",
    "OutputError",
    "Preview",
    "Problem",
    "RenderResult",
    "RollupResult",
    "SheetError",
    "TemplateInfo",
    "TemplateProblem",
    "bulk_draft",
    "list_templates",
    "load_sheet",
    "parse_sheet",
    "preview_sheet",
    "read_draft",
    "render_bytes",
    "render_draft",
    "resolve_template",
    "rollup",
]
