"""The lazy list model, the background-task helper, and switching the window's language."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot
from ui_helpers import answer_box, rows_read

from swdesk import i18n
from swdesk.errors import ValidationError
from swdesk.model import Client, ServiceRecord, Setting
from swdesk.services import crud, lists
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.records import save_service_record
from ui import ops
from ui.main_window import MainWindow
from ui.models import lazy_table
from ui.models.lazy_table import LazyTableModel
from ui.shell.context import AppContext

ROOT = Path(__file__).resolve().parents[2]


def make_clients(n: int) -> list[int]:
    return [crud.create(Client, {"name": f"测试{i:03d}", "phone": f"1390000{i:04d}"},
                        SYSTEM).id for i in range(n)]


def test_lazy_model_passes_the_model_tester(qtmodeltester: object, qtbot: QtBot,
                                            admin: AppContext) -> None:
    make_clients(30)
    model = LazyTableModel(lists.ListQuery("client"), admin.actor)
    qtmodeltester.check(model)  # type: ignore[attr-defined]  # (rows still "…")
    qtbot.waitUntil(lambda: ops.running() == 0)  # the rows arrive: dataChanged checked too
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount() == 30 and model.index(29, 0).data() == "测试029"


def test_lazy_model_fetches_blocks_and_keeps_a_bounded_cache(
        monkeypatch: pytest.MonkeyPatch, qtbot: QtBot, admin: AppContext) -> None:
    monkeypatch.setattr(lazy_table, "BLOCK", 10)
    monkeypatch.setattr(lazy_table, "MAX_BLOCKS", 3)
    ids = make_clients(60)
    model = LazyTableModel(lists.ListQuery("client"), admin.actor)
    # The ids come from the background too: none on the GUI thread, no count yet.
    assert model.rowCount() == 0 and model.total() is None
    with qtbot.waitSignal(model.total_changed):
        pass
    assert model.total() == 60
    assert model.cached_blocks() == 0  # opening reads ids only
    for row in range(0, 60, 10):
        assert model.index(row, 0).data() == "…"  # until the block arrives
        qtbot.waitUntil(lambda: ops.running() == 0)
        assert model.index(row, 0).data() == f"测试{row:03d}"
    assert model.cached_blocks() == 3
    assert model.index(59, 0).data(LazyTableModel.ID_ROLE) == ids[59]


def test_lazy_model_masks_personal_data_for_a_worker(qtbot: QtBot, admin: AppContext) -> None:
    make_clients(1)
    phone_col = [c.key for c in lists.list_columns("client")].index("phone")
    worker = LazyTableModel(lists.ListQuery("client"), Actor("lihua", "worker"))
    rows_read(qtbot, worker)
    assert worker.index(0, phone_col).data() == "139****0000"
    head = LazyTableModel(lists.ListQuery("client"), admin.actor)
    rows_read(qtbot, head)
    assert head.index(0, phone_col).data() == "13900000000"


def test_lazy_model_sorts_in_sql_and_shows_sync_state(qtbot: QtBot, admin: AppContext) -> None:
    for name in ("王芳", "李华", "张晓明"):
        crud.create(Client, {"name": name}, SYSTEM)
    model = LazyTableModel(lists.ListQuery("client"), admin.actor)
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "name" and model.query.descending
    rows_read(qtbot, model)
    names = [model.index(r, 0).data() for r in range(3)]
    assert names == ["张晓明", "王芳", "李华"]  # pinyin order (zhang, wang, li), backwards
    state = model.index(0, model.columnCount() - 1).data()
    assert state == "未发送"


def test_record_list_filters_by_category_and_date(qtbot: QtBot, window: MainWindow) -> None:
    today = dt.date.today()
    for category, day in (("jinglao", today), ("fuyou", today),
                          ("jinglao", today - dt.timedelta(days=40))):
        save_service_record({"date": day, "kind": "community", "category": category,
                             "field": "welfare", "title": "活动", "headcount": 20},
                            [], [], [], SYSTEM)
    page = window.go("service_record").list_page  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: page.model.total() == 3)
    combo = page.filters["category"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("jinglao"))
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    page.date_from.setDate(page.date_from.date().currentDate().addDays(-7))
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert ServiceRecord.live().count() == 3  # filters only read


def test_run_task_returns_on_the_gui_thread(qtbot: QtBot) -> None:
    seen: list[object] = []
    worker_threads: list[threading.Thread] = []

    def work(control: ops.TaskControl) -> int:
        worker_threads.append(threading.current_thread())
        control.progress(1, 2)
        return 42

    ops.run_task(None, "测试", work, seen.append)
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert seen == [42]
    assert worker_threads[0] is not threading.main_thread()


def test_run_task_can_be_cancelled(qtbot: QtBot) -> None:
    started = threading.Event()
    done: list[object] = []

    def work(control: ops.TaskControl) -> None:
        started.set()
        while True:
            control.check()

    task = ops.run_task(None, "测试", work, done.append, delay_ms=0)
    assert started.wait(5)
    button = task.dialog.findChild(QPushButton)
    assert button is not None and button.text() == "取消"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert done == [] and task.control.cancelled()


def test_run_task_shows_an_expected_error_in_a_box(qtbot: QtBot) -> None:
    def work(control: ops.TaskControl) -> None:
        raise ValidationError("日期不能晚于今天")

    seen = answer_box(qtbot, "OK")
    ops.run_task(None, "测试", work)
    qtbot.waitUntil(lambda: ops.running() == 0 and bool(seen))
    assert seen == ["日期不能晚于今天"]


def test_run_task_logs_a_bug_and_shows_no_traceback(qtbot: QtBot, caplog: pytest.LogCaptureFixture
                                                    ) -> None:
    def work(control: ops.TaskControl) -> None:
        raise KeyError("secret-internal-detail")

    seen = answer_box(qtbot, "OK")
    ops.run_task(None, "测试", work)
    qtbot.waitUntil(lambda: ops.running() == 0 and bool(seen))
    assert "secret-internal-detail" not in seen[0] and "Traceback" not in seen[0]
    assert "logs/swdesk.log" in seen[0]
    assert any("secret-internal-detail" in r.getMessage() or r.exc_info for r in caplog.records)


def test_switch_to_english_and_back(qtbot: QtBot, window: MainWindow) -> None:
    settings = window.go("settings")
    combo = settings.findChild(QComboBox, "languageCombo")
    assert combo is not None
    combo.setCurrentIndex(combo.findData("en"))
    assert Setting.get(Setting.key == "ui_language").value == "en"
    assert i18n.language() == "en"
    labels = [window.rail.item(n).text() for n in range(window.rail.count())]
    assert "Clients" in labels and "Settings" in labels
    assert window.current_key() == "settings"
    assert window.user_label.text().startswith("User:")
    clients = window.go("client")
    assert clients.list_page.model.headerData(0, Qt.Orientation.Horizontal) == "Name"  # type: ignore[attr-defined]

    settings = window.go("settings")
    combo = settings.findChild(QComboBox, "languageCombo")
    assert combo is not None and combo.currentData() == "en"
    combo.setCurrentIndex(combo.findData("zh"))
    assert Setting.get(Setting.key == "ui_language").value == "zh"
    labels = [window.rail.item(n).text() for n in range(window.rail.count())]
    assert "服务对象" in labels and "设置" in labels
    assert QCoreApplication.translate("Nav", "服务对象") == "服务对象"


def test_english_catalogue_is_complete() -> None:
    """lupdate over ui/ finds nothing untranslated (run on a copy; the shipped .ts stays)."""
    ts = ROOT / "resources" / "translations" / "swdesk_en.ts"
    qm = ROOT / "resources" / "translations" / "swdesk_en.qm"
    assert qm.is_file() and qm.stat().st_size > 0
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "ui").rglob("*.py"))
    copy = Path(__file__).parent / ".lupdate-check.ts"
    try:
        copy.write_bytes(ts.read_bytes())
        out = subprocess.run([str(lupdate), *sources, "-ts", str(copy), "-no-obsolete"],
                             capture_output=True, text=True, check=True, timeout=120)
        text = copy.read_text(encoding="utf-8")
    finally:
        copy.unlink(missing_ok=True)
    assert 'type="unfinished"' not in text, out.stdout


def test_error_box_has_the_friendly_title(qtbot: QtBot) -> None:
    from ui.errors import show_error

    seen = answer_box(qtbot, "OK")
    show_error(None, "数据库已被锁定")
    assert seen == ["数据库已被锁定"]
    assert QMessageBox  # the box is a plain QMessageBox, no traceback widget
