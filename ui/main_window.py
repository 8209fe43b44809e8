"""The main window: the navigation rail, the pages, and a status bar saying who and where."""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSize, Qt, QThreadPool, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.db import StationDatabase
from swdesk.handle import StationHandle
from swdesk.numbers import grouped
from swdesk.services import coded_fields, overview
from swdesk.services.work_view import WorkView
from ui import ops
from ui.auth.idle_lock import IdleLock
from ui.pages.dashboard import DashboardPage  # (the first page: not while it is built)
from ui.pages.warm import Warmer
from ui.shell import registry
from ui.shell.auto_backup import AutoBackups
from ui.shell.context import AppContext
from ui.shell.first_paint import FirstPaint
from ui.shell.work_reminder import WorkReminder
from ui.translations import apply_language
from ui.widgets.screen_fit import fit_to_screen

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

# Features built elsewhere: a module's ``register()`` adds its pages and list buttons.
PLUGINS = ("ui.pages.builtin", "ui.excel")
STATUS_REFRESH_MS = 30_000
_loaded: set[str] = set()


def load_plugins() -> None:
    for name in PLUGINS:
        if name in _loaded:
            continue
        module = importlib.import_module(name)
        register = getattr(module, "register", None)
        if callable(register):
            register()
        _loaded.add(name)


