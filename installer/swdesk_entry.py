"""Entry script of the bundled program: the ``swdesk`` console script, nothing more.

With ``SWDESK_SMOKE_TEST=1`` and no command it opens the window as usual, signs in
with ``SWDESK_SMOKE_USER`` / ``SWDESK_SMOKE_PASSWORD`` if a sign-in dialog asks,
prints ``smoke: main window shown`` once the main window is on screen, waits for
the window's background tasks to finish and closes it as a user would.
CI and tests/installer/test_bundle.py use this to check that the built bundle
really reaches its main window; it lives here so the application code carries no
test hooks.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from pathlib import Path

SMOKE_TIMEOUT_S = 60.0
_started = time.perf_counter()


def _say(text: str) -> None:
    if sys.stdout is not None:  # None in a windowed Windows build
        print(f"smoke: {text} ({time.perf_counter() - _started:.3f} s)", flush=True)


def _open_window_for_smoke_test(data_dir: Path) -> int:
    from PySide6.QtCore import QThreadPool, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QMainWindow, QPushButton

    from ui.app import run

    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    state = {"shown": False, "signed_in": False, "idle_polls": 0}

    def sign_in(dialog: QDialog) -> None:
        user = dialog.findChild(QLineEdit, "username")
        password = dialog.findChild(QLineEdit, "password")
        default = [b for b in dialog.findChildren(QPushButton) if b.isDefault()]
        if user is None or password is None or not default:
            return
        state["signed_in"] = True
        _say(f"signing in at {dialog.objectName() or type(dialog).__name__}")
        user.setText(os.environ.get("SWDESK_SMOKE_USER", ""))
        password.setText(os.environ.get("SWDESK_SMOKE_PASSWORD", ""))
        default[0].click()

    def poll() -> None:
        windows = [w for w in app.topLevelWidgets() if w.isVisible()]
        main_windows = [w for w in windows if isinstance(w, QMainWindow)]
        if main_windows and not state["shown"]:
            state["shown"] = True
            _say("main window shown")
        busy = QThreadPool.globalInstance().activeThreadCount() > 0
        state["idle_polls"] = 0 if busy or not main_windows else state["idle_polls"] + 1
        if state["idle_polls"] >= 10:  # 100 ms without a background task: the page has loaded
            _say("idle, closing the main window")
            timer.stop()
            main_windows[0].close()  # the last window closed quits the application
            return
        dialogs = [w for w in windows if isinstance(w, QDialog)]
        if dialogs and not state["signed_in"]:
            sign_in(dialogs[0])
        if time.perf_counter() - _started > SMOKE_TIMEOUT_S:
            names = ", ".join(w.objectName() or type(w).__name__ for w in windows)
            _say(f"gave up after {SMOKE_TIMEOUT_S:.0f} s; visible: {names or 'nothing'}")
            timer.stop()
            for widget in windows:  # leave any modal loop, then the main one
                widget.close()
            app.exit(3)

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(poll)
    timer.start()
    code = run(data_dir)
    _say(f"window closed, exit code {code}")
    return code if state["shown"] else 3


def main() -> int:
    # A large ingest at the city hub prepares rows in worker processes; in the bundle
    # those start as this program, which must hand them over to multiprocessing.
    multiprocessing.freeze_support()
    if os.environ.get("SWDESK_SMOKE_TEST") == "1":
        from swdesk.cli import main as cli_main

        return cli_main(open_window=_open_window_for_smoke_test)
    from ui.launcher import main as launcher_main

    return launcher_main()


if __name__ == "__main__":
    raise SystemExit(main())
