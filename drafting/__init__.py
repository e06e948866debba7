"""drafting: drafts of the "Kết quả công tác dân vận chính quyền" report.

The public API; everything else is private and may change. Names are imported on
first use (PEP 562), so that ``import drafting`` and the command line load only what
a command needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ._version import __version__

# name -> module that defines it
_EXPORTS = {
    "DraftingError": "errors", "DraftProblem": "errors", "Location": "errors", "OutputError": "errors",
    "Problem": "errors", "SheetError": "errors", "TemplateProblem": "errors",
    "BulkOptions": "bulk.run", "BulkSummary": "bulk.run", "bulk_draft": "bulk.run",
    "Record": "bulk.manifest",
    "RollupResult": "bulk.rollup", "rollup": "bulk.rollup",
    "DiffError": "cycle.diff", "DiffResult": "cycle.diff", "FigureChange": "cycle.diff",
    "SentenceChange": "cycle.diff", "diff_paths": "cycle.diff",
    "NewSheet": "cycle.new_sheet", "new_sheet": "cycle.new_sheet",
    "Conflict": "cycle.regenerate", "RegenerateResult": "cycle.regenerate", "regenerate": "cycle.regenerate",
    "LoadedSheet": "sheet.loading", "load_sheet": "sheet.loading", "parse_sheet": "sheet.loading",
    "Sheet": "sheet.models", "Indicator": "sheet.indicators",
    "Provenance": "docx.provenance", "read_provenance": "docx.provenance",
    "DraftView": "docx.readback", "read_draft": "docx.readback",
    "CompiledTemplate": "render.engine",
    "RenderResult": "render.draft", "compile_template": "render.draft", "render_bytes": "render.draft",
    "render_compiled": "render.draft", "render_draft": "render.draft",
    "LintResult": "render.lint", "lint_template": "render.lint",
    "TemplateInfo": "render.templates", "list_templates": "render.templates",
    "resolve_template": "render.templates",
    "Preview": "views.preview", "preview_sheet": "views.preview",
}

__all__ = [  # a literal, for linters; tests/test_architecture.py ties it to _EXPORTS
    "BulkOptions",
    "BulkSummary",
    "CompiledTemplate",
    "Conflict",
    "DiffError",
    "DiffResult",
    "DraftProblem",
    "DraftView",
    "DraftingError",
    "FigureChange",
    "Indicator",
    "LintResult",
    "LoadedSheet",
    "Location",
    "NewSheet",
    "OutputError",
    "Preview",
    "Problem",
    "Provenance",
    "Record",
    "RegenerateResult",
    "RenderResult",
    "RollupResult",
    "SentenceChange",
    "Sheet",
    "SheetError",
    "TemplateInfo",
    "TemplateProblem",
    "__version__",
    "bulk_draft",
    "compile_template",
    "diff_paths",
    "lint_template",
    "list_templates",
    "load_sheet",
    "new_sheet",
    "parse_sheet",
    "preview_sheet",
    "read_draft",
    "read_provenance",
    "regenerate",
    "render_bytes",
    "render_compiled",
    "render_draft",
    "resolve_template",
    "rollup",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'drafting' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # the next access is a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


if TYPE_CHECKING:  # the same names, eagerly, for type checkers and editors
    from .bulk.manifest import Record
    from .bulk.rollup import RollupResult, rollup
    from .bulk.run import BulkOptions, BulkSummary, bulk_draft
    from .cycle.diff import (
        DiffError,
        DiffResult,
        FigureChange,
        SentenceChange,
        diff_paths,
    )
    from .cycle.new_sheet import NewSheet, new_sheet
    from .cycle.regenerate import Conflict, RegenerateResult, regenerate
    from .docx.provenance import Provenance, read_provenance
    from .docx.readback import DraftView, read_draft
    from .errors import (
        DraftingError,
        DraftProblem,
        Location,
        OutputError,
        Problem,
        SheetError,
        TemplateProblem,
    )
    from .render.draft import (
        RenderResult,
        compile_template,
        render_bytes,
        render_compiled,
        render_draft,
    )
    from .render.engine import CompiledTemplate
    from .render.lint import LintResult, lint_template
    from .render.templates import TemplateInfo, list_templates, resolve_template
    from .sheet.indicators import Indicator
    from .sheet.loading import LoadedSheet, load_sheet, parse_sheet
    from .sheet.models import Sheet
    from .views.preview import Preview, preview_sheet
