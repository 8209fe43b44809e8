"""Excel in the window: the import wizard and the export action of the lists.

``register()`` adds 导入 Excel / 导出 Excel buttons to the lists through
``ui.shell.registry.register_list_action``; the main window calls it once.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from swdesk import excel, paths
from ui import ops
from ui.shell.context import AppContext
from ui.shell.registry import register_list_action

translate = QCoreApplication.translate

# List entity (table name) -> the kind the core's Excel functions take.
IMPORTS = {"client": "clients", "volunteer": "volunteers", "partner": "partners",
           "service_record": "records", "work_group": "groups",
           "community_activity": "activities", "evaluation": "evaluations",
           "complaint": "complaints", "agency": "agencies", "station": "stations"}
EXPORTS = {"client": "clients", "volunteer": "volunteers", "partner": "partners",
           "service_record": "records", "case": "cases", "work_group": "groups",
           "community_activity": "activities", "evaluation": "evaluations",
           "complaint": "complaints", "agency": "agencies", "station": "stations",
           "volunteer_certificate": "certificates"}


def open_import_wizard(ctx: AppContext, entity: str, parent: QWidget) -> None:
    from ui.excel.import_wizard import ImportWizard

    wizard = ImportWizard(ctx.actor, IMPORTS.get(entity), parent)
    if wizard.exec() and wizard.result_report is not None:
        ctx.data_changed()


def export_list(ctx: AppContext, entity: str, parent: QWidget,
                out: Path | None = None) -> None:
    """Ask for a file name (unless ``out`` is given) and export off the GUI thread."""
    kind = EXPORTS[entity]
    if out is None:
        name, _filter = QFileDialog.getSaveFileName(
            parent, translate("ExcelExport", "导出为 Excel"), str(paths.save_suggestion(
                f"{kind}.xlsx")),
            translate("ExcelExport", "Excel 工作簿 (*.xlsx)"))
        if not name:
            return
        out = Path(name)
    target = out

    def run(control: ops.TaskControl) -> int:
        return excel.export(kind, target, ctx.actor,
                            progress=lambda _stage, done, total: control.progress(done, total))

    def done(rows: int) -> None:
        QMessageBox.information(parent, translate("ExcelExport", "导出完成"),
                                translate("ExcelExport", "已导出 {} 行到 {}").format(rows, target))

    ops.run_task(parent, translate("ExcelExport", "正在导出…"), run, done)


def register() -> None:
    for entity in IMPORTS:
        register_list_action(entity, "导入 Excel", open_import_wizard)
    for entity in EXPORTS:
        register_list_action(entity, "导出 Excel", export_list)
