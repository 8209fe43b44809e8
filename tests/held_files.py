"""Windows' refusal to touch a file another program holds open, simulated on Linux.

A PDF open in Acrobat or a workbook open in WPS or Excel cannot be opened for writing
nor replaced: Windows raises PermissionError with ``winerror`` 32 (a sharing
violation). Antivirus and OneDrive hold a freshly written file the same way, for a
moment. :class:`HeldFiles` makes ``open`` for writing and ``os.replace`` onto a held
path fail like that, always or for the first few tries.
"""

from __future__ import annotations

import builtins
import fnmatch
import io
import os
from pathlib import Path
from typing import Any

import pytest

SHARING_VIOLATION = 32


def held_error(path: object) -> PermissionError:
    exc = PermissionError(13, "The process cannot access the file because it is being used "
                              "by another process", str(path))
    exc.winerror = SHARING_VIOLATION  # type: ignore[attr-defined]  # set only on Windows
    return exc


class HeldFiles:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._held: dict[Path, int | None] = {}  # path → refusals left (None: until closed)
        self._replace_only: set[Path] = set()
        self._patterns: list[tuple[Path, str, int]] = []  # folder, name pattern, refusals
        self.refused: list[Path] = []
        real_replace, real_open = os.replace, io.open

        def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
            self._check(src, replacing=True)
            self._check(dst, replacing=True)
            real_replace(src, dst, *args, **kwargs)

        def open_(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, (str, os.PathLike)) and any(c in mode for c in "wax+"):
                self._check(file)
            return real_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(io, "open", open_)
        monkeypatch.setattr(builtins, "open", open_)

    def hold(self, path: Path, times: int | None = None, *, opens: bool = True) -> None:
        """Hold ``path``: refuse it ``times`` times, or every time when None.

        ``opens=False``: only renaming it (or onto it) is refused, as when antivirus
        scans a file the program itself has just written and closed.
        """
        key = Path(path).resolve()
        self._held[key] = times
        if not opens:
            self._replace_only.add(key)

    def hold_fresh(self, folder: Path, pattern: str, times: int) -> None:
        """Refuse renaming any file named like ``pattern`` in ``folder`` the first
        ``times`` times each (antivirus scanning files the program writes)."""
        self._patterns.append((Path(folder).resolve(), pattern, times))

    def _check(self, path: Any, replacing: bool = False) -> None:
        key = Path(os.fsdecode(path)).resolve()
        for folder, pattern, times in self._patterns:
            if replacing and key.parent == folder and fnmatch.fnmatch(key.name, pattern) \
                    and key not in self._held:
                self.hold(key, times, opens=False)
        if key not in self._held or (key in self._replace_only and not replacing):
            return
        left = self._held[key]
        if left is not None:
            if left <= 0:
                return
            self._held[key] = left - 1
        self.refused.append(key)
        raise held_error(key)
