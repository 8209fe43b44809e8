"""A group's session as it is recorded: the record's own fields and the attendance,
ticked from the members with one click or Space each."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from swdesk.model import ServiceRecord, SyncedModel, describe
from swdesk.services import groups
from swdesk.services.actor import Actor
from swdesk.services.group_file import GroupFile
from ui.attachments.strip import AttachmentStrip
from ui.forms.entity_form import EntityForm
from ui.shell.context import AppContext

translate = QCoreApplication.translate
SMALL_TILE = 64  # a session's photos: the attendance list needs the height
ID_ROLE = Qt.ItemDataRole.UserRole + 1
# What a session's form asks; the kind, category, field and project come from the group.
SESSION_KEYS = ("session_no", "date", "title", "place", "duration_min", "worker", "content",
                "observations")


class AttendanceList(QListWidget):
    """The members with a tick box each: a click anywhere on a row, or Space, ticks it."""

    ticked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance")

    def fill(self, file: GroupFile, came: set[int]) -> None:
        self.clear()
        for member in file.members:
            text = member.name
            if member.left_on is not None:
                text += translate("GroupPage", "（{} 退出）").format(member.left_on.isoformat())
            item = QListWidgetItem(text, self)
            item.setData(ID_ROLE, member.client_id)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                          | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if member.client_id in came
                               else Qt.CheckState.Unchecked)
        if self.count():
            self.setCurrentRow(0)

    def toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.ticked.emit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is not None and event.button() == Qt.MouseButton.LeftButton:
            self.setCurrentItem(item)
            self.toggle(item)  # the whole row, not only the little box
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and self.currentItem() is not None:
            self.toggle(self.currentItem())
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # Enter saves the session, as from any one-line field
            return
        super().keyPressEvent(event)

    def checked_ids(self) -> list[int]:
        return [int(self.item(n).data(ID_ROLE)) for n in range(self.count())
                if self.item(n).checkState() == Qt.CheckState.Checked]

    def set_all(self, on: bool) -> None:
        for n in range(self.count()):
            self.item(n).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.ticked.emit()


class SessionForm(EntityForm):
    """The record's fields for one session; its draft is the group's, not a record's."""

    def __init__(self, group_id: int, actor: Actor, data_dir: Path,
                 record: ServiceRecord | None, defaults: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        self.group_id = group_id
        hidden = [f.key for f in describe(ServiceRecord).form_fields
                  if f.key not in SESSION_KEYS]
        super().__init__(ServiceRecord, actor, data_dir, record, hidden=hidden,
                         defaults=defaults, parent=parent)

    @property
    def draft_key(self) -> str:
        which = self.row.id if self.row is not None else "new"
        return f"work_group-{self.group_id}-session-{which}"


class SessionEditor(QWidget):
    """One session being recorded or edited: its form beside the attendance."""

    saved = Signal(int)

    def __init__(self, file: GroupFile, actor: Actor, data_dir: Path,
                 record: ServiceRecord | None, parent: QWidget | None = None, *,
                 ctx: AppContext | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionEditor")
        self.file = file
        self.actor = actor
        self.record = record
        group = file.group
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        number = groups.next_session_no(int(group.id))
        defaults = {} if record is not None else {
            "session_no": number, "worker": group.worker_id,
            "title": translate("GroupPage", "{} 第{}节").format(group.name, number)}
        self.form = SessionForm(int(group.id), actor, data_dir, record, defaults, self)
        self.form.saver = self._save
        self.form.saved.connect(self.saved)
        row.addWidget(self.form, 3)
        side = QVBoxLayout()
        title = QLabel(translate("GroupPage", "出席组员（单击或空格勾选）"), self)
        title.setProperty("role", "sectionTitle")
        side.addWidget(title)
        self.attendance = AttendanceList(self)
        came: set[int] = set()
        guests = 0
        if record is not None:
            line = next((s for s in file.sessions if s.record_id == record.id), None)
            if line is not None:
                came = set(line.attendance)
                guests = max(0, line.headcount - len(line.attendance))
        self.attendance.fill(file, came)
        self.attendance.ticked.connect(self._changed)
        side.addWidget(self.attendance, 1)
        buttons = QHBoxLayout()
        self.all_button = QPushButton(translate("GroupPage", "全部出席"), self)
        self.all_button.setObjectName("allPresent")
        self.all_button.clicked.connect(lambda: self.attendance.set_all(True))
        self.none_button = QPushButton(translate("GroupPage", "全部清除"), self)
        self.none_button.clicked.connect(lambda: self.attendance.set_all(False))
        buttons.addWidget(self.all_button)
        buttons.addWidget(self.none_button)
        side.addLayout(buttons)
        guests_row = QHBoxLayout()
        guests_label = QLabel(translate("GroupPage", "非组员参与人数"), self)
        self.guests = QSpinBox(self)
        self.guests.setObjectName("guests")
        self.guests.setRange(0, 999)
        self.guests.setValue(guests)
        guests_label.setBuddy(self.guests)
        self.guests.valueChanged.connect(self._changed)
        guests_row.addWidget(guests_label)
        guests_row.addWidget(self.guests)
        side.addLayout(guests_row)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("attendanceCount")
        side.addWidget(self.count_label)
        self.attachments: AttachmentStrip | None = None
        if ctx is not None:  # the session's photos and signed attendance sheet
            self.attachments = AttachmentStrip(
                ctx, "record", int(record.id) if record is not None else None, self,
                title=translate("AttachmentStrip", "本节照片与签到表"),
                tile=SMALL_TILE)  # (the attendance above keeps its rows in sight)
            side.addWidget(self.attachments)
        row.addLayout(side, 2)
        QWidget.setTabOrder(self.form.editors["observations"].focus_widget(), self.attendance)
        self._count()

    def show_members(self, file: GroupFile) -> None:
        """The members again (one added or removed meanwhile), the ticks kept."""
        self.file = file
        came = set(self.attendance.checked_ids())
        row = self.attendance.currentRow()
        self.attendance.fill(file, came)
        if 0 <= row < self.attendance.count():
            self.attendance.setCurrentRow(row)
        self._count()

    def _count(self) -> None:
        came = len(self.attendance.checked_ids())
        self.count_label.setText(translate("GroupPage", "出席 {} 人，参与人次 {}").format(
            came, came + self.guests.value()))

    def _changed(self) -> None:
        self._count()
        self.form.mark_dirty()  # leaving asks first, as for a typed field

    def _save(self, values: dict[str, Any]) -> SyncedModel:
        return groups.save_session(
            int(self.file.group.id), values, self.attendance.checked_ids(), self.actor,
            guests=self.guests.value(),
            record_id=int(self.record.id) if self.record is not None else None,
            base_version=self.record.version if self.record is not None else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.form.keyPressEvent(event)  # Enter saves, Esc leaves (asking if unsaved)
