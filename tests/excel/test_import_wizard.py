"""The import wizard, driven as a worker would: file, mapping, report, import or cancel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from excel_sheets import make_id, write_sheet, wrong_check_digit
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QWizard
from pytestqt.qtbot import QtBot

from swdesk.db import StationDatabase
from swdesk.model import AuditEntry, ChangeLog, Client
from swdesk.services.actor import SYSTEM
from ui import ops
from ui.app import prepare
from ui.excel.import_wizard import ImportWizard

ID_A = make_id("35020319850307123")
ID_B = make_id("35020319560812002")


@pytest.fixture(autouse=True)
def _qt_app(qapp: QApplication) -> Iterator[None]:
    prepare(qapp)
    yield


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    # An ASCII file name: QTest cannot type Chinese characters key by key.
    return write_sheet(tmp_path / "ledger.xlsx", [
        ["姓名", "身份证号码", "户籍地址", "对象类别"],
        ["张晓明", ID_A, "莲花路1号", "低保"],
        ["陈秀英", ID_B, "嘉禾路2号", "独居老人"],
        ["李华", wrong_check_digit(ID_A), None, "低保"],
    ], sheet="服务对象")


def _open(qtbot: QtBot, ledger: Path) -> ImportWizard:
    wizard = ImportWizard(SYSTEM, "clients")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(ledger))
    assert wizard.file_page.sheet.currentText() == "服务对象"
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton),
                     Qt.MouseButton.LeftButton)
    return wizard


def _combo_for(wizard: ImportWizard, heading: str) -> QComboBox:
    page = wizard.mapping_page
    return page.combos[page.headings.index(heading)]


def _to_report(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.report_page.report is not None, timeout=20000)


def test_import_through_the_wizard(qtbot: QtBot, qtmodeltester: object, sdb: StationDatabase,
                                   ledger: Path, tmp_path: Path) -> None:
    wizard = _open(qtbot, ledger)
    assert _combo_for(wizard, "身份证号码").currentData() == "id_number"
    address = _combo_for(wizard, "户籍地址")
    assert address.currentData() == ""  # not recognised: the worker picks 住址
    address.setFocus()
    for _step in range(address.count()):  # arrow down through the fields to 住址
        if address.currentData() == "address":
            break
        qtbot.keyClick(address, Qt.Key.Key_Down)
    assert address.currentText() == "住址"
    _to_report(qtbot, wizard)
    page = wizard.report_page
    assert "新增 2" in page.summary.text() and "有错误 1" in page.summary.text()
    qtmodeltester.check(page.model)  # type: ignore[attr-defined]
    assert page.model.rowCount() == 1
    first = page.model.index(0, 2)
    assert "校验" in page.model.data(first)
    out = tmp_path / "result.xlsx"
    page.save_report_to(out)
    assert load_workbook(out).active.cell(row=4, column=5).value.startswith("身份证号码校验位不符")
    assert Client.select().count() == 0  # nothing written before 导入

    finish = wizard.button(QWizard.WizardButton.FinishButton)
    assert finish.text() == "导入" and finish.isEnabled()
    qtbot.mouseClick(finish, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.result() == QDialog.DialogCode.Accepted, timeout=20000)
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert wizard.result_report is not None and wizard.result_report.added == 2
    stored = {c.name: c.address for c in Client.select()}
    assert stored == {"张晓明": "莲花路1号", "陈秀英": "嘉禾路2号"}
    assert AuditEntry.select().where(AuditEntry.action == "import").count() == 1


def test_cancel_on_the_report_page_writes_nothing(qtbot: QtBot, sdb: StationDatabase,
                                                  ledger: Path) -> None:
    before = (Client.select().count(), ChangeLog.select().count(), AuditEntry.select().count())
    wizard = _open(qtbot, ledger)
    _to_report(qtbot, wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton),
                     Qt.MouseButton.LeftButton)
    assert wizard.result() == QDialog.DialogCode.Rejected
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert (Client.select().count(), ChangeLog.select().count(),
            AuditEntry.select().count()) == before


def test_a_file_that_is_not_excel_keeps_the_wizard_on_its_first_page(
        qtbot: QtBot, sdb: StationDatabase, tmp_path: Path) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_text("姓名\n张晓明\n", encoding="utf-8")
    wizard = ImportWizard(SYSTEM, "clients")
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.file_page.path, str(fake))
    assert "不是 Excel 文件" in wizard.file_page.hint.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_export_action_of_a_list(qtbot: QtBot, sdb: StationDatabase, ledger: Path,
                                 tmp_path: Path) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox, QWidget

    from swdesk import excel
    from ui.excel import export_list
    from ui.shell.context import AppContext

    excel.import_file("clients", ledger, SYSTEM)
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[str] = []

    def close_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, close_box)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(20, close_box)
    out = tmp_path / "clients.xlsx"
    export_list(AppContext(SYSTEM, tmp_path), "client", parent, out)
    qtbot.waitUntil(lambda: bool(seen), timeout=20000)
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert seen == [f"已导出 2 行到 {out}"]
    names = [r[0] for r in load_workbook(out).active.iter_rows(min_row=2, values_only=True)]
    assert names == ["张晓明", "陈秀英"]


def test_a_list_export_is_offered_the_documents_folder(qtbot: QtBot, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Not a bare name, relative to the program's own folder on Windows."""
    import platformdirs
    from PySide6.QtWidgets import QFileDialog, QWidget

    from ui.excel import export_list
    from ui.shell.context import AppContext

    onedrive = tmp_path / "OneDrive" / "文档"
    onedrive.mkdir(parents=True)
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(onedrive))
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(
        lambda _parent, _title, start, _filter: (offered.append(start), ("", ""))[1]))
    parent = QWidget()
    qtbot.addWidget(parent)
    export_list(AppContext(SYSTEM, tmp_path), "client", parent)
    assert len(offered) == 1 and Path(offered[0]).parent == onedrive
