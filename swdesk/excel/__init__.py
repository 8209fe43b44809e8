"""Excel in and out: import the ledgers stations keep, export lists, blank templates.

No Qt here: the CLI (``swdesk excel …``) and the import wizard call these same
functions. Columns come from the entity descriptions (``swdesk.excel.columns``).
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from swdesk.excel.columns import EXPORT_KINDS, IMPORT_KINDS, Column

if TYPE_CHECKING:  # loaded on first use (below): openpyxl is slow to import (bench/README.md)
    from swdesk.excel.export import export, write_template
    from swdesk.excel.loader import apply
    from swdesk.excel.planner import Cancel, ImportCancelled, Progress, plan, propose_mapping
    from swdesk.excel.reader import SheetError, sheet_names
    from swdesk.excel.report import ImportReport, OnExisting, Problem, RowResult, write_report
    from swdesk.services.actor import Actor

_LAZY = {
    "export": "export", "write_template": "export", "apply": "loader",
    "Cancel": "planner", "ImportCancelled": "planner", "Progress": "planner", "plan": "planner",
    "propose_mapping": "planner", "SheetError": "reader", "sheet_names": "reader",
    "ImportReport": "report", "OnExisting": "report", "Problem": "report",
    "RowResult": "report", "write_report": "report",
}

__all__ = [
    "EXPORT_KINDS", "IMPORT_KINDS", "Cancel", "Column", "ImportCancelled", "ImportReport",
    "OnExisting", "Problem", "Progress", "RowResult", "SheetError", "apply", "export",
    "import_file", "plan", "propose_mapping", "sheet_names", "write_report", "write_template",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def import_file(kind: str, path: Path, actor: Actor, *, sheet: str | None = None,
                mapping: dict[str, str] | None = None, on_existing: OnExisting = "skip",
                dry_run: bool = False, report_to: Path | None = None,
                progress: Progress | None = None, cancel: Cancel | None = None,
                processes: bool = False) -> ImportReport:
    """Check a ledger and, unless ``dry_run``, write what it accepted (one transaction).

    ``report_to`` gets the annotated copy of the sheet (written even on a dry run,
    so the worker can correct the red rows first); ``processes`` as in ``plan``.
    """
    # On first use, as the names above: these bring openpyxl in.
    from swdesk.excel.loader import apply
    from swdesk.excel.planner import plan
    from swdesk.excel.report import write_report

    report = plan(kind, path, sheet=sheet, mapping=mapping, on_existing=on_existing,
                  progress=progress, cancel=cancel, processes=processes)
    if not dry_run:
        apply(report, actor, progress=progress, cancel=cancel)
    if report_to is not None:
        write_report(report, report_to)
    return report
