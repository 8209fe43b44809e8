"""同步: the station's data to the city and the city's answer back, by file packages.

Status (enrolment, what waits for the city's acknowledgement, the sync folder),
export / import / automatic sync through the sync folder (off the GUI thread via
``ui.ops``), the history of packages and the conflicts a person settles.
Everything it does is a core call in ``swdesk.sync`` (the CLI calls the same).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError
from swdesk.handle import StationHandle
from swdesk.numbers import grouped
from swdesk.services.display import unbroken
from swdesk.sync import apply, enrolment, export, folder, state, views
from ui import ops
from ui.errors import report, show_error
from ui.pages.form_page import page_header
from ui.sync.enrol_confirm import confirm_fingerprint
from ui.sync.models import ConflictTableModel, PackageTableModel

translate = QCoreApplication.translate

_OK = "color: #2e7d32; font-weight: bold;"
_WAIT = "color: #b26a00; font-weight: bold;"
_BAD = "color: #c62828; font-weight: bold;"


def _named(widget: Any, name: str) -> Any:
    widget.setObjectName(name)
    return widget


def _table(parent: QWidget, name: str) -> QTableView:
    view = _named(QTableView(parent), name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


class SyncPage(QWidget):
    """The 同步 page. ``data_changed`` fires after an import or a settled conflict."""

    data_changed = Signal()

    def __init__(self, station: StationHandle, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncPage")
        # The shared style gives buttons no disabled look; here it matters (not enrolled,
        # share not reachable), so the page adds one.
        self.setStyleSheet(
            "QPushButton:disabled { color: #a0a8b2; background: #f3f5f8; border-color: #dde2e8; }"
            "QPushButton[role=\"primary\"]:disabled { color: #ffffff; background: #a9c1dc;"
            " border-color: #a9c1dc; }")
        self.station = station
        self.actor = station.actor
        self.data_dir = station.data_dir
        self.task: ops.Task | None = None
        self.overview: views.Overview | None = None
        self._folder_checks = 0  # (a check's answer counts only if no later one started)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        header, _title = page_header(self, translate("SyncPage", "同步"))
        self.refresh_button = _named(QPushButton(translate("SyncPage", "刷新"), self),
                                     "refreshButton")
        header.addWidget(self.refresh_button)
        outer.addLayout(header)
        intro = QLabel(translate("SyncPage", "本站的数据以加密的同步包交给市民政局，"
                                 "市级平台的回执包确认收到的每一条记录。"
                                 "包可以用U盘带去，也可以放在同步文件夹（网络共享）里。"), self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        outer.addWidget(intro)
        outer.addSpacing(4)

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self._status_box(), 3)
        top.addWidget(self._actions_box(), 2)
        outer.addLayout(top)

        self.result_label = _named(QLabel("", self), "resultLabel")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setStyleSheet(
            "QLabel#resultLabel { background: #eaf3fb; border: 1px solid #c3dcf2;"
            " border-radius: 4px; padding: 6px 8px; color: #1f2d3d; }")
        self.result_label.hide()
        outer.addWidget(self.result_label)

        self.tabs = _named(QTabWidget(self), "syncTabs")
        self.packages = PackageTableModel(self)
        self.history_view = _table(self.tabs, "historyView")
        self.history_view.setModel(self.packages)
        self.tabs.addTab(self.history_view, translate("SyncPage", "同步包记录"))
        self.tabs.addTab(self._conflicts_tab(), translate("SyncPage", "待处理冲突"))
        outer.addWidget(self.tabs, 1)

        self.refresh_button.clicked.connect(self.refresh)
        self.refresh()

    # --- building ---------------------------------------------------------------------------

    def _status_box(self) -> QGroupBox:
        box = QGroupBox(translate("SyncPage", "同步状态"), self)
        grid = QGridLayout(box)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(8)
        self.summary_label = _named(QLabel("", box), "summaryLabel")
        self.summary_label.setWordWrap(True)
        grid.addWidget(self.summary_label, 0, 0, 1, 3)
        rows = ((translate("SyncPage", "市级平台"), "enrolLabel"),
                (translate("SyncPage", "本站的变更"), "pendingLabel"),
                (translate("SyncPage", "上次发送"), "lastOutLabel"),
                (translate("SyncPage", "上次回执"), "lastInLabel"),
                (translate("SyncPage", "同步文件夹"), "folderLabel"))
        self.status_labels: dict[str, QLabel] = {}
        for n, (caption, name) in enumerate(rows, start=1):
            label = QLabel(caption, box)
            label.setProperty("role", "muted")
            grid.addWidget(label, n, 0, Qt.AlignmentFlag.AlignTop)
            value = _named(QLabel("", box), name)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(value, n, 1)
            self.status_labels[name] = value
        self.enrol_button = _named(QPushButton(translate("SyncPage", "导入登记文件…"), box),
                                   "enrolButton")
        self.enrol_button.setProperty("role", "primary")
        self.enrol_button.clicked.connect(self.enrol)
        grid.addWidget(self.enrol_button, 1, 2)
        self.folder_button = _named(QPushButton(translate("SyncPage", "设置…"), box),
                                    "folderButton")
        self.folder_button.clicked.connect(self.choose_folder)
        grid.addWidget(self.folder_button, 5, 2)
        self.clear_folder_button = _named(QPushButton(translate("SyncPage", "清除"), box),
                                          "clearFolderButton")
        self.clear_folder_button.setToolTip(translate(
            "SyncPage", "不再使用同步文件夹（文件夹里的文件不动）"))
        self.clear_folder_button.clicked.connect(self.clear_folder)
        grid.addWidget(self.clear_folder_button, 5, 3)
        grid.setColumnStretch(1, 1)
        return box

    def _actions_box(self) -> QGroupBox:
        box = QGroupBox(translate("SyncPage", "操作"), self)
        layout = QVBoxLayout(box)
        layout.setSpacing(8)

        def button(text: str, name: str, hint: str, slot: Callable[[], None]) -> QPushButton:
            b = _named(QPushButton(text, box), name)
            b.setToolTip(hint)
            b.clicked.connect(slot)
            layout.addWidget(b)
            return b

        self.export_button = button(
            translate("SyncPage", "导出数据包…"), "exportButton",
            translate("SyncPage", "把市级平台尚未确认的全部变更写成一个同步包，"
                                  "保存到选择的文件夹（如U盘）"),
            self.export_to_chosen)
        self.export_button.setProperty("role", "primary")
        self.export_folder_button = button(
            translate("SyncPage", "导出到同步文件夹"), "exportFolderButton",
            translate("SyncPage", "把同步包写到设置好的同步文件夹"), self.export_to_folder)
        self.import_button = button(
            translate("SyncPage", "导入回执包…"), "importButton",
            translate("SyncPage", "选择市级平台发回的回执包（swdesk-return-….swpkg）"),
            self.import_chosen)
        self.auto_button = button(
            translate("SyncPage", "自动同步"), "autoButton",
            translate("SyncPage", "现在使用同步文件夹：导入其中新的回执包，再写出同步包"),
            self.auto_sync)
        layout.addStretch(1)
        return box

    def _conflicts_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(6, 6, 6, 6)
        self.conflicts = ConflictTableModel(self)
        self.conflict_view = _table(tab, "conflictView")
        self.conflict_view.setModel(self.conflicts)
        self.conflict_view.selectionModel().currentRowChanged.connect(self._conflict_chosen)
        layout.addWidget(self.conflict_view, 1)

        panel = QFrame(tab)
        grid = QGridLayout(panel)
        grid.setContentsMargins(0, 4, 0, 0)
        self.conflict_label = _named(QLabel("", panel), "conflictLabel")
        self.conflict_label.setWordWrap(True)
        grid.addWidget(self.conflict_label, 0, 0, 1, 5)
        self.keep_local_button = _named(QPushButton(translate("SyncPage", "采用本站的值"), panel),
                                        "keepLocalButton")
        self.keep_city_button = _named(QPushButton(translate("SyncPage", "采用市级的值"), panel),
                                       "keepCityButton")
        self.new_value = _named(QLineEdit(panel), "newValueEdit")
        self.new_value.setPlaceholderText(translate("SyncPage", "或填写新的值"))
        self.new_value_button = _named(QPushButton(translate("SyncPage", "采用新值"), panel),
                                       "newValueButton")
        self.dismiss_button = _named(
            QPushButton(translate("SyncPage", "已修正，结束此项"), panel), "dismissButton")
        self.dismiss_button.setToolTip(translate(
            "SyncPage", "被拒收的记录请先在相应页面改正，再结束此项；改正会随下一个同步包发出"))
        grid.addWidget(self.keep_local_button, 1, 0)
        grid.addWidget(self.keep_city_button, 1, 1)
        grid.addWidget(self.new_value, 1, 2)
        grid.addWidget(self.new_value_button, 1, 3)
        grid.addWidget(self.dismiss_button, 1, 4)
        grid.setColumnStretch(2, 1)
        layout.addWidget(panel)

        self.keep_local_button.clicked.connect(lambda: self._settle("local"))
        self.keep_city_button.clicked.connect(lambda: self._settle("city"))
        self.new_value_button.clicked.connect(lambda: self._settle("value"))
        self.new_value.returnPressed.connect(lambda: self._settle("value"))
        self.dismiss_button.clicked.connect(lambda: self._settle("dismiss"))
        return tab

    # --- showing ----------------------------------------------------------------------------

    def page_shown(self) -> None:
        if self.task is None:
            self.refresh()

    def refresh(self) -> None:
        """Read status, history and conflicts again (quick reads, on the GUI thread); the
        sync folder is looked at through ``ops`` (a share that does not answer takes
        Windows up to a minute, which would freeze the window)."""
        try:
            self.overview = views.overview(check_folder=False)
            packages = views.packages()
            conflicts = views.conflicts(self.actor)
        except SwdeskError as exc:
            report(self, exc)
            return
        self._show_status(self.overview)
        self._check_folder(self.overview.status.folder)
        self.packages.set_items(packages)
        chosen = self.current_conflict()
        self.conflicts.set_items(conflicts)
        for view in (self.history_view, self.conflict_view):
            view.resizeColumnsToContents()
            header = view.horizontalHeader()
            for column in range(header.count() - 1):  # breathing room between columns
                header.resizeSection(column, header.sectionSize(column) + 16)
        self.tabs.setTabText(1, translate("SyncPage", "待处理冲突（{}）").format(
            grouped(len(conflicts))) if conflicts else translate("SyncPage", "待处理冲突"))
        again = next((n for n, c in enumerate(conflicts) if chosen and c.id == chosen.id), 0)
        if conflicts:
            self.conflict_view.selectRow(again)
        self._conflict_chosen()

    def _show_status(self, o: views.Overview) -> None:
        s = o.status
        labels = self.status_labels
        if s.enrolled:
            labels["enrolLabel"].setText(translate("SyncPage", "{}（已登记，本站 {}）").format(
                s.city, unbroken(s.station)))
        else:
            labels["enrolLabel"].setText(translate(
                "SyncPage", "本站 {} 尚未登记到市级平台。请向市民政局索取登记文件，再导入。")
                .format(unbroken(s.station)))
        self.enrol_button.setVisible(not s.enrolled)
        words = views.status_words(s)  # (the core's words: no change numbers)
        labels["pendingLabel"].setText(words.waiting)
        labels["lastOutLabel"].setText(words.last_out)
        labels["lastInLabel"].setText(words.last_in)
        if not s.folder:
            labels["folderLabel"].setText(translate("SyncPage", "未设置"))
        elif o.folder_reachable is None:
            labels["folderLabel"].setText(translate("SyncPage", "{}（正在检查…）").format(s.folder))
        elif o.folder_reachable:
            labels["folderLabel"].setText(translate("SyncPage", "{}（可访问）").format(s.folder))
        else:
            labels["folderLabel"].setText(translate(
                "SyncPage", "{}（现在无法访问：网络共享未连接？）").format(s.folder))
        if not s.enrolled:
            summary, style = translate("SyncPage", "尚未登记：登记后才能导出同步包"), _BAD
        elif s.conflicts:
            summary, style = translate("SyncPage", "有 {} 个冲突待处理（见下方“待处理冲突”）")\
                .format(grouped(s.conflicts)), _BAD
        else:
            summary, style = words.summary, (_OK if s.all_acknowledged else _WAIT)
        self.summary_label.setText(summary)
        self.summary_label.setStyleSheet(style)
        for b in (self.export_button, self.import_button):
            b.setEnabled(s.enrolled)
        usable = s.enrolled and bool(o.folder_reachable)
        self.clear_folder_button.setEnabled(bool(s.folder))
        self.export_folder_button.setEnabled(usable)
        self.auto_button.setEnabled(usable)

    def _check_folder(self, path: str) -> None:
        self._folder_checks += 1
        if not path:
            return
        check = self._folder_checks

        def checked(reachable: bool) -> None:
            if check == self._folder_checks and self.overview is not None:  # (not stale)
                self.overview = replace(self.overview, folder_reachable=reachable)
                self._show_status(self.overview)

        ops.run_task(self, translate("SyncPage", "正在检查同步文件夹…"),
                     lambda _control: views.folder_reachable(path), checked,
                     cancellable=False)

    def current_conflict(self) -> views.ConflictItem | None:
        index = self.conflict_view.currentIndex()
        item: views.ConflictItem | None = self.conflicts.item_at(index.row()) \
            if index.isValid() else None
        return item

    def _conflict_chosen(self, *_args: object) -> None:
        c = self.current_conflict()
        if c is None:
            self.conflict_label.setText(translate("SyncPage", "没有待处理的冲突。")
                                        if not self.conflicts.items else
                                        translate("SyncPage", "请选择一项。"))
        elif c.kind == "rejected":
            self.conflict_label.setText(translate(
                "SyncPage", "市级平台拒收了{}“{}”：{}。"
                            "请在相应页面改正这条记录，再点“已修正，结束此项”。")
                .format(c.entity_label, c.record, c.reason))
        elif c.field == "deleted":
            self.conflict_label.setText(translate(
                "SyncPage", "{}“{}”：一方删除了这条记录，另一方修改了它。"
                            "核对后点“已修正，结束此项”。")
                .format(c.entity_label, c.record))
        else:
            self.conflict_label.setText(translate(
                "SyncPage", "{}“{}”的{}：本站为 {}，市级为 {}（原为 {}）。"
                            "请选择保留哪一个，或填写新的值。")
                .format(c.entity_label, c.record, c.field_label, c.local_text, c.city_text,
                        c.base_text or translate("SyncPage", "（空）")))
        choosable = c is not None and c.choosable
        self.keep_local_button.setEnabled(choosable)
        self.keep_city_button.setEnabled(choosable)
        typeable = c is not None and c.typeable
        self.new_value.setEnabled(typeable)
        self.new_value_button.setEnabled(typeable)
        self.dismiss_button.setEnabled(c is not None and not choosable)

    # --- actions ----------------------------------------------------------------------------

    def enrol(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, translate("SyncPage", "选择登记文件"), "",
            translate("SyncPage", "登记文件 (*.json);;所有文件 (*)"))
        if not name:
            return
        try:
            offer = enrolment.inspect(Path(name))
            if not offer.known_key and not confirm_fingerprint(self, offer):
                return
            # the core checks the confirmed fingerprint against the file once more
            ident = enrolment.enrol(Path(name), self.actor, offer.fingerprint,
                                    new_city_key=offer.new_key)
        except SwdeskError as exc:
            report(self, exc)
            return
        self._say(translate("SyncPage", "已登记到 {}。市级密钥指纹 {}；本站密钥指纹 {}"
                            "（可与市民政局电话核对）").format(
            ident.city_name, ident.city_keys.fingerprint(), ident.keys.public().fingerprint()))
        self.refresh()

    def choose_folder(self) -> None:
        start = self.overview.status.folder if self.overview else ""
        name = QFileDialog.getExistingDirectory(
            self, translate("SyncPage", "选择同步文件夹（如网络共享）"), start)
        if not name:
            return
        actor = self.actor

        def chosen(path: Path) -> None:
            self._say(translate("SyncPage", "同步文件夹已设为 {}").format(path))

        # (resolving a share's name asks its server: off the GUI thread)
        self._run(translate("SyncPage", "正在检查同步文件夹…"),
                  lambda _control: folder.set_folder(name, actor), chosen)

    def clear_folder(self) -> None:
        try:
            folder.set_folder(None, self.actor)
        except SwdeskError as exc:
            report(self, exc)
            return
        self._say(translate("SyncPage", "已不再使用同步文件夹；同步包请导出到选定的文件夹。"))
        self.refresh()

    def export_to_chosen(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, translate("SyncPage", "选择保存同步包的文件夹（如U盘）"), "")
        if name:
            self._export(lambda: Path(name))

    def export_to_folder(self) -> None:
        self._export(folder.require)

    def _export(self, target: Callable[[], Path]) -> None:
        def work(control: ops.TaskControl) -> export.Exported:
            return export.export_package(self.station, target(), _reporting(control),
                                         plan=export.ExportPlan.station_program())

        def done(result: export.Exported) -> None:
            self._say(translate("SyncPage", "已写出同步包 {}（第 {} 号包，{} 条记录）。"
                                "请把它交给市民政局。").format(
                result.path, grouped(result.number), grouped(result.rows)))

        self._run(translate("SyncPage", "正在写出同步包…"), work, done, cancellable=True)

    def import_chosen(self) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self, translate("SyncPage", "选择回执包"), "",
            translate("SyncPage", "同步回执包 (*.swpkg);;所有文件 (*)"))
        if not name:
            return

        def work(control: ops.TaskControl) -> apply.Imported:
            return apply.import_return(Path(name), self.actor, _reporting(control))

        def done(result: apply.Imported) -> None:
            self._say(self._imported_text(result))
            self.data_changed.emit()

        self._run(translate("SyncPage", "正在导入回执包…"), work, done, cancellable=True)

    def auto_sync(self) -> None:
        def done(result: folder.AutoResult) -> None:
            lines = [self._imported_text(r) for r in result.imported]
            lines += [translate("SyncPage", "未导入 {}：{}").format(n, m)  # (refused before)
                      for n, m in result.skipped]
            if result.exported is not None:
                lines.append(translate("SyncPage", "已写出同步包 {}（{} 条记录）").format(
                    result.exported.path.name, grouped(result.exported.rows)))
            self._say("\n".join(lines))
            if result.imported:
                self.data_changed.emit()
            if result.refused:
                show_error(self, "\n".join(translate("SyncPage", "未导入 {}：{}").format(n, m)
                                           for n, m in result.refused))

        self._run(translate("SyncPage", "正在通过同步文件夹同步…"),
                  lambda _control: folder.auto(self.station,
                                               export.ExportPlan.station_program()), done)

    def _imported_text(self, r: apply.Imported) -> str:
        if r.status == "duplicate":
            return translate("SyncPage", "回执包第 {} 号已经导入过，未作改动").format(r.number)
        return translate("SyncPage", "已导入回执包第 {} 号：确认 {} 条记录，更正 {} 条，"
                         "新冲突 {} 个，参考数据 {} 项").format(
            r.number, *(grouped(n) for n in (sum(r.acks.values()), r.corrected, r.conflicts,
                                             r.reference)))

    def _run(self, title: str, work: Callable[[ops.TaskControl], Any],
             done: Callable[[Any], None], *, cancellable: bool = False) -> None:
        if self.task is not None:
            return  # one sync at a time: the buttons stay busy until it reports back

        def finished(result: Any) -> None:
            self.task = None
            done(result)
            self.refresh()

        def failed(exc: BaseException) -> None:
            self.task = None
            self.refresh()
            report(self, exc)

        self.task = ops.run_task(self, title, work, finished, on_error=failed,
                                 cancellable=cancellable)

    def _settle(self, how: str) -> None:
        c = self.current_conflict()
        if c is None:
            return
        try:
            if how == "value":
                views.resolve_typed(c.id, self.new_value.text(), self.actor)
            else:
                state.resolve(c.id, how, self.actor)
        except SwdeskError as exc:
            report(self, exc)
            return
        self.new_value.clear()
        self._say(translate("SyncPage", "已处理：{}。结果将随下一个同步包发给市级平台。").format(
            c.description))
        self.refresh()
        self.data_changed.emit()

    def _say(self, text: str) -> None:
        self.result_label.setText(text)
        self.result_label.setVisible(bool(text))


def _reporting(control: ops.TaskControl) -> Callable[[int, int], None]:
    """A core progress callback that moves the bar and stops on cancel (nothing written)."""
    def progress(done: int, total: int) -> None:
        control.check()
        control.progress(done, total)
    return progress
