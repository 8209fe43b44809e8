"""A second reader for big packages: other tables on their own connection, into spool files.

SQLite builds a package's lines in C and lets go of Python's lock meanwhile, so a
second read-only connection in a thread reads the other tables while the main
connection reads the biggest one and the ZIP writer compresses it: on two cores a
full package takes about half the time. This reader compresses its own lines (zlib
lets go of the lock too) into spool files that the ZIP writer then only copies
(``zipwrite``). The spool files live in the station's staging folder and are gone
once read or on error.
"""

from __future__ import annotations

import sqlite3
import tempfile
import threading
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import IO

from swdesk.db.connection import readonly_uri
from swdesk.sync import codec, lines, zipwrite

_CHUNK = 1024 * 1024


class SecondReader(threading.Thread):
    """Reads the pending rows of ``entities`` into one spool file each."""

    def __init__(self, db_path: Path, acked: int, entities: Collection[str], spool_dir: Path,
                 cache_kib: int) -> None:
        super().__init__(name="swdesk-export-reader", daemon=True)
        self.db_path = db_path
        self.acked = acked
        self.entities = entities
        self.spool_dir = spool_dir
        self.cache_kib = cache_kib
        self.files: dict[str, IO[bytes]] = {}
        self.counts: dict[str, int] = {}
        self.deflaters: dict[str, zipwrite.Deflater] = {}
        self.error: BaseException | None = None
        self.stopping = threading.Event()
        # Read by the main thread for progress (plain ints: safe to read while they change).
        self.total = 0
        self.read = 0

    def run(self) -> None:
        try:
            con = sqlite3.connect(readonly_uri(self.db_path), uri=True, isolation_level=None)
            try:
                con.execute(f"PRAGMA cache_size = {-self.cache_kib}")
                con.execute("PRAGMA temp_store = MEMORY")  # see lines.temp_in_memory
                con.execute("BEGIN")  # one snapshot for all of this reader's tables
                pending = lines.prepare(con, self.acked, self.entities)
                self.total = sum(pending.values())
                for name in codec.ORDER:
                    if pending.get(name) and not self.stopping.is_set():
                        self._read(con, name, pending[name])
                con.execute("ROLLBACK")
            finally:
                con.close()
        except BaseException as exc:  # handed to the main thread by results()
            self.error = exc

    def _read(self, con: sqlite3.Connection, name: str, pending: int) -> None:
        # Closed by results() once read, or by close().
        f = self.files[name] = tempfile.TemporaryFile(dir=self.spool_dir)  # noqa: SIM115
        self.counts[name] = self._write(con, name, pending, f)

    def _write(self, con: sqlite3.Connection, name: str, pending: int, f: IO[bytes]) -> int:
        count = 0
        deflater = self.deflaters[name] = zipwrite.Deflater()
        for block in lines.blocks(con, codec.ENTITIES[name], pending):
            if self.stopping.is_set():
                break
            count += len(block)
            self.read += len(block)
            block.append(b"")
            f.write(deflater.compress(b"\n".join(block)))
        f.write(deflater.flush())
        return count

    def results(self) -> Iterator[tuple[str, int, zipwrite.Deflated]]:
        """After the thread ends: (entity, rows, its deflated lines), in applying order."""
        self.join()
        if self.error is not None:
            raise self.error
        for name in codec.ORDER:
            if name in self.files:
                f = self.files.pop(name)
                d = self.deflaters[name]
                yield name, self.counts[name], zipwrite.Deflated(
                    _chunks(f), d.crc, d.size, f.tell())

    def close(self) -> None:
        """Stop early if still running, and drop whatever was not read."""
        self.stopping.set()
        if self.is_alive():
            self.join()
        for f in self.files.values():
            f.close()
        self.files.clear()


def _chunks(f: IO[bytes]) -> Iterator[bytes]:
    try:
        f.seek(0)
        while chunk := f.read(_CHUNK):
            yield chunk
    finally:
        f.close()
