"""A big ledger's rows read in a second process while this one checks them.

openpyxl spends as long parsing a sheet's XML as the import spends checking its rows
(bench/README.md); both want Python's lock, so a thread gains nothing. A process of its
own (``spawn``: nothing of the caller is copied into it) reads the rows and hands them
over in chunks through a bounded queue, so reading and checking overlap on two cores.
Only worth its start (about half a second: a new interpreter importing openpyxl and
opening the workbook again) for a big sheet: the caller decides.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

from swdesk.errors import SwdeskError
from swdesk.i18n import _

CHUNK = 500  # rows a message
_DEPTH = 16  # chunks waiting at most: a slow checker does not fill the memory
_POLL_S = 0.5  # how often a wait looks whether the reader is still alive
_STOP_S = 5

Cells = tuple[Any, ...]


class RowsInProcess:
    """The rows of ``sheet`` from ``min_row`` on, read by another process. A context
    manager: leaving it stops the reader if the rows were not all taken."""

    def __init__(self, path: Path, sheet: str, min_row: int) -> None:
        context = multiprocessing.get_context("spawn")
        self._queue: multiprocessing.Queue[tuple[Any, ...]] = context.Queue(_DEPTH)
        self._process = context.Process(target=_read, args=(str(path), sheet, min_row,
                                                            self._queue), daemon=True)
        self._process.start()

    def __enter__(self) -> RowsInProcess:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __iter__(self) -> Iterator[Cells]:
        while True:
            message = self._next()
            if message[0] == "rows":
                yield from message[1]
            elif message[0] == "end":
                return
            else:
                raise SwdeskError(_("读取工作表时出错：{}", "Reading the sheet failed: {}")
                                  .format(message[1]))

    def _next(self) -> tuple[Any, ...]:
        while True:
            try:
                return self._queue.get(timeout=_POLL_S)
            except queue.Empty:
                if not self._process.is_alive():
                    try:  # (what it put just before it ended)
                        return self._queue.get(timeout=_POLL_S)
                    except queue.Empty:
                        raise SwdeskError(_(
                            "读取工作表的进程意外退出（代码 {}）",
                            "The process reading the sheet ended unexpectedly (code {})")
                            .format(self._process.exitcode)) from None

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(_STOP_S)
        self._queue.close()
        self._queue.cancel_join_thread()


def _read(path: str, sheet: str, min_row: int, out: multiprocessing.Queue[tuple[Any, ...]]
          ) -> None:
    try:
        # In the reader process only: the parent has it already.
        import openpyxl

        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            chunk: list[Cells] = []
            for cells in book[sheet].iter_rows(min_row=min_row, values_only=True):
                chunk.append(tuple(cells))
                if len(chunk) == CHUNK:
                    out.put(("rows", chunk))
                    chunk = []
            if chunk:
                out.put(("rows", chunk))
        finally:
            book.close()
        out.put(("end",))
    except Exception as exc:  # (whatever it is, the parent says it)
        out.put(("error", f"{type(exc).__name__}: {exc}"[:300]))
