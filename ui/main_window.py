"""The main window. For now: which station, how much data, where it lives."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from swdesk.db import StationDatabase, open_station
from swdesk.services import overview


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    def __init__(self, sdb: StationDatabase | None, data_dir: Path) -> None:
        super().__init__()
        self._sdb = sdb
        self.setWindowTitle(tr("社工站桌面"))
        self.resize(960, 640)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.headline = QLabel()
        self.headline.setStyleSheet("font-size: 20pt; font-weight: bold;")
        self.details = QLabel()
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.headline, alignment=Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.details, alignment=Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(body)
        self.refresh(data_dir)

    @classmethod
    def open(cls, data_dir: Path) -> MainWindow:
        sdb = open_station(data_dir) if (data_dir / "swdesk.db").exists() else None
        return cls(sdb, data_dir)

    def refresh(self, data_dir: Path) -> None:
        if self._sdb is None:
            self.headline.setText(tr("尚未建立站点"))
            hint = tr("请先运行：swdesk init --station 编码 --name 名称 --level station")
            self.details.setText(hint + "\n" + tr("数据目录：") + str(data_dir))
            return
        info = overview.station_overview()
        self.headline.setText(info.station_name)
        self.details.setText(
            tr("服务对象 {clients} 人 · 服务记录 {records} 条 · 待同步变更 {pending} 条")
            .format(clients=info.clients, records=info.records, pending=info.pending_changes)
            + "\n" + tr("数据目录：") + str(data_dir))
        self.statusBar().showMessage(info.station_code)

    def close_database(self) -> None:
        if self._sdb is not None:
            self._sdb.close()
            self._sdb = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_database()
        super().closeEvent(event)
