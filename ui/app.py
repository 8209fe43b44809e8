"""Starting the desktop application: font, language, first run or sign-in, the main window."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDir, Qt, QThreadPool
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMessageBox

from swdesk.db import StationDatabase, open_station
from swdesk.db.diagnosis import Kind
from swdesk.errors import SwdeskError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.logs import setup_logging
from swdesk.resources import resource_path
from swdesk.services import backups, coded_fields, preferences
from swdesk.services.actor import SYSTEM
from ui.errors import install_excepthook
from ui.main_window import MainWindow, load_plugins
from ui.shell.context import AppContext
from ui.shell.sign_in import SignInDialog, display_name_of, first_run_needed
from ui.translations import apply_language

log = logging.getLogger(__name__)
translate = QCoreApplication.translate


def install_font(app: QApplication) -> None:
    """Use the bundled CJK font, so Chinese renders on a PC that has none."""
    font_id = QFontDatabase.addApplicationFont(str(resource_path("fonts", "wqy-microhei.ttc")))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    else:
        log.warning("bundled CJK font could not be loaded")


# The sheet's colours, as a full palette: what the sheet does not paint (labels, popups,
# menus, message boxes) must match it whatever the system's colour scheme is.
LIGHT_COLOURS: dict[QPalette.ColorRole, str] = {
    QPalette.ColorRole.Window: "#f5f7fa", QPalette.ColorRole.WindowText: "#1f2d3d",
    QPalette.ColorRole.Base: "#ffffff", QPalette.ColorRole.AlternateBase: "#f7f9fc",
    QPalette.ColorRole.Text: "#1f2d3d", QPalette.ColorRole.PlaceholderText: "#6b7785",
    QPalette.ColorRole.Button: "#ffffff", QPalette.ColorRole.ButtonText: "#1f2d3d",
    QPalette.ColorRole.BrightText: "#ffffff", QPalette.ColorRole.Highlight: "#2f6fb0",
    QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#fff7e0",
    QPalette.ColorRole.ToolTipText: "#1f2d3d", QPalette.ColorRole.Link: "#1f5c99",
    QPalette.ColorRole.Light: "#ffffff", QPalette.ColorRole.Midlight: "#eef1f5",
    QPalette.ColorRole.Mid: "#c5cdd6", QPalette.ColorRole.Dark: "#8a96a3",
    QPalette.ColorRole.Shadow: "#43505e",
}
DISABLED_TEXT = "#8a96a3"


def light_palette() -> QPalette:
    palette = QPalette()
    for role, colour in LIGHT_COLOURS.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(DISABLED_TEXT))
    return palette


def install_style(app: QApplication) -> None:
    """swdesk always shows its light look, also when Windows is in dark mode.

    A station PC in dark mode would otherwise give Qt a dark palette (white text) under a
    sheet that paints light backgrounds: white on white. Forcing light (colour scheme, full
    palette, sheet) is one look to test and matches the printouts; following dark mode
    would need a second sheet."""
    app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    app.setPalette(light_palette())
    # The sheet names its images "icons:…": Qt resolves a relative url() against the
    # working directory, which is anything on a station PC; the search path is the
    # resources folder wherever it is (a checkout, a wheel, the installed bundle).
    QDir.setSearchPaths("icons", [str(resource_path("icons"))])
    try:
        app.setStyleSheet(resource_path("style", "swdesk.qss").read_text(encoding="utf-8"))
    except OSError:
        log.warning("style sheet could not be loaded")


def install_icon(app: QApplication) -> None:
    """The icon of every window and of its taskbar button.

    Set here, not left to the exe: PyInstaller stores the exe's icon as resource 0, while
    Qt on Windows looks for IDI_ICON1, so without this Windows shows a blank window icon.
    The .ico holds the small sizes drawn for 16-48 px; the PNG is read without any
    image-format plugin, so the icon is there even if the .ico cannot be read."""
    icon = QIcon()
    for name in ("swdesk.ico", "swdesk.png"):
        icon.addFile(str(resource_path("icons", name)))
    if icon.isNull():
        log.warning("application icon could not be loaded")
    app.setWindowIcon(icon)


def has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def prepare(app: QApplication) -> None:
    """Everything the window needs from the application object, once."""
    install_font(app)
    install_style(app)
    install_icon(app)
    install_excepthook()
    # The pages' registrations (their modules imported) before the window is built, not
    # in its first stretch of the GUI thread; the window loads them itself otherwise.
    load_plugins()
    app.setApplicationName("swdesk")
    app.setApplicationDisplayName(translate("App", "社工站桌面"))


def sign_in(sdb: StationDatabase) -> MainWindow | None:
    """First-run wizard or sign-in dialog, then the main window (None: the person left)."""
    apply_language(preferences.ui_language())
    if first_run_needed():
        # (imported here: its pages and the enrolment are a new station's, once)
        from ui.shell.first_run import FirstRunWizard

        wizard = FirstRunWizard()
        if not wizard.exec() or wizard.user is None:
            return None
        from swdesk.services.accounts import actor_of

        actor = actor_of(wizard.user)
        name = str(wizard.user.display_name)
    else:
        dialog = SignInDialog()
        if not dialog.exec() or dialog.actor is None:
            return None
        actor, name = dialog.actor, dialog.display_name or display_name_of(dialog.actor.username)
    return MainWindow(sdb, AppContext(actor, sdb.data_dir, name,
                                      station=StationHandle.of(sdb, actor)))


def run(data_dir: Path) -> int:
    setup_logging(data_dir)
    if not has_display():
        print(_("没有可用的显示器，无法打开窗口。命令行用法见 swdesk --help",
                "No display to open the window on. See swdesk --help for the commands"),
              file=sys.stderr)
        return 1
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    prepare(app)
    if not database_is_usable(data_dir):
        return 1
    try:
        sdb = open_station(data_dir, create=True)
    except SwdeskError as exc:
        QMessageBox.critical(None, translate("App", "社工站桌面"), str(exc))
        return 1
    try:
        # Skills read into codes (once); the typed communities are offered by the window
        # in the background.
        coded_fields.bring_up_to_date(SYSTEM, offer=False)
        window = sign_in(sdb)
        if window is None:
            return 0
        window.show()
        window.after_show()
        return int(app.exec())
    finally:
        QThreadPool.globalInstance().waitForDone()  # no task may outlive the database
        sdb.close()


def database_is_usable(data_dir: Path) -> bool:
    """The start-up diagnosis: each fault gets its own dialog and remedy.

    No space, read-only, locked: say so and offer to try again (nothing is
    replaced). Newer version: install the newer swdesk (no backup is offered).
    Damaged or empty: offer the newest healthy backup. A new station: the wizard.
    """
    while True:
        report = backups.startup_check(data_dir)
        kind = report.kind
        if kind is None or kind is Kind.HEALTHY:
            return True
        if kind in (Kind.NO_SPACE, Kind.READ_ONLY, Kind.LOCKED):
            if not _ask_retry(report.message):
                return False
            continue
        if kind is Kind.NEWER or report.newest_backup is None:
            QMessageBox.critical(None, translate("App", "社工站桌面"), report.message)
            return False
        return _offer_restore(data_dir, report)


def _ask_retry(message: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, translate("App", "社工站桌面"), message)
    retry = box.addButton(translate("StartUp", "重试"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("StartUp", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(retry)
    box.exec()
    return box.clickedButton() is retry


def _offer_restore(data_dir: Path, report: backups.StartupReport) -> bool:
    assert report.newest_backup is not None
    title = translate("App", "社工站桌面")
    box = QMessageBox(QMessageBox.Icon.Question, title, report.message)
    restore = box.addButton(translate("StartUp", "恢复此备份"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("StartUp", "退出"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return False
    try:
        backups.replace_damaged(data_dir, report.newest_backup)
    except SwdeskError as exc:
        QMessageBox.critical(None, title, str(exc))
        return False
    return True
