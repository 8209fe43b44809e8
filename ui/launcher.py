"""The ``swdesk`` console script: the core's command line, plus the window when no command is given.

Kept out of the core so that ``swdesk`` (the package) never imports Qt. Started with no
argument at all (the desktop shortcut, the start menu), it opens the window without
importing the command line: its parser needs every command's module (the sync's
cryptography, the reports, the package metadata …), some 300 modules the window's start
would load and never use.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from swdesk import paths

# The core's modules the window opens with (the station's opening, the 工作台, the status
# bar, the start's backup), imported before Qt: once imported, PySide6 reads the source of
# every module imported after it, looking for its ``__feature__`` switches (a source
# tree's cost: the installed program has no source to read; see bench/README.md).
# tests/ui/test_start_imports.py fails if the window's first paint needs one not here.
WINDOW_CORE = (
    "swdesk.data", "swdesk.db", "swdesk.excel.columns", "swdesk.handle", "swdesk.logs",
    "swdesk.resources", "swdesk.services.accounts", "swdesk.services.backups",
    "swdesk.services.coded_fields", "swdesk.services.contract_warnings",
    "swdesk.services.dashboard", "swdesk.services.display", "swdesk.services.lists",
    "swdesk.services.overview", "swdesk.services.preferences", "swdesk.services.station",
    "swdesk.services.work_view",
)


# The PostgreSQL drivers peewee tries, in its order.
_PG_DRIVERS = ("psycopg2cffi", "psycopg2", "psycopg")


def import_window_core() -> None:
    """:data:`WINDOW_CORE` imported (before Qt, which the core never imports).

    peewee looks for PostgreSQL's driver as it is imported and, where one is installed
    (the city hub's machines), loads it with its SSL and sockets. The window never opens
    a PostgreSQL database, and the installed program is built without the driver
    (``installer/swdesk.spec``): a window started from a source tree does without it
    the same way (the command line, the hub's, is not started through here)."""
    if "peewee" not in sys.modules:
        hidden = {name: sys.modules.get(name) for name in _PG_DRIVERS}
        for name in _PG_DRIVERS:
            sys.modules[name] = None  # type: ignore[assignment]  # (None: "no such module")
        try:
            importlib.import_module("peewee")
        finally:
            for name, module in hidden.items():
                if module is None:
                    del sys.modules[name]
                else:
                    sys.modules[name] = module
    for name in WINDOW_CORE:
        importlib.import_module(name)


def import_window() -> Callable[[Path], int]:
    """The window's modules imported: the core's (:func:`import_window_core`), then Qt's
    and the window's; returns ``ui.app.run``.

    The start imports some 360 modules, objects that live as long as the process: the
    cyclic collector walked them over and over as they came (bench/README.md,
    bench_start.py). It is paused while they are imported, and what they made is then
    frozen (``gc.freeze``: never walked again)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        import_window_core()
        _no_feature_scan()
        from ui.app import run  # Qt is imported only when a window is wanted
    finally:
        gc.freeze()
        if was_on:
            gc.enable()
    return run


def _no_feature_scan() -> None:
    """Qt imported, and told that no module of this process uses PySide6's ``__feature__``
    switches (``snake_case``, ``true_property``; tests/ui/test_start_imports.py checks
    swdesk's own).

    PySide6 reads the source of every module imported after it to look for them
    (``shibokensupport.feature``), a cost of the start from a source tree or a pip
    install (the installed bundle has no source to read). A PySide6 without that hook
    is left as it is."""
    import PySide6.QtCore  # noqa: F401  (PySide6 loads its feature hook with it)

    feature = sys.modules.get("shibokensupport.feature")
    if callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _uses_no_features  # type: ignore[union-attr]


def _uses_no_features(_module: object) -> bool:
    return False


def _open_window(data_dir: Path) -> int:
    return import_window()(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        # The windowed exe has no console (``sys.stdout`` and ``sys.stderr`` are None):
        # what would be printed goes nowhere, as the command line's streams do it.
        for name in ("stdout", "stderr"):
            if getattr(sys, name) is None:
                setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115
        return _open_window(paths.data_dir())
    # (imported here: its parser loads every command's module, see above)
    from swdesk.cli import main as cli_main

    return cli_main(args, open_window=_open_window)


if __name__ == "__main__":  # ``python -m ui.launcher``: as the installed ``swdesk`` does
    sys.exit(main())
