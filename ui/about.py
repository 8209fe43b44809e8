"""The About dialog (version, data dir, database schema) and the one-time upgrade notice.

The facts come from ``swdesk.services.about``; this module only lays them out.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.services.about import (
    AboutInfo,
    about_info,
    acknowledge_upgrade_notice,
    describe_upgrade,
    pending_upgrade_notice,
)
from swdesk.services.actor import SYSTEM, Actor

# Literal calls, so that pyside6-lupdate finds every string for the English catalogue.
translate = QCoreApplication.translate


def schema_text(info: AboutInfo) -> str:
    if info.schema_version is None:
        return translate("AboutDialog", "尚未建立站点数据库")
    return translate("AboutDialog", "版本 {current}（本程序为版本 {latest}）").format(
        current=info.schema_version, latest=info.latest_schema)


class AboutDialog(QDialog):
    """Which swdesk this is and where its data are; what a support call asks first."""

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(translate("AboutDialog", "关于社工站桌面"))
        self.setMinimumWidth(520)  # the licence and the support contact on a line or two
        self.info = about_info(data_dir)

        title = QLabel(translate("AboutDialog", "社工站桌面"))
        title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        form = QFormLayout()
        self.version_label = self._value(self.info.version, "versionLabel")
        self.data_dir_label = self._value(str(self.info.data_dir), "dataDirLabel")
        self.schema_label = self._value(schema_text(self.info), "schemaLabel")
        form.addRow(translate("AboutDialog", "程序版本："), self.version_label)
        form.addRow(translate("AboutDialog", "数据目录："), self.data_dir_label)
        form.addRow(translate("AboutDialog", "数据库版本："), self.schema_label)
        self.upgrade_label = self._value(
            describe_upgrade(self.info.last_upgrade) if self.info.last_upgrade else "",
            "upgradeLabel")
        self.upgrade_label.setWordWrap(True)
        if self.info.last_upgrade is not None:
            form.addRow(translate("AboutDialog", "最近一次升级："), self.upgrade_label)
        self.licence_label = self._value(self.info.licence, "licenceLabel")
        self.licence_label.setWordWrap(True)
        self.support_label = self._value(self.info.support, "supportLabel")
        self.support_label.setWordWrap(True)
        form.addRow(translate("AboutDialog", "许可协议："), self.licence_label)
        form.addRow(translate("AboutDialog", "技术支持："), self.support_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.copy_button = QPushButton(translate("AboutDialog", "复制以上信息"))
        self.copy_button.setObjectName("copyButton")
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.open_button = QPushButton(translate("AboutDialog", "打开数据目录"))
        self.open_button.setObjectName("openDataDirButton")
        self.open_button.setEnabled(self.info.data_dir.is_dir())
        self.open_button.clicked.connect(self.open_data_dir)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _value(self, text: str, name: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def summary(self) -> str:
        """The dialog's facts as plain text, for a support request."""
        lines = [f"swdesk {self.info.version}",
                 translate("AboutDialog", "数据目录：") + str(self.info.data_dir),
                 translate("AboutDialog", "数据库版本：") + schema_text(self.info)]
        if self.upgrade_label.text():
            lines.append(self.upgrade_label.text())
        lines.append(translate("AboutDialog", "技术支持：") + self.info.support)
        return "\n".join(lines)

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.summary())

    def open_data_dir(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.info.data_dir)))


def upgrade_notice(data_dir: Path, parent: QWidget | None = None,
                   actor: Actor = SYSTEM) -> QMessageBox | None:
    """A message box telling what the last upgrade changed, or None if already told.

    The caller shows it (``box.open()``) after the main window; closing it records
    that the notice was seen, so it appears once. The station must be open for writing.
    """
    news = pending_upgrade_notice(data_dir)
    if news is None:
        return None
    box = QMessageBox(QMessageBox.Icon.Information, translate("AboutDialog", "社工站桌面已升级"),
                      describe_upgrade(news), QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("upgradeNotice")
    box.finished.connect(lambda _result: acknowledge_upgrade_notice(news, actor))
    return box
