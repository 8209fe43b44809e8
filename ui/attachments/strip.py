"""The attachment strip: a row's photos and scans as thumbnails, on every page that can
hold them (issue 24).

The list and the thumbnails are read off the GUI thread (``ops.Fetch``): a tile shows
dots until its thumbnail arrives, a padlock when the person may not see it (such a tile
opens nothing). Files come by 添加照片/扫描件… (several at once), by 从文件夹导入… (a phone's
or camera card's photos of one day) or dropped on the strip; every import runs through
``ops.run_task`` with progress and cancel, and a refused file is named in plain words
with nothing attached. On a tile: Enter or a double click on the picture opens it in the
viewer, F2 or a double click on the caption edits the caption (Enter saves), Delete
removes it after asking.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.errors import SwdeskError
from swdesk.handle import StationHandle
from swdesk.numbers import grouped
from swdesk.services import attachments
from swdesk.services.attachments import AttachmentView, Owner
from ui import ops
from ui.attachments import tiles
from ui.errors import report
from ui.shell.context import AppContext
from ui.widgets import ask
from ui.widgets.notice import announce

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
VIEW_ROLE = Qt.ItemDataRole.UserRole + 1
TILE_ROLE = Qt.ItemDataRole.UserRole + 2  # what a tile shows: waiting, locked, photo, pdf …
THUMBS_AT_ONCE = 8  # thumbnails made per background call: the first ones show early
CAPTION_LINE = 18  # the caption's line under a tile
PHOTO_FILTER = "*.jpg *.jpeg *.png *.heic *.heif *.pdf"


# One thumbnail made or read at a time in this process: two strips showing the same photo
# (an activity's on two tabs) must not have one thread replace a thumbnail file that the
# other has open, which Windows refuses.
_THUMB_LOCK = threading.Lock()


def thumbnails(station: StationHandle, views: Sequence[AttachmentView]
               ) -> dict[str, QImage | None]:
    """Each view's thumbnail as an image (None: it could not be made). Runs off the GUI
    thread: making a thumbnail reads and scales the stored file."""
    found: dict[str, QImage | None] = {}
    for view in views:
        try:
            with _THUMB_LOCK:
                image = QImage(str(attachments.thumbnail(station, view.sha256)))
        except (SwdeskError, OSError) as exc:  # a missing or damaged file: its tile says so
            log.warning("no thumbnail for attachment %s: %s", view.id, exc)
            image = QImage()
        found[view.sha256] = None if image.isNull() else image
    return found


class _CaptionEditor(QStyledItemDelegate):
    """Edits a tile's caption (not the file name a tile without one shows) and saves it
    through the core when Enter ends the editing."""

    def __init__(self, strip: AttachmentStrip) -> None:
        super().__init__(strip.tiles)
        self.strip = strip

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        view = index.data(VIEW_ROLE)
        if isinstance(editor, QLineEdit) and isinstance(view, AttachmentView):
            editor.setText(view.caption or "")
            editor.setPlaceholderText(translate("AttachmentStrip", "说明，回车保存"))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: QModelIndex | QPersistentModelIndex) -> None:
        view = index.data(VIEW_ROLE)
        if isinstance(editor, QLineEdit) and isinstance(view, AttachmentView):
            self.strip.save_caption(view, editor.text())

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem,
                             index: QModelIndex | QPersistentModelIndex) -> None:
        rect = option.rect  # (the caption's line at the tile's foot, a little wider)
        editor.setGeometry(rect.x() - 4, rect.bottom() - CAPTION_LINE - 4, rect.width() + 8,
                           CAPTION_LINE + 8)


class TileList(QListWidget):
    """The thumbnails in a row; the keys of a tile handled here so that Enter opens it
    rather than saving the page's form."""

    open_requested = Signal(QListWidgetItem)
    remove_requested = Signal(QListWidgetItem)

    def __init__(self, parent: QWidget | None = None, *, wrap: bool = False,
                 tile: int = tiles.TILE) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentTiles")
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(wrap)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(tile, tile))
        self.setGridSize(QSize(tile + 24, tile + CAPTION_LINE + 14))
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
        self.setAcceptDrops(False)  # files dropped here go to the strip
        self.viewport().setAcceptDrops(False)
        if not wrap:  # one row under a form: as tall as a tile and its scroll bar
            self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            bar = self.horizontalScrollBar().sizeHint().height()
            self.setFixedHeight(self.gridSize().height() + bar + 2 * self.frameWidth() + 4)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        item = self.currentItem()
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.state() != \
                QAbstractItemView.State.EditingState:
            if item is not None:
                self.open_requested.emit(item)
            event.accept()
            return
        if key == Qt.Key.Key_F2 and item is not None:
            self.edit_caption(item)
            event.accept()
            return
        if key == Qt.Key.Key_Delete and item is not None:
            self.remove_requested.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        item = self.itemAt(event.position().toPoint())
        if item is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseDoubleClickEvent(event)
            return
        self.setCurrentItem(item)
        if self.on_caption(item, event.position().toPoint()):
            self.edit_caption(item)
        else:
            self.open_requested.emit(item)
        event.accept()

    def on_caption(self, item: QListWidgetItem, point: QPoint) -> bool:
        """Whether ``point`` is on the caption's line under the picture."""
        rect = self.visualItemRect(item)
        return point.y() >= rect.bottom() - CAPTION_LINE - 4

    def edit_caption(self, item: QListWidgetItem) -> None:
        view = item.data(VIEW_ROLE)
        if isinstance(view, AttachmentView) and not view.masked:
            self.editItem(item)


