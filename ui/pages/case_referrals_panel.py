"""The referrals (转介) of a case on the case page: a small table, one line to add a
referral and one to record its receipt, all from the keyboard.

Type the organisation, Tab to the reason, Enter adds it (转出 today unless the direction
and date were changed first). In the table, Enter (or a double click) on a referral
brings up its receipt line: the receipt's date, what it said and the result; Enter there
saves it, Esc leaves it. What the core refuses is said under the line, nothing written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError, ValidationError
from swdesk.model import Referral, describe
from swdesk.services import case_closure
from swdesk.services.actor import Actor
from ui.errors import report
from ui.forms.editors import Editor, error_label
from ui.models.item_table import ItemTableModel
from ui.pages.client_page import ROW_HEIGHT
from ui.widgets.row_table import RowTable

translate = QCoreApplication.translate

_KEYS = ("direction", "date", "organisation", "reason", "result", "receipt_on",
         "receipt_note")
_WIDE = (2, 3, 4, 6)  # the texts
TEXT_WIDTH = 160


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value is not None else ""


class ReferralsModel(ItemTableModel):
    headings = _KEYS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The headings are the entity description's labels (already in the language).
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.headings)):
            return describe(Referral).field(_KEYS[section]).label
        return None

    def cell(self, item: case_closure.ReferralLine, column: int, role: int) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        values = (item.direction, _day(item.date), item.organisation, item.reason,
                  item.result, _day(item.receipt_on), item.receipt_note)
        text = values[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if column in _WIDE and text else None
        return text.splitlines()[0] if text else ""


class ReferralsPanel(QWidget):
    """A case's referrals: shown, added, and their receipts recorded through the core."""

    changed = Signal()

    def __init__(self, case_id: int, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.case_id = case_id
        self.actor = actor
        self.receipt_of: int | None = None  # the referral whose receipt is being recorded
        spec = describe(Referral)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel(translate("CaseReferrals", "转介"), self)
        title.setProperty("role", "sectionTitle")
        layout.addWidget(title)

        self.model = ReferralsModel(self)
        # Room for two referrals, five at most: the case's fields scroll above. Seven
        # columns do not fit the page's left column: the table scrolls sideways, each
        # text cut at TEXT_WIDTH (the whole of it in its tool tip).
        self.table = RowTable(self, "referralsTable", self.model, wide=_WIDE, rows=(2, 5),
                              row_height=ROW_HEIGHT, capped=TEXT_WIDTH)
        self.table.row_entered.connect(self.start_receipt)
        layout.addWidget(self.table)

        # The line that adds one: direction, date and organisation; the reason below.
        adding = QGridLayout()
        adding.setContentsMargins(0, 0, 0, 0)
        self.direction = Editor(spec.field("direction"), self)
        self.direction.widget.setObjectName("referralDirection")
        self.direction.widget.setToolTip(spec.field("direction").label)
        self.direction.set_value("out")  # (most referrals are out of the station)
        self.date = Editor(spec.field("date"), self)
        self.date.widget.setObjectName("referralDate")
        self.date.widget.setToolTip(spec.field("date").label)
        self.organisation = QLineEdit(self)
        self.organisation.setObjectName("referralOrganisation")
        self.organisation.setMaxLength(spec.field("organisation").max_length or 100)
        self.organisation.setPlaceholderText(translate("CaseReferrals", "转介机构"))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("referralReason")
        self.reason.setPlaceholderText(translate("CaseReferrals", "转介原因，回车添加"))
        self.add_button = QPushButton(translate("CaseReferrals", "添加转介"), self)
        self.add_button.setObjectName("addReferral")
        self.add_button.clicked.connect(self.add)
        for widget in (self.organisation, self.reason):
            widget.returnPressed.connect(self.add)
        adding.addWidget(self.direction.widget, 0, 0)
        adding.addWidget(self.date.widget, 0, 1)
        adding.addWidget(self.organisation, 0, 2, 1, 2)
        adding.addWidget(self.reason, 1, 0, 1, 3)
        adding.addWidget(self.add_button, 1, 3)
        adding.setColumnStretch(2, 1)
        self.adding = QWidget(self)
        self.adding.setLayout(adding)
        layout.addWidget(self.adding)
        self.error = error_label(self, "referralError")
        layout.addWidget(self.error)

        # The receipt line, shown for the referral chosen in the table.
        self.receipt_box = QWidget(self)
        self.receipt_box.setObjectName("receiptBox")
        receipt = QGridLayout(self.receipt_box)
        receipt.setContentsMargins(0, 0, 0, 0)
        self.receipt_title = QLabel(self.receipt_box)
        self.receipt_title.setObjectName("receiptTitle")
        self.receipt_on = Editor(spec.field("receipt_on"), self.receipt_box)
        self.receipt_on.widget.setObjectName("receiptOn")
        self.receipt_on.widget.setToolTip(spec.field("receipt_on").label)
        self.receipt_note = QLineEdit(self.receipt_box)
        self.receipt_note.setObjectName("receiptNote")
        self.receipt_note.setMaxLength(spec.field("receipt_note").max_length or 200)
        self.receipt_note.setPlaceholderText(translate("CaseReferrals", "回执情况"))
        self.result = QLineEdit(self.receipt_box)
        self.result.setObjectName("referralResult")
        self.result.setPlaceholderText(translate("CaseReferrals", "转介结果，回车保存"))
        self.receipt_button = QPushButton(translate("CaseReferrals", "保存回执"), self.receipt_box)
        self.receipt_button.setObjectName("saveReceipt")
        self.receipt_button.clicked.connect(self.save_receipt)
        # (Esc in the line does the same; "…（Esc）" is the pages' way back to their list)
        self.receipt_cancel = QPushButton(translate("CaseReferrals", "取消"), self.receipt_box)
        self.receipt_cancel.clicked.connect(self.end_receipt)
        for widget in (self.receipt_note, self.result):
            widget.returnPressed.connect(self.save_receipt)
        receipt.addWidget(self.receipt_title, 0, 0, 1, 3)
        receipt.addWidget(self.receipt_on.widget, 1, 0)
        receipt.addWidget(self.receipt_note, 1, 1, 1, 2)
        receipt.addWidget(self.result, 2, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.receipt_button)
        buttons.addWidget(self.receipt_cancel)
        receipt.addLayout(buttons, 2, 2)
        receipt.setColumnStretch(1, 1)
        self.receipt_box.hide()
        layout.addWidget(self.receipt_box)
        self.receipt_error = error_label(self, "receiptError")
        layout.addWidget(self.receipt_error)

        for first, second in ((self.direction.widget, self.date.widget),
                              (self.date.widget, self.organisation),
                              (self.organisation, self.reason),
                              (self.reason, self.add_button),
                              (self.receipt_on.widget, self.receipt_note),
                              (self.receipt_note, self.result),
                              (self.result, self.receipt_button)):
            self.setTabOrder(first, second)
        self.reload()

    # --- showing -----------------------------------------------------------------------

    def reload(self) -> None:
        self.model.set_items(case_closure.referral_lines(self.case_id, self.actor))

    def current(self) -> case_closure.ReferralLine | None:
        item: case_closure.ReferralLine | None = self.model.item_at(
            self.table.currentIndex().row())
        return item

    # --- actions -----------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        return {"direction": self.direction.value(), "date": self.date.value(),
                "organisation": self.organisation.text().strip(),
                "reason": self.reason.text().strip()}

    def add(self) -> None:
        fields = {"direction": self.direction.widget, "date": self.date.widget,
                  "organisation": self.organisation, "reason": self.reason}
        if not self._attempt(lambda: case_closure.add_referral(
                self.case_id, self.values(), self.actor), self.error, fields):
            return
        self.organisation.clear()
        self.reason.clear()
        self.organisation.setFocus()

    def start_receipt(self) -> None:
        """The receipt line for the referral chosen in the table, filled with what it has."""
        item = self.current()
        if item is None:
            return
        self.receipt_of = item.id
        self.receipt_title.setText(translate("CaseReferrals", "{} {} {} 的回执：").format(
            _day(item.date), item.direction, item.organisation))
        self.receipt_on.set_value(item.receipt_on or dt.date.today())
        self.receipt_note.setText(item.receipt_note)
        self.result.setText(item.result)
        self.receipt_error.hide()
        self.receipt_box.show()
        self.receipt_note.setFocus()
        self.receipt_note.selectAll()

    def save_receipt(self) -> None:
        referral_id = self.receipt_of
        if referral_id is None:
            return
        fields = {"receipt_on": self.receipt_on.widget, "receipt_note": self.receipt_note,
                  "result": self.result}
        if self._attempt(lambda: case_closure.record_receipt(
                referral_id, self.actor, receipt_on=self.receipt_on.value(),
                receipt_note=self.receipt_note.text().strip(),
                result=self.result.text().strip()), self.receipt_error, fields):
            self.end_receipt()

    def end_receipt(self) -> None:
        self.receipt_of = None
        self.receipt_box.hide()
        self.receipt_error.hide()
        self.table.setFocus()

    def _attempt(self, action: Callable[[], object], error: QLabel,
                 fields: dict[str, QWidget]) -> bool:
        """Run a core action: what it refuses said under the line, the first bad field
        focused; a failure of another kind in a box."""
        try:
            action()
        except ValidationError as exc:
            error.setText(str(exc))
            error.show()
            bad = next((fields[key] for key in exc.errors if key in fields), None)
            if bad is not None:
                bad.setFocus()
            return False
        except SwdeskError as exc:
            report(self, exc)
            return False
        error.hide()
        self.reload()
        self.changed.emit()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.receipt_of is not None:
            self.end_receipt()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return  # the lines' Enter adds or saves; it must not save the case form
        super().keyPressEvent(event)
