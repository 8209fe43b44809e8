"""The user guide in the window: F1 shows the page for where the user is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from swdesk.db import open_station
from swdesk.resources import guide_path
from ui import ops
from ui.help import GUIDE_PAGES, INDEX, GuideWindow
from ui.main_window import MainWindow, load_plugins
from ui.shell import registry
from ui.shell.first_run import FirstRunWizard


def _activate(qtbot: QtBot, window: QWidget) -> None:
    """F1 is a window shortcut: it works in the window the user types in."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def _guide_window(window: MainWindow) -> GuideWindow:
    found = window.findChild(GuideWindow, "guideWindow")
    assert found is not None, "no guide window was opened"
    return found


def test_f1_on_the_clients_page_shows_the_clients_guide(qtbot: QtBot,
                                                      window: MainWindow) -> None:
    window.go("client")
    qtbot.waitUntil(lambda: ops.running() == 0)
    _activate(qtbot, window)
    window.pages["client"].setFocus()
    qtbot.keyClick(window.pages["client"], Qt.Key.Key_F1)
    guide = _guide_window(window)
    qtbot.waitUntil(guide.isVisible)
    assert guide.shown_file() == guide_path("clients.md")
    text = guide.browser.toPlainText()
    assert text.startswith("服务对象")
    assert "登记新的服务对象" in text and "新建（Ctrl+N）" in text  # rendered, not raw Markdown
    assert "](" not in text and "# " not in text


def test_f1_follows_the_page_and_reuses_one_window(qtbot: QtBot, window: MainWindow) -> None:
    window.go("sync")
    qtbot.waitUntil(lambda: ops.running() == 0)
    _activate(qtbot, window)
    qtbot.keyClick(window.rail, Qt.Key.Key_F1)
    first = _guide_window(window)
    assert first.shown_file().name == "sync.md"
    assert "导入登记文件…" in first.browser.toPlainText()
    window.go("settings")
    qtbot.waitUntil(lambda: ops.running() == 0)
    _activate(qtbot, window)  # back from the guide window, which took the focus
    qtbot.keyClick(window.rail, Qt.Key.Key_F1)
    assert window.findChildren(GuideWindow) == [first]
    assert first.shown_file().name == "backups.md"


def test_the_rail_button_opens_the_guide_and_its_links_lead_on(qtbot: QtBot,
                                                             window: MainWindow) -> None:
    button = window.findChild(QPushButton, "guideButton")
    assert button is not None and "F1" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    guide = _guide_window(window)
    assert guide.shown_file() == guide_path(INDEX)  # 工作台: the index
    anchor = guide.browser.document().find("服务记录").charFormat().anchorHref()
    assert anchor == "records.md"
    guide.browser.setSource(guide.browser.source().resolved(anchor))  # as a click does
    assert guide.shown_file().name == "records.md"
    assert guide.browser.toPlainText().startswith("服务记录")
    guide.browser.backward()
    assert guide.shown_file().name == INDEX


def test_pictures_are_scaled_to_the_window(qtbot: QtBot, window: MainWindow) -> None:
    window.show_help()
    guide = _guide_window(window)
    qtbot.waitUntil(guide.isVisible)
    image = guide.browser.loadResource(2, guide.browser.source().resolved("img/dashboard.png"))
    assert 200 <= image.width() <= guide.browser.viewport().width()  # type: ignore[attr-defined]


def test_every_rail_page_has_a_guide_page() -> None:
    load_plugins()
    keys = {spec.key for spec in registry.pages()}
    assert keys <= set(GUIDE_PAGES), keys - set(GUIDE_PAGES)
    for key, page in GUIDE_PAGES.items():
        assert guide_path(page).is_file(), (key, page)


def test_f1_in_the_first_run_wizard_shows_the_first_run_guide(qtbot: QtBot,
                                                             data_dir: Path) -> None:
    with open_station(data_dir, create=True):
        wizard = FirstRunWizard()
        qtbot.addWidget(wizard)
        wizard.show()
        _activate(qtbot, wizard)
        qtbot.keyClick(wizard.station_page.code, Qt.Key.Key_F1)
        guide = wizard.findChild(GuideWindow, "guideWindow")
        assert guide is not None and guide.isVisible()
        assert guide.shown_file() == guide_path("first-run.md")
        assert "从登记文件读取…" in guide.browser.toPlainText()
