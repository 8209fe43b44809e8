"""The ``swdesk`` console script: the core's command line, plus the window when no command is given.

Kept out of the core so that ``swdesk`` (the package) never imports Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from swdesk.cli import main as cli_main


def _open_window(data_dir: Path) -> int:
    from ui.app import run  # Qt is imported only when a window is wanted

    return run(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    return cli_main(argv, open_window=_open_window)


if __name__ == "__main__":  # ``python -m ui.launcher``: as the installed ``swdesk`` does
    import sys

    sys.exit(main())