class AttachmentStrip(QFrame):
    """The attachments of one row (``link``, ``row_id``); without a row (a new one not yet
    saved) the strip is there but disabled, saying why. ``wrap``: tiles in rows filling
    a tab of their own; ``tile``: smaller tiles where a page has little height to give."""

    changed = Signal()  # something was attached, captioned or removed

    def __init__(self, ctx: AppContext, link: str, row_id: int | None,
                 parent: QWidget | None = None, *, title: str | None = None,
                 no_row_hint: str | None = None, wrap: bool = False,
                 tile: int = tiles.TILE) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"attachments_{link}")
        self.setProperty("role", "attachmentStrip")
        self.link = link
        self.owner: Owner | None = None
        self.views: list[AttachmentView] = []
        self._no_row_hint = no_row_hint or translate("AttachmentStrip", "保存后可添加附件")
        self._title_text = title or translate("AttachmentStrip", "附件")
        self.setAcceptDrops(True)
        layout = QVBoxLayout(self)
        if wrap:  # a tab of its own: room around it as around a tab's form
            layout.setContentsMargins(12, 10, 12, 10)
        else:
            layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setProperty("role", "sectionTitle")
        header.addWidget(self.title)
        self.hint = QLabel(self)
        self.hint.setObjectName("attachmentHint")
        self.hint.setProperty("role", "muted")
        header.addWidget(self.hint, 1)
        self.add_button = QPushButton(translate("AttachmentStrip", "添加照片/扫描件…"), self)
        self.add_button.setObjectName("addAttachments")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.choose_files)
        self.folder_button = QPushButton(translate("AttachmentStrip", "从文件夹导入…"), self)
        self.folder_button.setObjectName("importFolder")
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(self.choose_folder)
        header.addWidget(self.add_button)
        header.addWidget(self.folder_button)
        layout.addLayout(header)
        self.tiles = TileList(self, wrap=wrap, tile=tile)
        self.tiles.setItemDelegate(_CaptionEditor(self))
        self.tiles.open_requested.connect(self.open_item)
        self.tiles.remove_requested.connect(self.remove_item)
        layout.addWidget(self.tiles, 1 if wrap else 0)
        self.empty = QLabel(translate(
            "AttachmentStrip",
            "还没有附件：可拖入照片或 PDF 扫描件，或点“添加照片/扫描件…”。"), self)
        self.empty.setObjectName("attachmentsEmpty")
        self.empty.setProperty("role", "muted")
        self.empty.setWordWrap(True)
        layout.addWidget(self.empty)
        if wrap:
            layout.addStretch(0)  # (the words of an empty strip at its top, not its middle)
        self._list = ops.Fetch(self, self._show_views)
        self._thumbs = ops.Fetch(self, self._show_thumbs)
        self._waiting: list[AttachmentView] = []  # whose thumbnails are still to be made
        self.viewer: QDialog | None = None  # the viewer while it is open
        self._stale = False  # a row set while hidden: read when first shown
        self.task: ops.Task | None = None  # the last import started
        self._audited: Owner | None = None  # whose showing was last audited
        self.set_row(row_id)

    # --- which row -----------------------------------------------------------------------

    def set_row(self, row_id: int | None) -> None:
        """Show the attachments of ``row_id`` (None: no row yet, the strip disabled)."""
        self.owner = Owner(self.link, int(row_id)) if row_id is not None else None
        self.views = []
        self._waiting = []
        self.tiles.clear()
        enabled = self.owner is not None
        for widget in (self.add_button, self.folder_button, self.tiles):
            widget.setEnabled(enabled)
        self.setAcceptDrops(enabled)
        self.hint.setText("" if enabled else self._no_row_hint)
        self.empty.setVisible(False)
        self.tiles.setVisible(enabled)
        self._show_title()
        self._stale = enabled
        if enabled and self.isVisible():
            self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:  # (a strip on a tab not yet shown reads nothing until it is)
            self.reload()

    def reload(self) -> None:
        """Read the list again (off the GUI thread); the tiles follow."""
        if self.owner is None:
            return
        self._stale = False
        station, owner = self.ctx.handle(), self.owner
        first = owner != self._audited  # (the strip's showing audited once, not each reload)
        self._audited = owner

        def read() -> tuple[Owner, list[AttachmentView]]:
            views = attachments.for_owner(station, owner)
            if first and views:
                attachments.shown(station, owner)  # sensitive photos looked at: audited
            return owner, views

        self._list.request(read)

    def _show_title(self) -> None:
        self.title.setText(self._title_text if self.owner is None else translate(
            "AttachmentStrip", "{}（{}）").format(self._title_text, grouped(len(self.views))))

    # --- tiles ---------------------------------------------------------------------------

    def _show_views(self, found: tuple[Owner, list[AttachmentView]]) -> None:
        owner, views = found
        if owner != self.owner:
            return  # read for a row shown before
        current = self.tiles.currentRow()
        self.views = list(views)
        self.tiles.clear()
        waiting = tiles.waiting()
        for view in self.views:
            item = QListWidgetItem(self._caption_of(view), self.tiles)
            item.setData(VIEW_ROLE, view)
            item.setSizeHint(self.tiles.gridSize())
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if view.masked:
                item.setIcon(tiles.locked())
                item.setData(TILE_ROLE, "locked")
                item.setToolTip(translate("AttachmentStrip",
                                          "无权查看：仅能查看该个案的人员可以打开"))
            else:
                item.setIcon(waiting)
                item.setData(TILE_ROLE, "waiting")
                item.setToolTip(self._tip(view))
                flags |= Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags)
        if self.views:
            self.tiles.setCurrentRow(min(max(current, 0), len(self.views) - 1))
        self.tiles.setVisible(bool(self.views))
        self.empty.setVisible(not self.views)
        self._show_title()
        self._waiting = [v for v in self.views if not v.masked]
        self._next_thumbs()

    def _next_thumbs(self) -> None:
        if not self._waiting:
            return
        batch, self._waiting = self._waiting[:THUMBS_AT_ONCE], self._waiting[THUMBS_AT_ONCE:]
        station = self.ctx.handle()
        self._thumbs.request(lambda: thumbnails(station, batch))

    def _show_thumbs(self, images: dict[str, QImage | None]) -> None:
        for n in range(self.tiles.count()):
            item = self.tiles.item(n)
            view = item.data(VIEW_ROLE)
            if not isinstance(view, AttachmentView) or view.sha256 not in images:
                continue
            image = images[view.sha256]
            if image is not None:
                item.setIcon(tiles.framed(image))
                item.setData(TILE_ROLE, "picture")
            elif view.media_type == "application/pdf":
                item.setIcon(tiles.pdf())
                item.setData(TILE_ROLE, "pdf")
            else:
                item.setIcon(tiles.unreadable())
                item.setData(TILE_ROLE, "unreadable")
        self._next_thumbs()

    def thumbnails_pending(self) -> bool:
        """Whether tiles are still waiting for their pictures (tests wait for this)."""
        return bool(self._waiting) or ops.running() > 0

    @staticmethod
    def _caption_of(view: AttachmentView) -> str:
        if view.masked:
            return translate("AttachmentStrip", "（不可查看）")
        return view.caption or view.file_name or ""

    @staticmethod
    def _tip(view: AttachmentView) -> str:
        lines = [view.caption or "", view.file_name or ""]
        if view.taken_at is not None:
            lines.append(translate("AttachmentStrip", "拍摄于 {}").format(
                view.taken_at.strftime("%Y-%m-%d %H:%M")))
        return "\n".join(line for line in lines if line)

    # --- adding ----------------------------------------------------------------------------

    def choose_files(self) -> None:
        """添加照片/扫描件…: several files at once from a file dialog."""
        if self.owner is None:
            return
        names, _chosen = QFileDialog.getOpenFileNames(
            self, translate("AttachmentStrip", "添加照片或扫描件"), "",
            translate("AttachmentStrip", "照片和扫描件 ({})").format(PHOTO_FILTER))
        if names:
            self.add_files([Path(name) for name in names])

    def choose_folder(self) -> None:
        """从文件夹导入…: a folder (a phone or camera card), its photos by the day taken."""
        if self.owner is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, translate("AttachmentStrip", "选择手机或相机存储卡中的照片文件夹"))
        if not folder:
            return
        chosen = Path(folder)
        ops.run_task(self, translate("AttachmentStrip", "正在读取文件夹中的照片…"),
                     lambda _control: attachments.photos_in_folder(chosen),
                     lambda days: self._pick_day(chosen, days))

    def _pick_day(self, folder: Path, days: dict[object, list[Path]]) -> None:
        # (the dialog only when a folder was chosen: the window's start never needs it)
        from ui.attachments.folder_dialog import FolderDayDialog

        if not days:
            QMessageBox.information(self, translate("AttachmentStrip", "从文件夹导入"),
                                    translate("AttachmentStrip", "文件夹“{}”里没有照片。")
                                    .format(folder))
            return
        dialog = FolderDayDialog(folder, days, self)  # type: ignore[arg-type]
        if dialog.exec() and dialog.chosen():
            self.add_files(dialog.chosen())

    def add_files(self, files: Sequence[Path]) -> None:
        """Attach ``files`` in the background; a refusal names the file, nothing attached."""
        owner = self.owner
        if owner is None or not files:
            return
        station, paths = self.ctx.handle(), list(files)

        def attach(control: ops.TaskControl) -> int:
            return len(attachments.attach(station, owner, paths, progress=control.progress,
                                          cancelled=control.cancelled))

        self.task = ops.run_task(self, translate("AttachmentStrip", "正在添加 {} 个文件…").format(
            grouped(len(paths))), attach, self._added, on_error=self._not_added)

    def _not_added(self, exc: BaseException) -> None:
        if isinstance(exc, attachments.AttachCancelled):  # the person's own cancel: no box
            announce(self, str(exc))
            return
        report(self, exc)  # a refused file, named; nothing was attached

    def _added(self, count: int) -> None:
        self.reload()
        self.ctx.data_changed()
        self.changed.emit()
        announce(self, translate("AttachmentStrip", "已添加 {} 个附件").format(grouped(count)))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.owner is not None and _dropped_files(event):
            event.acceptProposedAction()
            return
        event.ignore()

    def dragMoveEvent(self, event: QEvent) -> None:
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        files = _dropped_files(event)
        if self.owner is None or not files:
            event.ignore()
            return
        event.acceptProposedAction()
        self.add_files(files)

    # --- a tile's actions ---------------------------------------------------------------------

    def current_view(self) -> AttachmentView | None:
        item = self.tiles.currentItem()
        view = item.data(VIEW_ROLE) if item is not None else None
        return view if isinstance(view, AttachmentView) else None

    def open_item(self, item: QListWidgetItem) -> None:
        """The viewer on this tile, next/previous through the others that may be seen."""
        view = item.data(VIEW_ROLE)
        if not isinstance(view, AttachmentView):
            return
        if view.masked:
            announce(self, translate("AttachmentStrip", "无权查看这个附件"))
            return
        # (the viewer, with PDFium behind it, loads when a first attachment is opened)
        from ui.attachments.viewer import AttachmentViewer

        shown = [v for v in self.views if not v.masked]
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = AttachmentViewer(self.ctx.handle(), shown, shown.index(view), self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.destroyed.connect(self._viewer_gone)
        self.viewer.open()  # (window-modal; the page stays as it is behind it)

    def _viewer_gone(self) -> None:
        self.viewer = None

    def _change(self, action: Callable[[StationHandle], object]) -> bool:
        """Run a quick core change (a caption, a removal); the tiles read again after it."""
        try:
            action(self.ctx.handle())
        except SwdeskError as exc:
            report(self, exc)
            return False
        self.reload()
        self.ctx.data_changed()
        self.changed.emit()
        return True

    def save_caption(self, view: AttachmentView, text: str) -> None:
        if text.strip() != (view.caption or "").strip():
            self._change(lambda station: attachments.set_caption(station, view.id, text))

    def remove_item(self, item: QListWidgetItem) -> None:
        """Delete: asks first, then takes the attachment off its row."""
        view = item.data(VIEW_ROLE)
        if not isinstance(view, AttachmentView) or view.masked:
            return
        if ask.confirm(self, translate("AttachmentStrip", "删除附件"),
                       translate("AttachmentStrip", "删除附件“{}”吗？").format(
                           self._caption_of(view)),
                       translate("AttachmentStrip", "删除"), translate("AttachmentStrip", "保留"),
                       name="removeAttachmentBox") and self._change(
                lambda station: attachments.remove(station, view.id)):
            announce(self, translate("AttachmentStrip", "附件已删除"))


def _dropped_files(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
