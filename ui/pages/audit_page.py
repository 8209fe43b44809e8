"""审计: the audit log for administrators — filter by user, action and dates; verify the chain.

The table reads the log a page at a time (:class:`AuditTableModel`); the check
runs off the GUI thread through :mod:`ui.ops` because it reads every entry.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from swdesk.numbers import grouped
from swdesk.services import audit_log
from swdesk.services.audit_log import AuditFilter, AuditReport
from ui import ops
from ui.models.audit_table import AuditTableModel
from ui.pages.form_page import page_header
from ui.shell.context import AppContext

translate = QCoreApplication.translate

_GOOD = "background: #e3f2e8; color: #1b5e20; border: 1px solid #b5dcc2;" \
        " border-radius: 4px; padding: 8px 10px;"
_BAD = "background: #fdecea; color: #8e1c1c; border: 1px solid #f5c2c0;" \
       " border-radius: 4px; padding: 8px 10px;"



class AuditPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.task: ops.Task | None = None
        self.last_report: AuditReport | None = None
        self.setObjectName("auditPage")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header, _title = page_header(self, translate("AuditPage", "审计日志"))
        self.count_label = QLabel(self)
        self.count_label.setProperty("role", "muted")
        header.addWidget(self.count_label)
        layout.addLayout(header)
        intro = QLabel(translate(
            "AuditPage", "每次登录、新建、修改、删除、导出、打印和同步都记录在此。记录之间以哈希值"
            "首尾相连，任何一条被改动或删除都能校验出来。"), self)
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        layout.addWidget(intro)
        layout.addLayout(self._filter_bar())

        self.result_label = QLabel(self)
        self.result_label.setObjectName("auditResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()
        layout.addWidget(self.result_label)

        self.model = AuditTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        head = self.table.horizontalHeader()
        for column, width in enumerate((150, 90, 100, 110)):
            self.table.setColumnWidth(column, width)
        # 记录 and 详情 share the rest: on a 1024-wide screen a fixed 记录 left 详情 a
        # sliver ("字段：…").
        head.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self._fill_choices()
        self._update_count()

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.user_combo = QComboBox(self)
        self.user_combo.setObjectName("auditUser")
        self.user_combo.setMinimumWidth(130)
        self.action_combo = QComboBox(self)
        self.action_combo.setObjectName("auditAction")
        self.action_combo.setMinimumWidth(140)
        self.date_check = QCheckBox(translate("AuditPage", "日期"), self)
        self.date_check.setObjectName("auditDateCheck")
        today = QDate.currentDate()
        self.since_edit = self._date_edit("auditSince", today.addDays(-30))
        self.until_edit = self._date_edit("auditUntil", today)
        self.refresh_button = QPushButton(translate("AuditPage", "刷新"), self)
        self.refresh_button.setObjectName("auditRefresh")
        self.verify_button = QPushButton(translate("AuditPage", "校验审计链"), self)
        self.verify_button.setObjectName("auditVerify")
        self.verify_button.setProperty("role", "primary")
        self.verify_button.setToolTip(translate(
            "AuditPage", "逐条核对哈希链，并与最近的备份比对，"
                                         "找出被改动或删除的记录"))
        for label, widget in ((translate("AuditPage", "用户"), self.user_combo),
                              (translate("AuditPage", "操作"), self.action_combo)):
            bar.addWidget(QLabel(label, self))
            bar.addWidget(widget)
        bar.addSpacing(8)
        bar.addWidget(self.date_check)
        bar.addWidget(self.since_edit)
        bar.addWidget(QLabel(translate("AuditPage", "至"), self))
        bar.addWidget(self.until_edit)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.verify_button)
        self.user_combo.currentIndexChanged.connect(self.apply_filter)
        self.action_combo.currentIndexChanged.connect(self.apply_filter)
        self.date_check.toggled.connect(self._dates_toggled)
        self.since_edit.dateChanged.connect(self.apply_filter)
        self.until_edit.dateChanged.connect(self.apply_filter)
        self.refresh_button.clicked.connect(self.refresh)
        self.verify_button.clicked.connect(self.verify)
        return bar

    def _date_edit(self, name: str, date: QDate) -> QDateEdit:
        edit = QDateEdit(date, self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setEnabled(False)
        return edit

    # --- filters ------------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """The users and actions that occur in the log, keeping the current choice."""
        user, action = self.user_combo.currentData(), self.action_combo.currentData()
        for combo in (self.user_combo, self.action_combo):
            combo.blockSignals(True)
            combo.clear()
        self.user_combo.addItem(translate("AuditPage", "全部用户"), "")
        for username, name in audit_log.actor_choices():
            self.user_combo.addItem(name, username)
        self.action_combo.addItem(translate("AuditPage", "全部操作"), "")
        for code, label in audit_log.actions():
            self.action_combo.addItem(label, code)
        for combo, value in ((self.user_combo, user), (self.action_combo, action)):
            combo.setCurrentIndex(max(combo.findData(value), 0) if value else 0)
            combo.blockSignals(False)

    def current_filter(self) -> AuditFilter:
        dates = self.date_check.isChecked()
        return AuditFilter(
            actor=str(self.user_combo.currentData() or ""),
            action=str(self.action_combo.currentData() or ""),
            since=self.since_edit.date().toPython() if dates else None,  # type: ignore[arg-type]
            until=self.until_edit.date().toPython() if dates else None,  # type: ignore[arg-type]
        )

    def _dates_toggled(self, on: bool) -> None:
        self.since_edit.setEnabled(on)
        self.until_edit.setEnabled(on)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._update_count()

    def _update_count(self) -> None:
        total = audit_log.count(self.model.filter)
        self.count_label.setText(translate("AuditPage", "共 {} 条").format(grouped(total)))

    def refresh(self) -> None:
        """Entries written since the page was opened, and any new users or actions."""
        self._fill_choices()
        self.apply_filter()

    def page_shown(self) -> None:
        self.refresh()

    # --- the check ----------------------------------------------------------------------

    def verify(self) -> None:
        if self.task is not None:
            return
        data_dir = self.ctx.data_dir
        self.verify_button.setEnabled(False)
        self.task = ops.run_task(
            self, translate("AuditPage", "正在校验审计链…"),
            lambda _control: audit_log.verify(audit_log.comparison_backup(data_dir)),
            self._verified, on_error=self._verify_failed, cancellable=False)

    def _verify_failed(self, exc: BaseException) -> None:
        from ui.errors import report

        self.task = None
        self.verify_button.setEnabled(True)
        report(self, exc)

    def _verified(self, result: AuditReport) -> None:
        self.task = None
        self.verify_button.setEnabled(True)
        self.last_report = result
        if result.intact:
            text = translate("AuditPage", "✔ 审计链完好：共 {} 条记录，没有发现改动或删除。"
                             ).format(result.entries)
            if result.compared_with is not None:
                text += translate("AuditPage", "已与备份 {} 比对。").format(
                    result.compared_with.name)
            self.result_label.setStyleSheet(_GOOD)
            self.model.set_broken([])
        else:
            lines = [translate("AuditPage", "✘ 审计链不完整，日志可能被改动过：")] + [
                f"  • {p}" for p in result.problems()[:8]]
            if len(result.problems()) > 8:
                lines.append(translate("AuditPage", "  …… 另有 {} 处").format(
                    len(result.problems()) - 8))
            text = "\n".join(lines)
            self.result_label.setStyleSheet(_BAD)
            self.model.set_broken(result.broken + [next_id for _gap_start, next_id in result.gaps])
            if result.broken:
                row = self.model.row_of(result.broken[0])
                if row >= 0:
                    self.table.scrollTo(self.model.index(row, 0))
        self.result_label.setText(text)
        self.result_label.show()
