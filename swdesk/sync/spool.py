"""A second reader for big packages: other tables in another process, into spool files.

A full package is two million rows; exported on one connection it takes about 40 s of
CPU. A second connection in a thread of the same process gained nothing measurable:
the ``sqlite3`` module takes Python's lock back after every row, and two threads doing
that wait on each other (two 7 s reads took 16 s in threads, 9 s in two processes).
So this reader is a process of its own (``spawn``: nothing of the station's process is
copied into it). It reads every table but the biggest on its own connection, each by
row id (``lines.by_id``), and compresses their lines into spool files that the ZIP
writer then only copies (``zipwrite``).

Before its tables it makes, for the main connection, the biggest table's rows by id
with their newest change (``lines.seq_image``): the main connection groups the
records' people meanwhile, and then reads the records with no look-up in the change
log. Its log records go to the station's process and its log.

The spool files live in a folder of their own in the station's staging folder, which
``close`` removes.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import pickle
import queue
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk.db.location import readonly_uri
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.sync import codec, lines, zipwrite

_CHUNK = 1024 * 1024
_POLL_S = 0.2  # how often a wait looks whether the reader is still alive
_STOP_S = 10  # how long a stopped reader may take to end before it is terminated


@dataclass(frozen=True)
class _Job:
    db_path: Path
    acked: int
    entities: tuple[str, ...]
    folder: Path
    cache_kib: int
    seqs_of: str | None
    seq_to: int


class SecondReader:
    """Reads the pending rows of ``entities`` into one spool file each, in a process.

    ``start()``, then ``seq_image()`` (if ``seqs_of``) and ``results()``; ``close()`` at
    the end, also when failing. ``total`` and ``read`` count its rows for progress.
    """

    def __init__(self, db_path: Path, acked: int, entities: Collection[str], spool_dir: Path,
                 cache_kib: int, seqs_of: str | None = None, seq_to: int = 0) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="reader-", dir=spool_dir))
        self._job = _Job(db_path, acked, tuple(entities), self.folder, cache_kib, seqs_of,
                         seq_to)
        context = multiprocessing.get_context("spawn")
        self._messages: multiprocessing.Queue[tuple[Any, ...]] = context.Queue()
        self._stop = context.Event()
        self._process = context.Process(target=_run, args=(self._job, self._messages,
                                                           self._stop),
                                        name="swdesk-export-reader", daemon=True)
        self._total = 0
        self._read = 0
        self._seqs: bytes | None = None
        self._seqs_made = False
        self._done: dict[str, tuple[int, int, int, int]] = {}  # rows, crc, size, compressed
        self._ended = False

    def start(self) -> None:
        self._process.start()

    @property
    def total(self) -> int:
        self._take_waiting()
        return self._total

    @property
    def read(self) -> int:
        self._take_waiting()
        return self._read

    def seq_image(self) -> bytes | None:
        """The ``lines.seq_image`` of ``seqs_of``, once made (None if not asked for)."""
        while not self._seqs_made:
            self._take_next()
        return self._seqs

    def results(self) -> Iterator[tuple[str, int, zipwrite.Deflated]]:
        """Once the reader has ended: (entity, rows, its deflated lines), in applying
        order."""
        while not self._ended:
            self._take_next()
        for name in codec.ORDER:
            if name in self._done:
                rows, crc, size, compressed = self._done[name]
                yield name, rows, zipwrite.Deflated(
                    _chunks(self.folder / _spool_name(name)), crc, size, compressed)

    def close(self) -> None:
        """Stop the reader if it still runs, and remove its spool files."""
        if self._process.is_alive():
            self._stop.set()
            deadline = time.monotonic() + _STOP_S
            while self._process.is_alive() and time.monotonic() < deadline:
                self._drain()  # (a process whose messages are not taken cannot end)
                self._process.join(_POLL_S)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join()
        if self._process.pid is not None:
            self._process.close()
        self._messages.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def _drain(self) -> None:
        try:
            while True:
                self._messages.get_nowait()
        except (queue.Empty, OSError, EOFError):
            pass

    def _take_waiting(self) -> None:
        try:
            while True:
                self._handle(self._messages.get_nowait())
        except queue.Empty:
            pass

    def _take_next(self) -> None:
        """Handle the reader's next message, waiting for it; a reader that ended without
        saying why is an error too."""
        while True:
            try:
                self._handle(self._messages.get(timeout=_POLL_S))
                return
            except queue.Empty:
                if not self._process.is_alive():
                    try:  # (its last message may have come meanwhile)
                        self._handle(self._messages.get(timeout=_POLL_S))
                        return
                    except queue.Empty:
                        raise SwdeskError(_(
                            "读取数据的后台进程意外结束（代码 {}）",
                            "The process reading the data ended unexpectedly (code {})",
                        ).format(self._process.exitcode)) from None

    def _handle(self, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "seqs":
            self._seqs, self._seqs_made = message[1], True
        elif kind == "total":
            self._total = message[1]
        elif kind == "read":
            self._read = message[1]
        elif kind == "entity":
            self._done[message[1]] = message[2:]
        elif kind == "end":
            self._ended = True
        elif kind == "log":  # into this process's log, where the station's log goes
            logging.getLogger(message[2]).log(message[1], "%s", message[3])
        elif kind == "error":
            raise pickle.loads(message[1])


def _spool_name(entity: str) -> str:
    return f"{entity}.deflate"


class _LogToStation(logging.Handler):
    """Sends the reader's log records to the station's process (``"log"`` messages)."""

    def __init__(self, out: multiprocessing.Queue[tuple[Any, ...]]) -> None:
        super().__init__(logging.INFO)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        self.out.put(("log", record.levelno, record.name, record.getMessage()))


def _run(job: _Job, out: multiprocessing.Queue[tuple[Any, ...]], stop: Any) -> None:
    """The reader process: every message goes into ``out``; an error as its pickle."""
    gc.disable()  # millions of short-lived tuples, no cycles (see nogc)
    logging.getLogger().addHandler(_LogToStation(out))
    logging.getLogger().setLevel(logging.INFO)
    try:
        con = sqlite3.connect(readonly_uri(job.db_path), uri=True, isolation_level=None)
        try:
            con.execute(f"PRAGMA cache_size = {-job.cache_kib}")
            con.execute("PRAGMA temp_store = MEMORY")  # see lines.temp_in_memory
            out.put(("seqs", None if job.seqs_of is None else
                     lines.seq_image(con, job.seqs_of, job.acked, job.seq_to)))
            lines.attach_seqs(con)  # (SQLite cannot detach it within the transaction)
            con.execute("BEGIN")  # one snapshot for all of this reader's tables
            pending = {name: lines.by_id(con, name, job.acked) for name in job.entities}
            out.put(("total", sum(pending.values())))
            read = 0
            for name in codec.ORDER:
                if not pending.get(name):
                    continue
                deflater = zipwrite.Deflater()
                rows = 0
                with open(job.folder / _spool_name(name), "wb") as f:
                    entity = codec.ENTITIES[name]
                    for block in lines.blocks(con, entity, pending[name], filled=True):
                        if stop.is_set():
                            out.cancel_join_thread()  # nobody waits for the rest
                            return
                        rows += len(block)
                        read += len(block)
                        f.write(deflater.compress(lines.joined(entity, block)))
                        out.put(("read", read))
                    f.write(deflater.flush())
                    compressed = f.tell()
                out.put(("entity", name, rows, deflater.crc, deflater.size, compressed))
            con.execute("ROLLBACK")
        finally:
            con.close()
        out.put(("end",))
    except BaseException as exc:  # handed to the station's process
        try:
            data = pickle.dumps(exc)
        except Exception:  # an error that cannot travel: its text does
            data = pickle.dumps(RuntimeError(repr(exc)))
        out.put(("error", data))


def _chunks(path: Path) -> Iterator[bytes]:
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            yield chunk
