"""Telling a station worker something went wrong: a friendly box, the details in the log."""

from __future__ import annotations

import logging
import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from swdesk.db import faults
from swdesk.errors import SwdeskError

log = logging.getLogger("swdesk.ui")
translate = QCoreApplication.translate


def show_error(parent: QWidget | None, message: str) -> None:
    """An expected failure (a SwdeskError): its own message is written for people."""
    box = QMessageBox(QMessageBox.Icon.Warning, translate("Errors", "无法完成"), message,
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.exec()


def show_unexpected(parent: QWidget | None) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Critical, translate("Errors", "出错了"),
        translate("Errors", "程序遇到了意外问题，刚才的操作没有完成，已保存的数据不受影响。\n"
                            "详细情况已记入数据目录中的日志（logs/swdesk.log），"
                            "可发给技术支持。"),
        QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("unexpectedBox")
    box.exec()


def as_message(exc: BaseException) -> SwdeskError | None:
    """The error written for people behind ``exc``: itself, or a disk/database fault
    (a full disk during an import reaches here as peewee's or sqlite3's error)."""
    return exc if isinstance(exc, SwdeskError) else faults.translate(exc)


def report(parent: QWidget | None, exc: BaseException) -> None:
    """Show any exception the right way: SwdeskError as is, the rest logged and apologised."""
    known = as_message(exc)
    if known is not None:
        if known is not exc:
            log.warning("fault shown to the user: %s", type(known).__name__)
        show_error(parent, str(known))
        return
    log.error("unexpected error", exc_info=(type(exc), exc, exc.__traceback__))
    show_unexpected(parent)


def _hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    known = as_message(exc)
    if known is not None:
        log.info("error shown to the user: %s", type(known).__name__)
    else:
        log.error("uncaught exception", exc_info=(kind, exc, tb))
    if QApplication.instance() is None:
        sys.__excepthook__(kind, exc, tb)
        return
    parent = QApplication.activeWindow()
    if known is not None:
        show_error(parent, str(known))
    else:
        show_unexpected(parent)


def install_excepthook() -> None:
    """Exceptions escaping a Qt slot land here instead of printing a traceback."""
    sys.excepthook = _hook
