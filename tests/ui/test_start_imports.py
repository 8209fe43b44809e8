"""Issue 26: starting the window loads no heavy library that only some pages need.

reportlab (printouts), openpyxl (Excel), pypdfium2 (showing a PDF), cryptography (sync
packages, enrolling) and pypinyin (new names) load when a page first needs them; so do
the window's lists and forms (the first page, the 工作台, has neither), the package
metadata (the About box's), and, until the window has painted, the About box (its
upgrade notice is read after), the guide and the first-run wizard. Checked in a fresh
interpreter, as a station PC starts the program.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "openpyxl", "pypdfium2", "cryptography", "pypinyin",
         "psycopg2")  # (the city hub's driver: the installed program has none)
LATER = ("ui.pages.section", "ui.pages.list_page", "ui.models.lazy_table",
         "ui.forms.entity_form", "importlib.metadata", "ui.shell.first_run", "ui.about",
         "ui.help")
# The station made once, by a process of its own (its migrations load what a day's start
# does not).
MAKE = """
import sys
from pathlib import Path
from swdesk.db import open_station
from swdesk.services import accounts, station
from swdesk.services.actor import SYSTEM

with open_station(Path(sys.argv[1]), create=True):
    station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
    accounts.create_user("admin", "王站长", "Jialian#2024", "admin", SYSTEM)
"""
START = """
import sys
from pathlib import Path
import ui.launcher
ui.launcher.import_window_core()  # (as the program starts a window: the core before Qt)
before_qt = set(sys.modules)
from PySide6.QtWidgets import QApplication
from ui import ops
from ui.app import prepare
from ui.main_window import MainWindow
from ui.shell.context import AppContext
from ui.shell.sign_in import first_run_needed
from ui.shell.sign_in import SignInDialog
from swdesk.db import open_station
from swdesk.services import accounts

data_dir = Path(sys.argv[1])
app = QApplication([])
prepare(app)
sdb = open_station(data_dir)
assert not first_run_needed()
SignInDialog()
actor = accounts.authenticate("admin", "Jialian#2024")
window = MainWindow(sdb, AppContext(actor, data_dir, "王站长"))
window.show()
window.after_show()  # (the reminder, the upgrade notice, the day's first backup …)
while not window.first_paint.painted:
    app.processEvents()
at_paint = set(sys.modules)  # (what ``after_show`` starts runs after the first paint)
while ops.running():
    app.processEvents()
app.processEvents()
loaded = sorted({name.split(".")[0] for name in sys.modules} & set(sys.argv[2].split(",")))
early = sorted(at_paint & set(sys.argv[3].split(",")))
after_qt = sorted(n for n in at_paint - before_qt if n.startswith(("swdesk", "peewee")))
print("loaded:" + ",".join(loaded) + " early:" + ",".join(early)
      + " core after Qt:" + ",".join(after_qt))
window.sdb = None
window.close()
sdb.close()
"""


def test_starting_the_main_window_loads_no_heavy_library(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    subprocess.run([sys.executable, "-c", MAKE, str(tmp_path / "data")], env=env, check=True,
                   timeout=120, cwd=ROOT)
    done = subprocess.run([sys.executable, "-c", START, str(tmp_path / "data"),
                           ",".join(HEAVY), ",".join(LATER)], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    line = done.stdout.strip().splitlines()[-1]
    # (a module of the core the first paint needs and WINDOW_CORE lacks: add it there)
    assert line == "loaded: early: core after Qt:", line


WINDOW = """
import gc
import sys
import ui.launcher
gc.enable()
passes = []
gc.callbacks.append(lambda phase, info: passes.append(phase))
run = ui.launcher.import_window()
from shibokensupport import feature
print(run.__module__, len(passes), gc.isenabled(), gc.get_freeze_count() > 10_000,
      feature._mod_uses_pyside(sys.modules["ui.app"]), "ui.main_window" in sys.modules)
"""


def test_the_window_s_modules_are_imported_without_the_collector_and_frozen() -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run([sys.executable, "-c", WINDOW], env=env, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)
    # (no pass of the collector while they came; on again, with what they made frozen)
    assert done.stdout.split() == ["ui.app", "0", "True", "True", "False", "True"], done.stderr


def test_no_module_of_swdesk_uses_pyside_feature_switches() -> None:
    # (the launcher tells PySide6 that none does: ui.launcher._no_feature_scan)
    using = [str(path.relative_to(ROOT)) for package in ("ui", "swdesk", "tests")
             for path in (ROOT / package).rglob("*.py")
             if "__feature__" in path.read_text(encoding="utf-8")
             and path.name != "launcher.py" and path != Path(__file__)]
    assert using == []
