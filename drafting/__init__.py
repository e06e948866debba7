"""drafting: drafts of the yearly "Kết quả công tác dân vận chính quyền" report.

The public API; everything else is private and may change.
"""

__version__ = "0.1.0"  # before the imports: modules read it

from .errors import (
    DraftingError,
    DraftProblem,
    Location,
    OutputError,
    Problem,
    SheetError,
    TemplateProblem,
)
from .bulk import BulkOptions, BulkSummary, bulk_draft
from .diffing import DiffResult, diff_paths
from .loading import LoadedSheet, load_sheet, parse_sheet
from .new_sheet import NewSheet, new_sheet
from .preview import Preview, preview_sheet
from .provenance import Provenance, read_provenance
from .regenerate import RegenerateResult, regenerate
from .readback import DraftView, read_draft
from .render import RenderResult, render_bytes, render_draft
from .rollup import RollupResult, rollup
from .templates import TemplateInfo, list_templates, resolve_template


__all__ = [
    "BulkOptions",
    "BulkSummary",
    "DiffResult",
    "DraftingError",
    "DraftProblem",
    "DraftView",
    "LoadedSheet",
    "Location",
    "NewSheet",
    "OutputError",
    "Preview",
    "Problem",
    "Provenance",
    "RegenerateResult",
    "RenderResult",
    "RollupResult",
    "SheetError",
    "TemplateInfo",
    "TemplateProblem",
    "bulk_draft",
    "diff_paths",
    "list_templates",
    "load_sheet",
    "new_sheet",
    "parse_sheet",
    "preview_sheet",
    "read_draft",
    "read_provenance",
    "regenerate",
    "render_bytes",
    "render_draft",
    "resolve_template",
    "rollup",
]
