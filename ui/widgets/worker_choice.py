"""Which social-worker record an account belongs to: a new one, an existing one, or none."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QWidget

from swdesk.services import station

translate = QCoreApplication.translate
NEW = "new"


class WorkerChoice(QComboBox):
    """The account's worker record; the record it is linked to fills in 负责社工."""

    def __init__(self, none_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem(translate("WorkerChoice", "新建社工记录（用上面的姓名）"), NEW)
        for worker_id, name in station.workers_by_name():
            self.addItem(translate("WorkerChoice", "已有：{}").format(name), worker_id)
        self.addItem(none_text, None)
        self._chosen = False
        self.activated.connect(self._person_chose)

    def _person_chose(self) -> None:
        self._chosen = True

    def follow_name(self, name: str) -> None:
        """Until the person chooses: the worker of that name if there is one, else new."""
        if self._chosen:
            return
        worker_id = station.worker_named(name) if name.strip() else None
        self.setCurrentIndex(max(self.findData(worker_id), 0) if worker_id else 0)

    def worker_id(self) -> int | None:
        data = self.currentData()
        return data if isinstance(data, int) else None

    def new_worker(self) -> bool:
        return bool(self.currentData() == NEW)
