"""设置 · 附件: the largest file a person may attach and whether full-size originals are
kept, for the administrator and the station head (``services.attachment_settings``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QFormLayout, QHBoxLayout, QPushButton, QSpinBox, QWidget

from swdesk import settings
from swdesk.errors import SwdeskError
from swdesk.services import attachment_settings
from swdesk.services.actor import Actor
from ui.errors import report
from ui.pages.settings_box import SettingsBox
from ui.widgets.notice import announce

translate = QCoreApplication.translate


class AttachmentSettingsBox(SettingsBox):
    def __init__(self, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(translate("AttachmentSettings", "附件"), "attachmentSettings", parent)
        self.actor = actor
        self.add_hint(translate(
            "AttachmentSettings",
            "照片添加时会去除位置和设备信息，并缩到适合打印的大小（长边约 2000 像素）。"
            "保留原图会另存一份完整尺寸的照片，占用更多磁盘空间和同步流量。"))
        form = QFormLayout()
        self.max_mb = QSpinBox(self)
        self.max_mb.setObjectName("attachmentMaxMb")
        self.max_mb.setRange(*settings.ATTACHMENT_MAX_MB_RANGE)
        self.max_mb.setSuffix(" MB")
        self.max_mb.setMaximumWidth(140)
        form.addRow(translate("AttachmentSettings", "单个文件上限"), self.max_mb)
        self.keep = QCheckBox(translate("AttachmentSettings", "保留完整尺寸的原图"), self)
        self.keep.setObjectName("keepOriginals")
        form.addRow("", self.keep)
        self.box_layout.addLayout(form)
        row = QHBoxLayout()
        self.save_button = QPushButton(translate("AttachmentSettings", "保存附件设置"), self)
        self.save_button.setObjectName("saveAttachmentSettings")
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        row.addStretch(1)
        self.box_layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        now = attachment_settings.current()
        self.max_mb.setValue(now.max_mb)
        self.keep.setChecked(now.keep_originals)

    def save(self) -> None:
        try:
            attachment_settings.change(self.actor, max_mb=self.max_mb.value(),
                                       keep_originals=self.keep.isChecked())
        except SwdeskError as exc:
            report(self, exc)
            return
        announce(self, translate("AttachmentSettings", "附件设置已保存"))
