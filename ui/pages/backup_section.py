"""设置 › 数据备份: where backups go, back up now, the list of backups, restore from one.

A restore replaces every record, so it asks first, keeps the current data as a
``before-restore`` backup, and afterwards rebuilds the window's pages.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from swdesk import i18n, paths
from swdesk.services import accounts, backups
from swdesk.services.backups import BackupFile, RestoreResult
from ui import ops
from ui.errors import report
from ui.models.account_tables import BackupTableModel
from ui.pages.settings_box import SettingsBox
from ui.shell.context import AppContext
from ui.widgets import ask

translate = QCoreApplication.translate



class BackupSection(SettingsBox):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(translate("BackupSection", "数据备份"), "backupSection", parent)
        self.ctx = ctx
        self.task: ops.Task | None = None
        self._listings = 0  # (a listing's answer counts only if no later one started)
        layout = self.box_layout
        self.add_hint(translate(
            "BackupSection", "程序每天第一次启动和每次关闭时自动备份，保留最近 7 天、4 周和 "
            "12 个月的备份。建议把备份文件夹设在U盘或另一块硬盘上，电脑损坏时数据不会一起丢失。"))

        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel(translate("BackupSection", "备份文件夹："), self))
        self.folder_label = QLabel(self)
        self.folder_label.setObjectName("backupFolder")
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        folder_row.addWidget(self.folder_label, 1)
        self.choose_button = QPushButton(translate("BackupSection", "选择文件夹…"), self)
        self.choose_button.setObjectName("backupChoose")
        self.default_button = QPushButton(translate("BackupSection", "改回数据目录"), self)
        self.default_button.setObjectName("backupDefault")
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        layout.addLayout(folder_row)

        self.model = BackupTableModel(self)
        self.table = self.add_table(self.model, "backupTable", (140, 110, 80), 180)

        actions = QHBoxLayout()
        self.backup_button = QPushButton(translate("BackupSection", "立即备份"), self)
        self.backup_button.setObjectName("backupNow")
        self.backup_button.setProperty("role", "primary")
        self.restore_button = QPushButton(translate("BackupSection", "从备份恢复…"), self)
        self.restore_button.setObjectName("backupRestore")
        self.restore_button.setToolTip(translate(
            "BackupSection", "恢复列表中选中的备份；没有选中时可选择一个备份文件"))
        self.status_label = QLabel(self)
        self.status_label.setObjectName("backupStatus")
        self.status_label.setProperty("role", "muted")
        actions.addWidget(self.backup_button)
        actions.addWidget(self.restore_button)
        actions.addWidget(self.status_label, 1)
        layout.addLayout(actions)

        self.choose_button.clicked.connect(self.choose_folder)
        self.default_button.clicked.connect(self.use_default_folder)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button.clicked.connect(self.restore)
        self.refresh()

    # --- showing ------------------------------------------------------------------------

    def refresh(self) -> None:
        """Show the folder and its backups. A chosen folder (often ``\\\\server\\share``)
        is looked at through ``ops``: a server that does not answer takes Windows up to
        a minute, which would freeze the window."""
        data_dir = self.ctx.data_dir
        folder = backups.backup_folders(data_dir)[0]
        default = folder == paths.backups_dir(data_dir)
        self.default_button.setEnabled(not default)
        self._listings += 1
        if default:
            self.folder_label.setText(
                str(folder) + translate("BackupSection", "（数据目录中，默认）"))
            self.model.set_items(backups.list_backups(data_dir))
            return
        self.folder_label.setText(str(folder))
        listing = self._listings

        def listed(found: tuple[bool, list[BackupFile]]) -> None:
            if listing != self._listings:
                return  # (a later refresh has started)
            reachable, items = found
            if not reachable:
                self.folder_label.setText(str(folder) + translate(
                    "BackupSection", "（现在无法访问，备份会暂存到数据目录）"))
            self.model.set_items(items)

        ops.run_task(self, translate("BackupSection", "正在检查备份文件夹…"),
                     lambda _control: (folder.is_dir(), backups.list_backups(data_dir)),
                     listed, cancellable=False)

    def selected_backup(self) -> BackupFile | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    # --- the folder ---------------------------------------------------------------------

    def choose_folder(self) -> None:
        start = str(backups.backup_folders(self.ctx.data_dir)[0])
        chosen = QFileDialog.getExistingDirectory(
            self, translate("BackupSection", "选择备份文件夹"), start)
        if chosen:
            self._set_folder(Path(chosen))

    def use_default_folder(self) -> None:
        self._set_folder(None)

    def _set_folder(self, folder: Path | None) -> None:
        if self.task is not None:
            return
        actor = self.ctx.actor
        self._busy(True)
        # (resolving and trying a share asks its server: off the GUI thread)
        self.task = ops.run_task(self, translate("BackupSection", "正在检查备份文件夹…"),
                                 lambda _control: backups.set_backup_folder(folder, actor),
                                 self._folder_set, on_error=self._failed, cancellable=False)

    def _folder_set(self, _result: None) -> None:
        self._busy(False)
        self.refresh()

    # --- backing up ---------------------------------------------------------------------

    def back_up_now(self) -> None:
        if self.task is not None:
            return
        station = self.ctx.handle()
        self._busy(True)
        self.task = ops.run_task(self, translate("BackupSection", "正在备份…"),
                                 lambda _control: backups.backup_now(station),
                                 self._backed_up, on_error=self._failed, cancellable=False)

    def _backed_up(self, target: Path) -> None:
        self._busy(False)
        self.refresh()
        self.status_label.setText(translate("BackupSection", "已备份到 {}").format(target))

    # --- restoring ----------------------------------------------------------------------

    def restore(self) -> None:
        if self.task is not None:
            return
        chosen = self.selected_backup()
        if chosen is not None:
            source, when = chosen.path, chosen.made.strftime("%Y-%m-%d %H:%M")
        else:
            start = str(backups.backup_folders(self.ctx.data_dir)[0])
            name, _filter = QFileDialog.getOpenFileName(
                self, translate("BackupSection", "选择要恢复的备份"), start,
                translate("BackupSection", "备份文件 (*.db)"))
            if not name:
                return
            source, when = Path(name), ""
        if not self._confirm(source, when):
            return
        station = self.ctx.handle()
        self._busy(True)
        self.task = ops.run_task(self, translate("BackupSection", "正在从备份恢复…"),
                                 lambda _control: backups.restore_into(station, source),
                                 self._restored, on_error=self._failed, cancellable=False)

    def _confirm(self, source: Path, when: str) -> bool:
        which = f"{source.name}（{when}）" if when else str(source)
        text = translate(
            "BackupSection", "将用备份 {} 替换本站的全部数据。\n\n"
            "这份备份之后录入和修改的内容都会丢失。恢复前，程序会把现在的数据另存一份"
            "（“恢复前的数据”），需要时还能找回。\n\n确定要恢复吗？").format(which)
        return ask.confirm(self, translate("BackupSection", "从备份恢复"), text,
                           translate("BackupSection", "恢复"), translate("BackupSection", "取消"),
                           name="restoreConfirm", icon=QMessageBox.Icon.Warning)

    def _restored(self, result: RestoreResult) -> None:
        self._busy(False)
        gone = not accounts.still_signed_in(self.ctx.actor)
        text = translate("BackupSection", "已从备份 {} 恢复。\n恢复前的数据已另存为 {}。").format(
            result.source.name, result.saved_as.name)
        if result.lacking:
            text += "\n\n" + _lacking_text(result.lacking)
        if gone:
            text += "\n\n" + translate("BackupSection", "您的账户在这份备份中不存在或已不同，"
                                "程序将关闭，请重新启动并登录。")
        else:
            text += "\n\n" + translate("BackupSection", "窗口将重新载入数据。")
        box = QMessageBox(QMessageBox.Icon.Information,
                          translate("BackupSection", "恢复完成"), text,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("restoreDone")
        box.exec()
        window = self.window()
        if gone:
            window.close()
            return
        self.ctx.data_changed()
        # Rebuilding the pages (as a language change does) shows the restored data everywhere.
        self.ctx.language_changed(i18n.language())

    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        self.refresh()
        report(self, exc)

    def _busy(self, busy: bool) -> None:
        if not busy:
            self.task = None
        for button in (self.backup_button, self.restore_button, self.choose_button):
            button.setEnabled(not busy)


# How many of a restore's missing files the message names (the rest are counted).
_NAMED = 8


def _lacking_text(lacking: list[str]) -> str:
    """The attachments whose files the backup folder lacked: the records are restored,
    the photos must be attached again (``db check`` lists them too)."""
    lines = lacking[:_NAMED]
    if len(lacking) > _NAMED:
        lines.append(translate("BackupSection", "……另有 {} 个").format(len(lacking) - _NAMED))
    return translate("BackupSection", "备份文件夹中缺少以下 {} 个附件的文件，记录已恢复，"
                     "需要时请重新添加：").format(len(lacking)) + "\n" + "\n".join(lines)
