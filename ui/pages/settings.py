"""设置: the window's language, and where this station's data and log live."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from swdesk import paths
from swdesk.errors import SwdeskError
from swdesk.numbers import grouped
from swdesk.services import attachment_settings, overview, preferences
from swdesk.services.this_station import current_station
from ui import ops
from ui.errors import report
from ui.pages.attachment_settings_box import AttachmentSettingsBox
from ui.pages.backup_section import BackupSection
from ui.pages.form_page import page_header, scrolled
from ui.pages.users_section import UsersSection
from ui.shell.context import AppContext

translate = QCoreApplication.translate


class SettingsPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("settingsPage")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget(self)  # the sections scroll: backups and users make it long
        body.setObjectName("settingsBody")
        outer.addWidget(scrolled(body))
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 12)
        header, _title = page_header(self, translate("Settings", "设置"))
        layout.addLayout(header)

        language_box = QGroupBox(translate("Settings", "界面语言"), self)
        form = QFormLayout(language_box)
        self.language = QComboBox(language_box)
        self.language.setObjectName("languageCombo")
        self.language.addItem("简体中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(preferences.ui_language()), 0))
        self.language.currentIndexChanged.connect(self._language_chosen)
        form.addRow(translate("Settings", "语言"), self.language)
        layout.addWidget(language_box)

        here = current_station()
        station_box = QGroupBox(translate("Settings", "本站信息"), self)
        station = QFormLayout(station_box)
        station.addRow(translate("Settings", "站点"), QLabel(
            f"{here.name}（{here.code}）" if here else "（）", station_box))
        # Counting every live row takes a while at city size: "…" until the count
        # arrives from the background.
        self.clients_label = QLabel("…", station_box)
        self.clients_label.setObjectName("settingsClients")
        self.records_label = QLabel("…", station_box)
        self.records_label.setObjectName("settingsRecords")
        station.addRow(translate("Settings", "服务对象"), self.clients_label)
        station.addRow(translate("Settings", "服务记录"), self.records_label)
        station.addRow(translate("Settings", "数据目录"),
                       QLabel(str(ctx.data_dir), station_box))
        station.addRow(translate("Settings", "日志文件"),
                       QLabel(str(paths.logs_dir(ctx.data_dir) / "swdesk.log"), station_box))
        layout.addWidget(station_box)
        self.attachment_box: AttachmentSettingsBox | None = None
        if attachment_settings.may_change(ctx.actor):  # (the core refuses the others anyway)
            self.attachment_box = AttachmentSettingsBox(ctx.actor, body)
            layout.addWidget(self.attachment_box)
        self.backup_section: BackupSection | None = None
        self.users_section: UsersSection | None = None
        if ctx.actor.role == "admin":  # the core refuses the others anyway
            self.backup_section = BackupSection(ctx, body)
            layout.addWidget(self.backup_section)
            self.users_section = UsersSection(ctx, body)
            layout.addWidget(self.users_section)
        layout.addStretch(1)
        self._counts = ops.Fetch(self, self._show_counts)
        self._counts.request(overview.station_counts)

    def _show_counts(self, counts: overview.StationCounts) -> None:
        self.clients_label.setText(translate("Settings", "{} 人").format(grouped(counts.clients)))
        self.records_label.setText(translate("Settings", "{} 条").format(grouped(counts.records)))

    def page_shown(self) -> None:
        self._counts.request(overview.station_counts)  # (they change while other pages show)
        if self.attachment_box is not None:
            self.attachment_box.refresh()
        if self.backup_section is not None:
            self.backup_section.refresh()
        if self.users_section is not None:
            self.users_section.refresh()

    def _language_chosen(self) -> None:
        lang = str(self.language.currentData())
        try:
            preferences.set_ui_language(lang, self.ctx.actor)
        except SwdeskError as exc:
            report(self, exc)
            return
        self.ctx.language_changed(lang)
