"""A group (小组) opened: its plan, members, sessions with attendance, pre/post, summary."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import ServiceRecord, WorkGroup
from swdesk.services import crud, groups
from swdesk.services.group_file import GroupFile
from ui.errors import report
from ui.forms.editors import FieldDateEdit, SaveablePlainText
from ui.forms.entity_form import EntityForm
from ui.forms.questionnaire_dialog import QuestionnaireDialog
from ui.pages.form_page import FormPage, back_button, page_header, scrolled
from ui.pages.group_sessions import SessionEditor
from ui.reports.print_actions import print_group
from ui.shell.context import AppContext
from ui.widgets.link_picker import LinkPicker

translate = QCoreApplication.translate
# Set by ending the group (the summary tab), never typed into its plan.
END_FIELDS = ("ended_on", "summary")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _date(day: object) -> str:
    return day.isoformat() if day is not None and hasattr(day, "isoformat") else ""


def _table(parent: QWidget, name: str, headings: list[str], stretch: int = 0,
           kind: type[QTableWidget] = QTableWidget) -> QTableWidget:
    """A read-only table; column ``stretch`` (a name, a title) takes the room left."""
    table = kind(0, len(headings), parent)
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headings)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def _fill(table: QTableWidget, rows: list[tuple[int, list[str]]]) -> None:
    table.setRowCount(len(rows))
    for r, (row_id, cells) in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setData(ID_ROLE, row_id)
            if c and text.lstrip("+-").isdigit():
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
            table.setItem(r, c, item)


class MemberTable(QTableWidget):
    """The members; Delete takes the selected one out."""

    remove_requested = Signal(int)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        if event.key() == Qt.Key.Key_Delete and item is not None:
            self.remove_requested.emit(int(item.data(ID_ROLE)))
            return
        super().keyPressEvent(event)


class GroupPage(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, group_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("groupPage")
        self.file: GroupFile = groups.group_file(group_id, ctx.actor)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        header, self.title_label = page_header(self, self._title())
        self.print_button = QPushButton(translate("GroupPage", "打印"), self)
        self.print_button.setObjectName("printButton")
        self.print_button.setMenu(self._print_menu())
        self.back_button = back_button(self, self.leave)
        self.save_button = QPushButton(translate("GroupPage", "保存计划（Enter）"), self)
        self.save_button.setProperty("role", "primary")
        header.addWidget(self.print_button)
        header.addWidget(self.back_button)
        header.addWidget(self.save_button)
        layout.addLayout(header)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("groupTabs")
        layout.addWidget(self.tabs, 1)

        self.plan = EntityForm(WorkGroup, ctx.actor, ctx.data_dir, self.file.group,
                               hidden=END_FIELDS, parent=self)
        # (the version the form was loaded from: a plan edited while a session changed
        # the group's status is refused as stale rather than putting the old one back)
        self.plan.saver = lambda values: groups.save_group(
            values, ctx.actor, int(self.file.group.id),
            self.plan.row.version if self.plan.row is not None else None)
        self.plan.saved.connect(lambda _id: self.reload())
        self.plan.cancelled.connect(self.leave)
        self.save_button.clicked.connect(self.plan.save)
        self.tabs.addTab(scrolled(self.plan), translate("GroupPage", "小组计划"))
        self.tabs.addTab(self._members_tab(), "")
        self.tabs.addTab(self._sessions_tab(), "")
        self.tabs.addTab(self._measures_tab(), translate("GroupPage", "前后测"))
        self.tabs.addTab(self._summary_tab(), translate("GroupPage", "小组总结"))
        self.session: SessionEditor | None = None
        self.reload(reread=False)
        self.new_session()

    def _title(self) -> str:
        group = self.file.group
        return translate("GroupPage", "小组 {} · {}").format(group.group_no, group.name)

    def _print_menu(self) -> QMenu:
        menu = QMenu(self)
        for kind, text in (("plan", translate("GroupPage", "小组计划书")),
                           ("session", translate("GroupPage", "小组节次记录（全部）")),
                           ("summary", translate("GroupPage", "小组总结")),
                           ("file", translate("GroupPage", "小组档案（全部合一）"))):
            action = menu.addAction(text)
            action.setObjectName(f"print_{kind}")
            action.triggered.connect(lambda _=False, k=kind: print_group(
                k, str(self.file.group.group_no), self.ctx.handle(), self))
        return menu

    # --- members --------------------------------------------------------------------------

    def _members_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.picker = LinkPicker("client", tab)
        self.picker.setObjectName("memberPicker")
        self.picker.picked.connect(lambda _id: self.add_member())
        self.add_button = QPushButton(translate("GroupPage", "添加组员"), tab)
        self.add_button.setObjectName("addMember")
        self.add_button.clicked.connect(self.add_member)
        row.addWidget(QLabel(translate("GroupPage", "添加组员："), tab))
        row.addWidget(self.picker, 1)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.member_error = QLabel(tab)
        self.member_error.setObjectName("memberError")
        self.member_error.setProperty("role", "fieldError")
        self.member_error.hide()
        layout.addWidget(self.member_error)
        self.members = _table(tab, "members", [
            translate("GroupPage", "组员"), translate("GroupPage", "入组日期"),
            translate("GroupPage", "退出日期"), translate("GroupPage", "出席节数")],
            kind=MemberTable)
        assert isinstance(self.members, MemberTable)
        self.members.remove_requested.connect(self.remove_member)
        layout.addWidget(self.members, 1)
        buttons = QHBoxLayout()
        self.remove_button = QPushButton(translate("GroupPage", "移除选中组员（Delete）"), tab)
        self.remove_button.setObjectName("removeMember")
        self.remove_button.clicked.connect(self._remove_selected)
        buttons.addWidget(self.remove_button)
        hint = QLabel(translate(
            "GroupPage", "已出席过活动的组员移除后保留在名单中，并记下退出日期。"), tab)
        hint.setProperty("role", "muted")
        buttons.addWidget(hint, 1)
        layout.addLayout(buttons)
        return tab

    def add_member(self) -> None:
        client_id = self.picker.value()
        if client_id is None and not self.picker.pick_first():
            return
        client_id = self.picker.value()
        if client_id is None:
            return
        try:
            groups.add_member(int(self.file.group.id), client_id, self.ctx.actor)
        except ValidationError as exc:
            self.member_error.setText(str(exc))
            self.member_error.show()
            return
        except SwdeskError as exc:
            report(self, exc)
            return
        self.member_error.hide()
        self.picker.clear()
        self.picker.set_value(None)
        self.picker.setFocus()
        self.reload()

    def _remove_selected(self) -> None:
        item = self.members.currentItem()
        if item is not None:
            self.remove_member(int(item.data(ID_ROLE)))

    def remove_member(self, member_id: int) -> None:
        try:
            groups.remove_member(member_id, self.ctx.actor)
        except SwdeskError as exc:
            report(self, exc)
            return
        self.reload()

    # --- sessions -------------------------------------------------------------------------

    def _sessions_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        row = QHBoxLayout()
        self.sessions = _table(tab, "sessions", [
            translate("GroupPage", "节次"), translate("GroupPage", "日期"),
            translate("GroupPage", "主题"), translate("GroupPage", "出席组员"),
            translate("GroupPage", "参与人次")], stretch=2)
        self.sessions.setMaximumHeight(170)
        self.sessions.itemActivated.connect(
            lambda item: self.open_session(int(item.data(ID_ROLE))))
        row.addWidget(self.sessions, 1)
        side = QVBoxLayout()
        self.new_session_button = QPushButton(translate("GroupPage", "新增一节"), tab)
        self.new_session_button.setObjectName("newSession")
        self.new_session_button.clicked.connect(self.new_session)
        self.save_session_button = QPushButton(translate("GroupPage", "保存本节（Enter）"), tab)
        self.save_session_button.setObjectName("saveSession")
        self.save_session_button.setProperty("role", "primary")
        self.save_session_button.clicked.connect(self._save_session)
        side.addWidget(self.new_session_button)
        side.addWidget(self.save_session_button)
        side.addStretch(1)
        row.addLayout(side)
        layout.addLayout(row)
        self.session_title = QLabel(tab)
        self.session_title.setProperty("role", "sectionTitle")
        layout.addWidget(self.session_title)
        self.session_area = QVBoxLayout()
        layout.addLayout(self.session_area, 1)
        return tab

    def _show_session(self, record: ServiceRecord | None, ask: bool = True) -> None:
        if self.session is not None:
            if ask and not self.session.form.confirm_leave():
                return
            self.session.form.stop_drafts()
            self.session_area.removeWidget(self.session)
            self.session.deleteLater()
        self.session = SessionEditor(self.file, self.ctx.actor, self.ctx.data_dir, record,
                                     self, ctx=self.ctx)
        self.session.saved.connect(self._session_saved)
        self.session.form.cancelled.connect(self.leave)
        self.session_area.addWidget(self.session)
        self.session_title.setText(
            translate("GroupPage", "新增一节") if record is None else
            translate("GroupPage", "第 {} 节（修改）").format(record.session_no))

    def new_session(self) -> None:
        self._show_session(None)
        if self.session is not None and self.tabs.currentIndex() == 2:
            self.session.form.first_field().setFocus()  # type: ignore[union-attr]

    def open_session(self, record_id: int) -> None:
        self._show_session(crud.get(ServiceRecord, record_id))

    def _save_session(self) -> None:
        if self.session is not None:
            self.session.form.save()

    def _session_saved(self, _record_id: int) -> None:
        self.reload()
        self.ctx.data_changed()
        self._show_session(None, ask=False)  # saved: on to the next one
        if self.session is not None:
            self.session.form.first_field().setFocus()  # type: ignore[union-attr]

    # --- pre/post and summary --------------------------------------------------------------

    def _measures_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.measures = _table(tab, "measures", [
            translate("GroupPage", "组员"), translate("GroupPage", "前测得分"),
            translate("GroupPage", "前测结果"), translate("GroupPage", "后测得分"),
            translate("GroupPage", "后测结果"), translate("GroupPage", "变化")])
        layout.addWidget(self.measures, 1)
        buttons = QHBoxLayout()
        for phase, text in (("pre", translate("GroupPage", "填写前测…")),
                            ("post", translate("GroupPage", "填写后测…"))):
            button = QPushButton(text, tab)
            button.setObjectName(f"{phase}Test")
            button.clicked.connect(lambda _=False, p=phase: self.measure(p))
            buttons.addWidget(button)
        hint = QLabel(translate(
            "GroupPage", "选中一位组员再填写；每人取最近一次前测和后测。"), tab)
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        buttons.addWidget(hint, 1)
        layout.addLayout(buttons)
        return tab

    def measure(self, phase: str) -> None:
        """Fill in the selected member's pre- or post-test on the group's scale."""
        item = self.measures.currentItem()
        if item is None:
            report(self, ValidationError(translate("GroupPage", "请先选中一位组员")))
            return
        try:
            dialog = QuestionnaireDialog(
                self.ctx.actor, groups.measure_scale(self.file.group), phase=phase,
                client_id=int(item.data(ID_ROLE)), work_group_id=int(self.file.group.id),
                parent=self)
        except SwdeskError as exc:
            report(self, exc)
            return
        if dialog.exec() and dialog.saved_id is not None:
            self.reload()

    def _summary_tab(self) -> QWidget:
        tab = QWidget(self)
        layout = QVBoxLayout(tab)
        self.held_label = QLabel(tab)
        self.held_label.setObjectName("heldLabel")
        layout.addWidget(self.held_label)
        form = QFormLayout()
        self.ended_on = FieldDateEdit(QDate.currentDate(), tab)
        self.ended_on.setObjectName("endedOn")
        self.ended_on.setCalendarPopup(True)
        self.ended_on.setDisplayFormat("yyyy-MM-dd")
        self.summary = SaveablePlainText(tab)
        self.summary.setObjectName("groupSummary")
        self.summary.setFixedHeight(160)
        self.summary.save_requested.connect(self.end_group)
        form.addRow(translate("GroupPage", "结束日期"), self.ended_on)
        form.addRow(translate("GroupPage", "小组总结"), self.summary)
        layout.addLayout(form)
        self.summary_error = QLabel(tab)
        self.summary_error.setObjectName("summaryError")
        self.summary_error.setProperty("role", "fieldError")
        self.summary_error.setWordWrap(True)
        self.summary_error.hide()
        layout.addWidget(self.summary_error)
        self.end_button = QPushButton(translate("GroupPage", "结束小组（Ctrl+Enter）"), tab)
        self.end_button.setObjectName("endGroup")
        self.end_button.clicked.connect(self.end_group)
        row = QHBoxLayout()
        row.addWidget(self.end_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        group = self.file.group
        if group.summary:
            self.summary.setPlainText(group.summary)
        if group.ended_on:
            day = group.ended_on
            self.ended_on.setDate(QDate(day.year, day.month, day.day))
        return tab

    def end_group(self) -> None:
        try:
            groups.end_group(int(self.file.group.id),
                             self.ended_on.date().toString("yyyy-MM-dd"),
                             self.summary.toPlainText(), self.ctx.actor)
        except ValidationError as exc:
            self.summary_error.setText("\n".join(exc.errors.values()) or str(exc))
            self.summary_error.show()
            return
        except SwdeskError as exc:
            report(self, exc)
            return
        self.summary_error.hide()
        self.reload()  # (the plan shows 已结束 now)
        self.ctx.data_changed()

    # --- the whole page -------------------------------------------------------------------

    def reload(self, reread: bool = True) -> None:
        """Read the group again and show it (after any action on the page)."""
        if reread:
            self.file = groups.group_file(int(self.file.group.id), self.ctx.actor)
            if not self.plan.is_dirty():  # a first session made it 进行中
                self.plan.show_saved(self.file.group)
        file = self.file
        self.title_label.setText(self._title())
        rows = [(m.member_id, [m.name, _date(m.joined_on), _date(m.left_on), str(m.attended)])
                for m in file.members]
        _fill(self.members, rows)
        _fill(self.sessions, [(s.record_id, [str(s.session_no or ""), _date(s.date), s.title,
                                             str(len(s.attendance)), str(s.headcount)])
                              for s in file.sessions])
        missing = translate("GroupPage", "未测")
        _fill(self.measures, [(m.client_id, [
            m.name, missing if m.pre is None else str(m.pre), m.pre_band,
            missing if m.post is None else str(m.post), m.post_band,
            "" if m.change is None else f"{m.change:+d}" if m.change else "0"])
            for m in file.measures])
        planned = "—" if file.planned is None else str(file.planned)
        self.held_label.setText(translate("GroupPage", "已开展 {} 节 / 计划 {} 节；组员 {} 人")
                                .format(file.held, planned, len(file.members)))
        self.tabs.setTabText(1, translate("GroupPage", "组员（{}）").format(len(file.members)))
        self.tabs.setTabText(2, translate("GroupPage", "活动节次（{}）").format(file.held))
        if self.session is not None:
            self.session.show_members(file)

    def leave(self) -> None:
        if self.confirm_leave():
            self.plan.stop_drafts()
            if self.session is not None:
                self.session.form.stop_drafts()
            self.closed.emit()

    def confirm_leave(self) -> bool:
        if self.session is not None and not self.session.form.confirm_leave():
            return False
        return self.plan.confirm_leave()

    def keep_draft(self) -> None:
        self.plan.keep_draft()
        if self.session is not None:
            self.session.form.keep_draft()

    def focus_first(self) -> None:
        first = self.plan.first_field()
        if first is not None:
            first.setFocus()


def group_detail(ctx: AppContext, group_id: int | None) -> QWidget:
    """The group's page, or for a new group its plan form (then its page once saved)."""
    if group_id is not None:
        return GroupPage(ctx, group_id)
    page = FormPage(WorkGroup, ctx, hidden=END_FIELDS)  # (planned, from today, the worker)
    page.saved.connect(lambda row_id: ctx.open_row("work_group", row_id))
    return page
