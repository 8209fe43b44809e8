"""Once the window is up: the pages' modules imported, one per turn of the event loop,
and the cyclic collector told to walk the heap rarely.

A page's modules are imported when it is first shown (the start imports no list or form);
at city size that import was a third of the 社工 page's first showing, in one stretch in
which the window took no key. Imported here beforehand, a small module at a time with
turns of the event loop between, no single step holds the window for long.

A full pass of the cyclic collector walks every object the process holds, holding the
GIL: at city size, while a pool thread built the 工作台's work list, such passes over
its many objects held the window (bench/README.md, bench_probe.py). Passes of the youngest objects
stay as they were; a full one comes after a hundred times as many of them, and what the
start made (modules, classes, the window) is frozen once the modules are imported, never
walked again (it lives as long as the window).
"""

from __future__ import annotations

import gc
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
FULL_PASS_EVERY = 1000  # middle-generation passes per full one (Python's default: 10)


def collect_rarely() -> None:
    """A full pass of the cyclic collector after ``FULL_PASS_EVERY`` passes of the middle
    generation; the young generations' passes as Python sets them."""
    young, middle, _old = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_PASS_EVERY)


class Warmer(QObject):
    """Imports ``modules`` one per ``GAP_MS``, from ``START_MS`` after it is made; then
    freezes what the process holds for the collector (``gc.freeze``). Full passes of the
    collector are rare from when it is made (:func:`collect_rarely`)."""

    def __init__(self, parent: QObject, modules: tuple[str, ...] = WARM,
                 start_ms: int = START_MS) -> None:
        super().__init__(parent)
        collect_rarely()
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
            gc.freeze()

    @property
    def done(self) -> bool:
        return not self.left and not self._timer.isActive()
