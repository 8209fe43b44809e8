"""Switching the window's language: Qt translators plus the core's message language.

Source strings are Chinese, so Chinese needs no translator of ours; only Qt's
own dialogs (OK/Cancel) get Qt's Chinese catalogue. English loads
``resources/translations/swdesk_en.qm``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from swdesk import i18n
from swdesk.resources import resource_path

log = logging.getLogger(__name__)
_installed: list[QTranslator] = []


def _load(translator: QTranslator, path: str) -> bool:
    ok = translator.load(path)
    if not ok:
        log.warning("translation %s could not be loaded", path)
    return ok


def apply_language(lang: str) -> None:
    """Install the translators for ``lang`` (``zh`` or ``en``) and tell the core."""
    i18n.set_language(lang)
    app = QCoreApplication.instance()
    if app is None:
        return
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "en":
        ours = QTranslator()
        if _load(ours, str(resource_path("translations", "swdesk_en.qm"))):
            app.installTranslator(ours)
            _installed.append(ours)
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    else:
        qt_zh = QTranslator()
        if qt_zh.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt_zh)
            _installed.append(qt_zh)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
