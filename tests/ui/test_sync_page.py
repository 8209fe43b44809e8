"""The 同步 page driven as a station head would: enrol, export, import, auto, settle conflicts."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))

from synchelp import Station, make_city, table_counts
from ui_helpers import answer_box, on_box

from swdesk.city.corrections import correct
from swdesk.city.db import City
from swdesk.city.enroll import enroll_station
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.db import StationDatabase
from swdesk.handle import StationHandle
from swdesk.model import AuditEntry, Client, database
from swdesk.model.sync import SyncConflict, SyncKey, SyncPackage
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, crypto, enrolment, export, state
from tests.stations import here
from ui import ops
from ui.sync.models import ConflictTableModel, PackageTableModel
from ui.sync.sync_page import SyncPage


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[City]:
    city = make_city(tmp_path, "sqlite")
    yield city
    city.close()


@pytest.fixture
def station(tmp_path: Path, hub: City) -> Iterator[Station]:
    s = Station(tmp_path, "XM-SM-001", hub, clients=20, records=40, seed=3)
    yield s
    s.close()


def _page(qtbot: QtBot, station: StationHandle) -> SyncPage:
    page = SyncPage(station)
    qtbot.addWidget(page)
    page.resize(1180, 760)
    page.show()
    return page


def _click(qtbot: QtBot, page: SyncPage, button: object) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.task is None and ops.running() == 0, timeout=20000)


def _choose_folder(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))


def _choose_file(monkeypatch: pytest.MonkeyPatch, file: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(file), ""))


def _cell(view: object, row: int, column: int) -> str:
    model = view.model()  # type: ignore[attr-defined]
    return str(model.data(model.index(row, column)))


def test_a_new_station_enrols_from_the_page(qtbot: QtBot, monkeypatch, tmp_path: Path,
                                            hub: City, sdb: StationDatabase) -> None:
    page = _page(qtbot, StationHandle.of(sdb))
    assert page.enrol_button.isVisible() and not page.export_button.isEnabled()
    assert "尚未登记" in page.summary_label.text()
    _choose_file(monkeypatch, enroll_station(hub, "XM-SM-001", "嘉莲街道社工站",
                                             tmp_path / "enrol.json"))
    seen = answer_box(qtbot, "登记", tick=True)  # the person ticks: the fingerprint matches
    _click(qtbot, page, page.enrol_button)
    fingerprint = hub.keys.public().fingerprint()
    assert fingerprint in seen[0] and "厦门市民政局" in seen[0]
    assert "已登记到 厦门市民政局" in page.result_label.text()
    assert not page.enrol_button.isVisible() and page.export_button.isEnabled()
    assert "厦门市民政局" in page.status_labels["enrolLabel"].text()
    assert SyncKey.get_or_none(SyncKey.name == "station_sign") is not None


def _unticked(button_text: str) -> list[bool]:
    """On the next box: whether ``button_text`` is enabled before and after ticking; then
    cancel."""
    states: list[bool] = []

    def look(box: QMessageBox) -> None:
        [go] = [b for b in box.buttons() if b.text() == button_text]
        states.append(go.isEnabled())
        box.checkBox().click()
        states.append(go.isEnabled())
        [cancel] = [b for b in box.buttons() if b.text() == "取消"]
        cancel.click()

    on_box(look)
    return states


def test_enrolment_waits_for_the_fingerprint_to_be_ticked(
        qtbot: QtBot, monkeypatch, tmp_path: Path, hub: City, sdb: StationDatabase) -> None:
    page = _page(qtbot, StationHandle.of(sdb))
    _choose_file(monkeypatch, enroll_station(hub, "XM-SM-001", "嘉莲街道社工站",
                                             tmp_path / "enrol.json"))
    states = _unticked("登记")
    _click(qtbot, page, page.enrol_button)
    assert states == [False, True]  # cancelled after ticking: still nothing written
    assert list(SyncKey.select()) == [] and page.enrol_button.isVisible()


def test_a_different_city_key_is_a_warning_and_audited_when_taken(
        qtbot: QtBot, monkeypatch, tmp_path: Path, hub: City, station: Station) -> None:
    page = _page(qtbot, station.handle())
    new = crypto.KeyPair.generate()
    doc, _token = enrolment.make_enrolment(hub.city_id, hub.name, new, "XM-SM-001", "嘉莲")
    (tmp_path / "new.json").write_text(json.dumps(doc), encoding="utf-8")
    _choose_file(monkeypatch, tmp_path / "new.json")
    seen = answer_box(qtbot, "取消")
    page.enrol()
    assert hub.keys.public().fingerprint() in seen[0] and new.public().fingerprint() in seen[0]
    assert enrolment.identity().city_keys == hub.keys.public()
    answer_box(qtbot, "更换密钥并登记", tick=True)
    page.enrol()
    assert enrolment.identity().city_keys == new.public()
    last = AuditEntry.select().order_by(AuditEntry.id.desc()).get()
    assert last.action == "sync-city-key"


@pytest.mark.parametrize("parallel_from", [10**12, 1])  # (1: with the second process)
def test_export_ingest_return_and_import_through_the_page(
        qtbot: QtBot, monkeypatch, tmp_path: Path, hub: City, station: Station,
        parallel_from: int) -> None:
    monkeypatch.setattr(export, "PARALLEL_FROM", parallel_from)
    page = _page(qtbot, station.handle())
    # In words a worker reads: what waits to be sent, not change numbers.
    waiting = state.status().pending
    assert page.summary_label.text() == f"{waiting:,} 条变更等待发送"
    assert page.status_labels["pendingLabel"].text() == f"{waiting:,} 条变更等待发送"
    assert page.status_labels["lastOutLabel"].text() == "还没有发送过"
    stick = tmp_path / "stick"
    _choose_folder(monkeypatch, stick)
    _click(qtbot, page, page.export_button)
    [pkg] = stick.glob("swdesk-XM-SM-001-*.swpkg")
    assert "已写出同步包" in page.result_label.text()
    assert page.packages.rowCount() == 1
    assert _cell(page.history_view, 0, 3) == pkg.name and _cell(page.history_view, 0, 5) == "已写出"
    assert "变更序号" not in [page.packages.headerData(c, Qt.Orientation.Horizontal)
                          for c in range(page.packages.columnCount())]
    assert re.fullmatch(r"\d{1,2}月\d{1,2}日 \d\d:\d\d，第 1 号包",
                        page.status_labels["lastOutLabel"].text())
    assert page.status_labels["pendingLabel"].text() == (
        f"没有等待发送的变更；另有 {waiting:,} 条已发送，等待市级平台确认")
    assert page.summary_label.text() == f"{waiting:,} 条变更已发送，等待市级平台确认"
    assert re.fullmatch(r"\d{1,2}月\d{1,2}日 \d\d:\d\d", _cell(page.history_view, 0, 0))

    assert ingest(hub, pkg).status == "applied"
    ret = write_return(hub, "XM-SM-001", tmp_path / "back")
    _choose_file(monkeypatch, ret.path)
    with qtbot.waitSignal(page.data_changed):
        _click(qtbot, page, page.import_button)
    assert "已导入回执包第 1 号" in page.result_label.text()
    assert page.summary_label.text() == "✓ 全部变更均已被市级平台确认"
    assert page.status_labels["pendingLabel"].text() == (
        "没有等待发送的变更，发送过的都已被市级平台确认")
    assert "第 1 号回执包" in page.status_labels["lastInLabel"].text()
    assert [_cell(page.history_view, r, 1) for r in range(2)] == ["市级回执", "发往市级"]
    st = state.status()
    assert st.all_acknowledged and st.acked_seq == st.last_seq and st.last_in == 1
    assert [p.status for p in SyncPackage.select().order_by(SyncPackage.id)] == [
        "written", "applied"]
    clients = table_counts(database.obj, ["client"])["client"]
    assert table_counts(hub.db, ["c_client"])["c_client"] == clients == 20


def test_a_damaged_return_package_is_refused_with_a_box(
        qtbot: QtBot, monkeypatch, tmp_path: Path, hub: City, station: Station) -> None:
    ingest(hub, export.export_package(here(), tmp_path / "out").path)
    ret = write_return(hub, "XM-SM-001", tmp_path / "back")
    bad = tmp_path / "bad.swpkg"
    bad.write_bytes(ret.path.read_bytes()[:-200])
    page = _page(qtbot, station.handle())
    _choose_file(monkeypatch, bad)
    seen = answer_box(qtbot, "OK")
    _click(qtbot, page, page.import_button)
    qtbot.waitUntil(lambda: bool(seen))
    assert "Traceback" not in seen[0] and seen[0]
    assert not state.status().all_acknowledged and state.status().last_in == 0
    assert not SyncPackage.select().where(SyncPackage.direction == "in").exists()


def test_sync_folder_is_set_and_used_by_auto_sync(
        qtbot: QtBot, monkeypatch, tmp_path: Path, hub: City, station: Station) -> None:
    page = _page(qtbot, station.handle())
    assert page.status_labels["folderLabel"].text() == "未设置"
    assert not page.auto_button.isEnabled() and not page.export_folder_button.isEnabled()
    share = tmp_path / "share"
    share.mkdir()
    _choose_folder(monkeypatch, share)
    _click(qtbot, page, page.folder_button)
    assert "可访问" in page.status_labels["folderLabel"].text()
    _click(qtbot, page, page.auto_button)
    [pkg] = share.glob("swdesk-XM-SM-001-*.swpkg")
    ingest(hub, pkg)
    write_return(hub, "XM-SM-001", share)
    _click(qtbot, page, page.auto_button)
    assert "已导入回执包第 1 号" in page.result_label.text()
    assert len(list(share.glob("swdesk-XM-SM-001-*.swpkg"))) == 2
    assert state.status().acked_seq > 0 and page.packages.rowCount() == 3
    for f in share.iterdir():
        f.unlink()
    share.rmdir()  # the share goes away: the page says so and the folder buttons rest
    page.refresh()
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert "无法访问" in page.status_labels["folderLabel"].text()
    assert not page.auto_button.isEnabled()
    assert page.clear_folder_button.isEnabled()
    _click(qtbot, page, page.clear_folder_button)  # no longer used: forgotten, audited
    assert page.status_labels["folderLabel"].text() == "未设置"
    assert not page.clear_folder_button.isEnabled() and not page.export_folder_button.isEnabled()
    assert "不再使用同步文件夹" in page.result_label.text()
    assert state.status().folder in ("", None)


def _conflicts(hub: City, station: Station, tmp_path: Path) -> list[str]:
    """Two clients whose phone both the station and the city changed differently."""
    uids = [crud.create(Client, {"name": name, "community": "莲花社区", "phone": "13800001111"},
                        SYSTEM).uid for name in ("陈阿婆", "林阿伯")]

    def round_trip() -> None:
        ingest(hub, export.export_package(here(), tmp_path / "out").path)
        apply.import_return(write_return(hub, station.code, tmp_path / "ret").path)

    round_trip()
    for uid, city_phone, ours in zip(uids, ("13700007777", "13700008888"),
                                     ("13900002222", "13900003333"), strict=True):
        correct(hub, "client", uid, {"phone": city_phone})
        crud.update(Client, uid, {"phone": ours}, SYSTEM)
    round_trip()
    return uids


def _select_conflict(qtbot: QtBot, page: SyncPage, record: str) -> None:
    view = page.conflict_view
    for row in range(page.conflicts.rowCount()):
        if record in _cell(view, row, 1):
            rect = view.visualRect(page.conflicts.index(row, 1))
            qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert page.current_conflict().record == record
            return
    raise AssertionError(f"no conflict for {record}")


def test_conflicts_are_settled_in_the_table(qtbot: QtBot, tmp_path: Path, hub: City,
                                            station: Station) -> None:
    a, b = _conflicts(hub, station, tmp_path)
    page = _page(qtbot, station.handle())
    assert page.tabs.tabText(1) == "待处理冲突（2）" and "2 个冲突" in page.summary_label.text()
    page.tabs.setCurrentIndex(1)
    [row] = [r for r in range(2) if "陈阿婆" in _cell(page.conflict_view, r, 1)]
    assert [_cell(page.conflict_view, row, c) for c in (0, 2, 3, 4, 5)] == [
        "字段冲突", "联系电话", "13900002222", "13700007777", "13800001111"]

    _select_conflict(qtbot, page, "陈阿婆")
    assert "本站为 13900002222，市级为 13700007777" in page.conflict_label.text()
    assert not page.dismiss_button.isEnabled()
    with qtbot.waitSignal(page.data_changed):
        qtbot.mouseClick(page.keep_city_button, Qt.MouseButton.LeftButton)
    assert Client.get(Client.uid == a).phone == "13700007777"
    assert page.conflicts.rowCount() == 1 and page.tabs.tabText(1) == "待处理冲突（1）"

    _select_conflict(qtbot, page, "林阿伯")
    qtbot.keyClicks(page.new_value, "12")  # not a phone number: refused, nothing written
    seen = answer_box(qtbot, "OK")
    qtbot.mouseClick(page.new_value_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen))
    assert "联系电话" in seen[0]
    assert Client.get(Client.uid == b).phone == "13900003333"
    assert page.conflicts.rowCount() == 1
    page.new_value.clear()
    qtbot.keyClicks(page.new_value, "13512345678")
    qtbot.keyClick(page.new_value, Qt.Key.Key_Return)
    assert Client.get(Client.uid == b).phone == "13512345678"
    assert page.conflicts.rowCount() == 0 and page.tabs.tabText(1) == "待处理冲突"
    assert {c.row_uid: c.resolution for c in SyncConflict.select()} == {a: "city", b: "value"}
    assert "没有待处理的冲突" in page.conflict_label.text()
    assert not page.keep_local_button.isEnabled()


def test_a_conflict_on_a_record_deleted_since_is_settled_in_the_table(
        qtbot: QtBot, tmp_path: Path, hub: City, station: Station) -> None:
    a, _b = _conflicts(hub, station, tmp_path)
    crud.delete(Client, a, SYSTEM)  # deleted here after the conflict was listed
    page = _page(qtbot, station.handle())
    page.tabs.setCurrentIndex(1)
    _select_conflict(qtbot, page, "陈阿婆（已删除）")
    assert page.keep_city_button.isEnabled()
    with qtbot.waitSignal(page.data_changed):  # settled, no error box
        qtbot.mouseClick(page.keep_city_button, Qt.MouseButton.LeftButton)
    row = Client.get(Client.uid == a)
    assert (row.phone, row.deleted) == ("13700007777", True)  # decided, still deleted
    assert page.conflicts.rowCount() == 1 and "已处理" in page.result_label.text()


def test_the_tables_pass_the_model_tester(qtmodeltester: object, qtbot: QtBot, tmp_path: Path,
                                          hub: City, station: Station) -> None:
    _conflicts(hub, station, tmp_path)
    page = _page(qtbot, station.handle())
    assert page.packages.rowCount() == 4 and page.conflicts.rowCount() == 2
    qtmodeltester.check(page.packages)  # type: ignore[attr-defined]
    qtmodeltester.check(page.conflicts)  # type: ignore[attr-defined]
    empty_packages, empty_conflicts = PackageTableModel(), ConflictTableModel()
    qtmodeltester.check(empty_packages)  # type: ignore[attr-defined]
    qtmodeltester.check(empty_conflicts)  # type: ignore[attr-defined]


def test_the_page_audits_as_the_signed_in_person(
        qtbot: QtBot, monkeypatch, tmp_path: Path, hub: City, station: Station) -> None:
    from swdesk.model import AuditEntry
    from swdesk.services import journal
    from swdesk.services.actor import Actor

    page = SyncPage(station.handle(Actor("wang", "head")))
    qtbot.addWidget(page)
    page.show()
    share = tmp_path / "share"
    share.mkdir()
    _choose_folder(monkeypatch, share)
    _click(qtbot, page, page.folder_button)
    _click(qtbot, page, page.auto_button)
    [pkg] = share.glob("swdesk-XM-SM-001-*.swpkg")
    ingest(hub, pkg)
    ret = write_return(hub, "XM-SM-001", tmp_path / "back")
    _choose_file(monkeypatch, ret.path)
    _click(qtbot, page, page.import_button)
    entries = [(e.actor, e.action) for e in AuditEntry.select().where(
        AuditEntry.action.startswith("sync-") | (AuditEntry.row_uid == "sync_folder"))
        .order_by(AuditEntry.id)]
    assert entries == [("system", "sync-enrol"), ("wang", "setting"), ("wang", "sync-export"),
                       ("wang", "sync-import")]
    assert journal.verify_audit_chain() == []


def test_a_share_that_does_not_answer_never_holds_the_window(
        qtbot: QtBot, monkeypatch, tmp_path: Path, station: Station) -> None:
    """Windows takes up to a minute to give up on a \\\\server\\share whose server is
    off: the page looks at the folder through ops, never on the GUI thread."""
    import threading

    from swdesk.sync import folder

    share = tmp_path / "share"
    share.mkdir()
    page = _page(qtbot, station.handle())
    _choose_folder(monkeypatch, share)
    _click(qtbot, page, page.folder_button)
    answer = threading.Event()
    asked_on: list[threading.Thread] = []
    real = folder.reachable

    def slow_share(path: Path | None) -> bool:
        asked_on.append(threading.current_thread())
        answer.wait(timeout=3)  # (the server does not answer until told)
        return real(path)

    monkeypatch.setattr(folder, "reachable", slow_share)
    page.refresh()  # returns at once: the check waits elsewhere
    assert "正在检查" in page.status_labels["folderLabel"].text()
    assert not page.auto_button.isEnabled()
    qtbot.waitUntil(lambda: bool(asked_on))
    assert asked_on[0] is not threading.main_thread()
    answer.set()
    qtbot.waitUntil(lambda: ops.running() == 0)
    assert "可访问" in page.status_labels["folderLabel"].text()
    assert page.auto_button.isEnabled()


def _wrapped(label: QLabel, width: int) -> list[str]:
    """The lines a word-wrapped label's text falls into at ``width`` pixels."""
    text = label.text()
    layout = QTextLayout(text, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()])
    layout.endLayout()
    return [line.replace("\u2060", "") for line in lines]


def test_the_station_code_is_never_broken_across_lines(qtbot: QtBot, station: Station) -> None:
    page = _page(qtbot, station.handle())
    page.resize(1024 - 168, 690)  # beside the sidebar on a 1024-wide screen
    qtbot.wait(20)
    label = page.status_labels["enrolLabel"]
    assert label.wordWrap() and "XM-SM-001" in label.text().replace("\u2060", "")
    # "XM-\nSM-001" was seen at 1024 wide: at any width the code stays on one line.
    for width in range(80, max(label.contentsRect().width(), 300) + 1, 4):
        assert any("XM-SM-001" in line for line in _wrapped(label, width)), width
