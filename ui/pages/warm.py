"""The pages' modules imported once the window is up, one per turn of the event loop.

A page's modules are imported when it is first shown (the start imports no list or form);
at city size that import was a third of the 社工 page's first showing, in one stretch in
which the window took no key. Imported here beforehand, a small module at a time with
turns of the event loop between, no single step holds the window for long.
"""

from __future__ import annotations

import importlib
import sys

from PySide6.QtCore import QObject, QTimer

# Leaf first (in the order `python -X importtime` finishes them), so that each step runs
# one module's own code: the lists and their forms, 社工, 待办, a client's and a record's
# page.
WARM: tuple[str, ...] = (
    "swdesk.services.drafts", "swdesk.services.defaults", "ui.widgets.notice",
    "ui.forms.entity_form", "swdesk.reports.kinds", "swdesk.reports", "ui.reports.generate",
    "ui.reports.printouts", "ui.reports.print_actions", "ui.pages.form_page",
    "ui.models.lazy_table", "ui.widgets.list_columns", "ui.pages.list_page",
    "ui.pages.section", "ui.pages.workers", "ui.models.item_table", "ui.models.work_table",
    "ui.pages.work_list_page", "swdesk.services.attachment_images",
    "swdesk.services.attachment_privacy", "swdesk.services.attachments",
    "ui.attachments.tiles", "ui.widgets.ask", "ui.attachments.strip",
    "ui.forms.form_dialog", "ui.pages.client_page", "ui.pages.record_page",
)
START_MS = 2000  # after the start's own work (the 工作台's figures, the reminder)
GAP_MS = 30  # between two modules: keys and painting go first


class Warmer(QObject):
    """Imports ``modules`` one per ``GAP_MS``, from ``START_MS`` after it is made."""

    def __init__(self, parent: QObject, modules: tuple[str, ...] = WARM,
                 start_ms: int = START_MS) -> None:
        super().__init__(parent)
        self.left = [name for name in modules if name not in sys.modules]
        self._timer = QTimer(self)
        self._timer.setInterval(GAP_MS)
        self._timer.timeout.connect(self.step)
        QTimer.singleShot(start_ms, self, self._timer.start)

    def step(self) -> None:
        """Import the next module not imported yet; stop when none is left."""
        while self.left:
            name = self.left.pop(0)
            if name not in sys.modules:
                importlib.import_module(name)
                break
        if not self.left:
            self._timer.stop()

    @property
    def done(self) -> bool:
        return not self.left and not self._timer.isActive()