class Rail(QListWidget):
    """The navigation rail. Its rows are 34 px where the window has the room and shorter,
    down to 26, where it has not (seventeen pages for an administrator on a 1280×720
    laptop at 150 %), so that every page stays in sight without a scroll bar."""

    TALL, SHORT = 34, 26

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_rows()

    def fit_rows(self) -> None:
        if not self.count():
            return
        height = max(self.SHORT, min(self.TALL, self.viewport().height() // self.count()))
        for n in range(self.count()):
            item = self.item(n)
            if item.sizeHint().height() != height:
                item.setSizeHint(QSize(160, height))


class MainWindow(QMainWindow):
    def __init__(self, sdb: StationDatabase, ctx: AppContext) -> None:
        super().__init__()
        self.sdb: StationDatabase | None = sdb
        self.ctx = ctx
        if ctx.station is None:
            ctx.station = StationHandle.of(sdb, ctx.actor)
        ctx.open_row = self.open_row
        ctx.data_changed = self.refresh_status
        ctx.go = self.go
        ctx.language_changed = self.change_language
        self.setObjectName("mainWindow")
        self.setMinimumSize(QSize(960, 600))  # fits a 1280×720 (150 %) laptop's room
        fit_to_screen(self, QSize(1280, 800))
        load_plugins()
        # The figures, the backup, the reminder … start once the window has painted.
        self.first_paint = FirstPaint(self)
        self.pages: dict[str, QWidget] = {}
        self._build()
        self._build_status()
        QShortcut(QKeySequence(Qt.Key.Key_F1), self, self.show_help)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self.backups = AutoBackups(self, lambda: self.sdb)
        self._may_close = False  # set once the closing backup is written (or not wanted)
        self._communities = ops.Fetch(self, lambda _added: None)
        self.go("dashboard")

    # --- layout -------------------------------------------------------------------------

    def _build(self) -> None:
        self.setWindowTitle(translate("MainWindow", "社工站桌面"))
        body = QWidget(self)
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        rail_box = QWidget(body)
        rail_box.setObjectName("railBox")
        rail_layout = QVBoxLayout(rail_box)
        rail_layout.setContentsMargins(0, 0, 0, 0)
        brand = QLabel(translate("MainWindow", "社工站桌面"), rail_box)
        brand.setObjectName("brand")
        rail_layout.addWidget(brand)
        self.rail = Rail(rail_box)
        self.rail.setObjectName("rail")
        self.rail.setFixedWidth(168)
        self.rail.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.rail.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for spec in registry.pages(self.ctx.actor.role):
            item = QListWidgetItem(spec.label)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setSizeHint(QSize(160, Rail.TALL))
            self.rail.addItem(item)
        self.rail.currentItemChanged.connect(self._rail_changed)
        rail_layout.addWidget(self.rail, 1)
        guide = QPushButton(translate("MainWindow", "使用指南（F1）"), rail_box)
        guide.setObjectName("guideButton")
        guide.setFlat(True)
        guide.clicked.connect(self.show_help)
        rail_layout.addWidget(guide)
        about = QPushButton(translate("MainWindow", "关于"), rail_box)
        about.setObjectName("aboutButton")
        about.setFlat(True)
        about.clicked.connect(self.show_about)
        rail_layout.addWidget(about)
        self.stack = QStackedWidget(body)
        self.stack.setObjectName("pageStack")
        # The start's notice of overdue work sits above the page, asking nothing.
        column = QVBoxLayout()
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.reminder = WorkReminder(lambda: self.go("work_list"), body)
        column.addWidget(self.reminder)
        column.addWidget(self.stack, 1)
        row.addWidget(rail_box)
        row.addLayout(column, 1)
        self.setCentralWidget(body)

    def _build_status(self) -> None:
        """The status bar, built once (a new language only changes its words)."""
        status = self.statusBar()
        self.user_label = QLabel(status)
        self.station_label = QLabel(status)
        self.pending_label = QLabel(status)
        for label in (self.user_label, self.station_label, self.pending_label):
            status.addPermanentWidget(label)
        self._status_fetch = ops.Fetch(status, self._show_status)
        self._status_words()

    def _status_words(self) -> None:
        who = self.ctx.display_name or self.ctx.actor.username
        self.user_label.setText(translate("MainWindow", "用户：{}").format(who))
        self.first_paint.then(self.refresh_status)

    def refresh_status(self) -> None:
        """Read the station and its unsent changes in the background (the status bar
        keeps what it showed until they arrive): never a wait on the GUI thread."""
        self._status_fetch.request(overview.status_line)

    def _show_status(self, info: overview.StatusLine) -> None:
        self.station_label.setText(translate("MainWindow", "站点：{}（{}）").format(
            info.station_name, info.station_code))
        self.pending_label.setText(translate("MainWindow", "待同步变更：{} 条").format(
            grouped(info.pending_changes)))

    # --- navigation ---------------------------------------------------------------------

    def current_key(self) -> str | None:
        item = self.rail.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def page(self, key: str) -> QWidget:
        """The page of a rail entry, built on first use."""
        if key not in self.pages:
            widget = registry.page(key).factory(self.ctx)
            self.pages[key] = widget
            self.stack.addWidget(widget)
        return self.pages[key]

    def go(self, key: str) -> QWidget:
        for n in range(self.rail.count()):
            item = self.rail.item(n)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                self.rail.setCurrentItem(item)
                break
        return self.page(key)

    def _rail_changed(self, current: QListWidgetItem | None,
                      previous: QListWidgetItem | None) -> None:
        if current is None:
            return
        key = str(current.data(Qt.ItemDataRole.UserRole))
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "page_shown", None)
        if callable(refresh):
            self.first_paint.then(refresh)

    def open_row(self, entity: str, row_id: int) -> None:
        """Show a row on its entity's page (from a timeline, a client's cases …)."""
        for spec in registry.pages():
            if spec.key == entity or spec.key == _SECTION_OF.get(entity):
                page = self.go(spec.key)
                opener = getattr(page, "open_entity", None)
                if callable(opener):
                    opener(entity, row_id)
                return

    # --- language -----------------------------------------------------------------------

    def change_language(self, lang: str) -> None:
        """Re-create the pages in the new language (simpler and surer than retranslating)."""
        for key, widget in list(self.pages.items()):
            if not _confirm_leave(widget):
                return
            _keep_draft(widget)
            del key
        apply_language(lang)
        current = self.current_key() or "dashboard"
        self.rail.blockSignals(True)
        for widget in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        old = self.centralWidget()
        self._build()
        self._status_words()
        if old is not None:
            old.deleteLater()
        self.rail.blockSignals(False)
        self.go(current)

    # --- closing ------------------------------------------------------------------------

    def close_database(self) -> None:
        if self.sdb is not None:
            self.sdb.close()
            self.sdb = None

    def after_show(self) -> None:
        """Once the window is up (its first paint: ``FirstPaint``): the idle lock, overdue
        work (once a day), what changed if swdesk was upgraded, the day's first backup."""
        # One piece a turn of the event loop (each is a few ms of the GUI thread's).
        for piece in (self._start_idle_lock, self._remind, self._upgrade_notice,
                      self.backups.start, self._offer_communities, self._warm):
            self.first_paint.then(functools.partial(self._while_open, piece))

    def _while_open(self, piece: Callable[[], None]) -> None:
        if self.sdb is not None:  # (not once the window has closed meanwhile)
            piece()

    def _start_idle_lock(self) -> None:
        self.idle_lock = IdleLock(self, self.ctx.actor, self.ctx.display_name)
        self.idle_lock.sign_out_requested.connect(self.close)

    def _upgrade_notice(self) -> None:
        from ui.about import upgrade_notice  # (imported here: the About box's, off the start)

        box = upgrade_notice(self.ctx.data_dir, self, self.ctx.actor)
        if box is not None:
            box.open()

    def _offer_communities(self) -> None:
        # Communities typed on rows that came without a save of their own (a package, an
        # older version) join the list, off the start's path.
        self._communities.request(coded_fields.offer_typed_communities)

    def _warm(self) -> None:
        self.warmer = Warmer(self)  # the pages' modules, a module per turn, once up

    def _remind(self) -> None:
        """The start reminder, its overdue count from the 工作台's work list (the list at
        city size takes a quarter of a second to compute: once, not twice)."""
        station = self.ctx.handle()
        page = self.pages.get("dashboard")
        if not isinstance(page, DashboardPage):
            self.reminder.check(station)
            return
        block = page.today_work
        if block.view is not None:
            self.reminder.check(station, block.view)
        else:
            def arrived(view: object) -> None:
                block.arrived.disconnect(arrived)
                if isinstance(view, WorkView):
                    self.reminder.check(station, view)

            block.arrived.connect(arrived)

    def show_help(self) -> None:
        """F1: the user guide's page for the page on screen."""
        from ui.help import show_guide  # (imported here: the guide's viewer, off the start)

        show_guide(self, self.current_key())

    def show_about(self) -> None:
        from ui.about import AboutDialog  # (imported here: off the start, as above)

        AboutDialog(self.ctx.data_dir, self).open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.first_paint.drop()  # (what has not started yet need not)
        # Forms keep their drafts on disk: closing never asks and never loses typing.
        for widget in self.pages.values():
            _keep_draft(widget)
            _discard_printout(widget)
        self._status_timer.stop()
        if self.sdb is not None and not self._may_close:
            # The closing backup runs off the GUI thread while the window waits for it.
            event.ignore()
            self.backups.close_then(self._close_now)
            return
        QThreadPool.globalInstance().waitForDone()  # no task may outlive the database
        self.close_database()
        super().closeEvent(event)

    def _close_now(self) -> None:
        self._may_close = True
        self.close()


_SECTION_OF = {"case_log": "case", "training_record": "worker",
               "volunteer_hour": "volunteer", "evaluation": "contract", "complaint": "contract",
               "agency": "contract", "station": "contract",
               "volunteer_certificate": "contract"}


def _confirm_leave(widget: QWidget) -> bool:
    ask = getattr(widget, "confirm_leave", None)
    return bool(ask()) if callable(ask) else True


def _discard_printout(widget: QWidget) -> None:
    # A page's closeEvent never comes when the main window closes: a printout on show
    # (personal data) would stay on disk and its PDF document open until exit.
    discard = getattr(widget, "discard_printout", None)
    if callable(discard):
        discard()


def _keep_draft(widget: QWidget) -> None:
    keep = getattr(widget, "keep_draft", None)
    if callable(keep):
        keep()
