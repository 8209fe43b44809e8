"""A service record: the description's fields plus participants, volunteers and partners."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.model import ENTITIES, ServiceRecord, SyncedModel
from swdesk.services import display, drafts, records
from swdesk.services.display import row_title
from ui.attachments.strip import AttachmentStrip
from ui.forms.entity_form import EntityForm
from ui.pages.form_page import back_button, page_header, scrolled
from ui.reports.print_actions import print_record
from ui.shell.context import AppContext
from ui.widgets.link_picker import LinkPicker

translate = QCoreApplication.translate


# Set by the group's and the activity's own pages, which keep their records: not typed here.
LINKED_BY_THEIR_PAGES = ("work_group", "activity")
SESSION_ONLY = ("session_no", "observations")  # what only a group's session has


def hidden_links(record: ServiceRecord | None) -> tuple[str, ...]:
    """The fields this page does not show for ``record`` (None: a new one)."""
    if record is not None and record.work_group_id is not None:
        return LINKED_BY_THEIR_PAGES
    return LINKED_BY_THEIR_PAGES + SESSION_ONLY


class PeopleTable(QGroupBox):
    """A picker line that adds chosen rows to a small table (with extra columns to type in)."""

    changed = Signal()

    def __init__(self, title: str, entity: str, extra: list[str], parent: QWidget) -> None:
        super().__init__(title, parent)
        self.entity = entity
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.picker = LinkPicker(entity, self)
        self.picker.setObjectName(f"pick_{entity}")
        self.extra_edits: list[QLineEdit] = []
        row.addWidget(self.picker, 2)
        for n, placeholder in enumerate(extra):
            edit = QLineEdit(self)
            edit.setObjectName(f"extra_{entity}_{n}")
            edit.setPlaceholderText(placeholder)
            self.extra_edits.append(edit)
            row.addWidget(edit, 1)
        self.add_button = QPushButton(translate("RecordPage", "添加"), self)
        self.add_button.setObjectName(f"add_{entity}")
        self.add_button.clicked.connect(self.add_current)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.table = QTableWidget(0, 2 + len(extra), self)
        self.table.setHorizontalHeaderLabels(
            [display.name_label(ENTITIES[entity]), *extra, ""])  # (people: 姓名)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(120)
        layout.addWidget(self.table)
        self.ids: list[int] = []
        if not extra:
            self.picker.picked.connect(lambda _id: self.add_current())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_current()  # Enter here adds the row; it must not save the whole record
            return
        super().keyPressEvent(event)

    def add_current(self) -> None:
        row_id = self.picker.value()
        if row_id is None:
            return
        extras = [e.text().strip() for e in self.extra_edits]
        self.add(row_id, self.picker.text(), extras)
        self.picker.clear()
        self.picker.set_value(None)
        for edit in self.extra_edits:
            edit.clear()
        self.picker.setFocus()

    def add(self, row_id: int, title: str, extras: list[str]) -> None:
        if row_id in self.ids:
            return
        n = self.table.rowCount()
        self.table.insertRow(n)
        name = QTableWidgetItem(title)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        self.table.setItem(n, 0, name)
        for k, value in enumerate(extras, start=1):
            self.table.setItem(n, k, QTableWidgetItem(value))
        remove = QPushButton(translate("RecordPage", "移除"), self.table)
        remove.clicked.connect(lambda _=False, rid=row_id: self.remove(rid))
        self.table.setCellWidget(n, self.table.columnCount() - 1, remove)
        self.ids.append(row_id)
        self.changed.emit()

    def remove(self, row_id: int) -> None:
        n = self.ids.index(row_id)
        self.table.removeRow(n)
        self.ids.pop(n)
        self.changed.emit()

    def title_of(self, row_id: int) -> str:
        item = self.table.item(self.ids.index(row_id), 0)
        return item.text() if item is not None else ""

    def rows(self) -> list[tuple[int, list[str]]]:
        out = []
        for n, row_id in enumerate(self.ids):
            extras = []
            for k in range(1, self.table.columnCount() - 1):
                item = self.table.item(n, k)
                extras.append(item.text().strip() if item is not None else "")
            out.append((row_id, extras))
        return out


class RecordPage(QWidget):
    closed = Signal()

    def __init__(self, ctx: AppContext, record_id: int | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("recordPage")
        detail = records.record_detail(record_id) if record_id is not None else None
        self.record: ServiceRecord | None = detail.record if detail else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        title = (translate("RecordPage", "新建服务记录") if self.record is None else
                 translate("RecordPage", "服务记录 · {}").format(row_title(self.record)))
        header, _label = page_header(self, title)
        self.cancel_button = back_button(self, lambda: self.form.cancel())
        self.save_button = QPushButton(translate("RecordPage", "保存（Enter）"), self)
        self.save_button.setProperty("role", "primary")
        if self.record is not None:
            self.print_button = QPushButton(translate("RecordPage", "打印服务记录表"), self)
            self.print_button.setObjectName("printButton")
            record_id_ = int(self.record.id)
            self.print_button.clicked.connect(
                lambda: print_record(record_id_, ctx.handle(), self))
            header.addWidget(self.print_button)
        if self.record is not None and self.record.work_group_id is not None:
            # A group's session: its attendance is ticked from the members on the group's page.
            self.group_button = QPushButton(translate("RecordPage", "打开所属小组"), self)
            self.group_button.setObjectName("openGroup")
            group_id = int(self.record.work_group_id)
            self.group_button.clicked.connect(lambda: ctx.open_row("work_group", group_id))
            header.addWidget(self.group_button)
        header.addWidget(self.cancel_button)
        header.addWidget(self.save_button)
        layout.addLayout(header)

        body = QWidget()
        columns = QHBoxLayout(body)
        # (a new record starts from the core's defaults: today, this station, the worker)
        self.form = EntityForm(ServiceRecord, ctx.actor, ctx.data_dir, self.record,
                               hidden=hidden_links(self.record), parent=body)
        self.form.saver = self._save
        columns.addWidget(self.form, 5)
        side = QVBoxLayout()
        hint = QLabel(translate("RecordPage",
                                "社区活动可不逐一选择参与者，直接在左侧填写参与人次。"), body)
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        self.participants = PeopleTable(translate("RecordPage", "参与的服务对象"), "client", [],
                                        body)
        self.volunteers = PeopleTable(translate("RecordPage", "志愿者及服务时长"), "volunteer",
                                      [translate("RecordPage", "小时")], body)
        self.partners = PeopleTable(translate("RecordPage", "联动资源及贡献"), "partner",
                                    [translate("RecordPage", "贡献内容"),
                                     translate("RecordPage", "折合金额（元）")], body)
        side.addWidget(self.participants)
        side.addWidget(hint)
        side.addWidget(self.volunteers)
        side.addWidget(self.partners)
        # Photos of the service, a signed sheet (a new record's once it is saved).
        self.attachments = AttachmentStrip(
            ctx, "record", int(self.record.id) if self.record is not None else None, body,
            title=translate("AttachmentStrip", "照片与扫描件"))
        side.addWidget(self.attachments)
        side.addStretch(1)
        columns.addLayout(side, 6)
        layout.addWidget(scrolled(body), 1)
        if detail is not None:
            for person in detail.participants:
                self.participants.add(person.id, person.title, [])
            for line in detail.volunteers:
                self.volunteers.add(line.id, line.title, [plain(line.hours)])
            for share in detail.partners:
                self.partners.add(share.id, share.title, [
                    share.contribution, plain(share.value) if share.value is not None else ""])
        self._stored_people = self._people_draft()  # what discarding a draft goes back to
        restored = self._restore_people(
            drafts.load_draft(ctx.data_dir, self.form.draft_key) or {})
        self._people_changed = restored
        if restored:
            self.form.mark_dirty()
        self.form.extra_draft = self._people_draft
        for table in (self.participants, self.volunteers, self.partners):
            table.changed.connect(self._mark_changed)
        self.save_button.clicked.connect(self.form.save)
        self.form.saved.connect(self._saved)
        self.form.cancelled.connect(self.closed)
        self.form.draft_discarded.connect(self._draft_discarded)

    def _draft_discarded(self) -> None:
        self._restore_people(self._stored_people)
        self._people_changed = False

    def _mark_changed(self) -> None:
        self._people_changed = True
        self.form.mark_dirty()  # so the draft timer keeps the people too

    def _tables(self) -> dict[str, PeopleTable]:
        return {"_participants": self.participants, "_volunteers": self.volunteers,
                "_partners": self.partners}

    def _people_draft(self) -> dict[str, Any]:
        """The people tables as draft entries: [id, name, extras] per row."""
        return {key: [[row_id, table.title_of(row_id), extras] for row_id, extras in table.rows()]
                for key, table in self._tables().items()}

    def _restore_people(self, draft: dict[str, Any]) -> bool:
        restored = False
        for key, table in self._tables().items():
            entries = draft.get(key)
            if not isinstance(entries, list):
                continue
            restored = True
            for row_id in list(table.ids):
                table.remove(row_id)
            for entry in entries:
                if isinstance(entry, list) and len(entry) == 3:
                    table.add(int(entry[0]), str(entry[1]), [str(x) for x in entry[2]])
        return restored

    def _save(self, values: dict[str, Any]) -> SyncedModel:
        return records.save_service_record(
            values,
            participants=self.participants.ids,
            volunteers=[(vid, extras[0]) for vid, extras in self.volunteers.rows()],
            partners=[(pid, extras[0], extras[1] or None)
                      for pid, extras in self.partners.rows()],
            actor=self.ctx.actor,
            record_id=self.record.id if self.record is not None else None,
            base_version=self.record.version if self.record is not None else None)

    def _saved(self, _record_id: int) -> None:
        self._people_changed = False
        self.form.stop_drafts()
        self.ctx.data_changed()
        self.closed.emit()

    def confirm_leave(self) -> bool:
        if self._people_changed and not self.form.is_dirty():
            self.form.mark_dirty()
        return self.form.confirm_leave()

    def keep_draft(self) -> None:
        self.form.keep_draft()

    def focus_first(self) -> None:
        first = self.form.first_field()
        if first is not None:
            first.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.form.keyPressEvent(event)


def plain(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
