"""Writing the station's package: every change the city has not acknowledged.

Cumulative on purpose: each package starts after the last acknowledged change,
so a lost or damaged stick costs nothing; the next package carries it again.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from swdesk import __version__, settings
from swdesk.db import epochs
from swdesk.errors import SwdeskError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.base import now
from swdesk.model.sync import SyncPackage
from swdesk.os_words import reason
from swdesk.services import journal
from swdesk.services.actor import Actor
from swdesk.sync import (
    codec,
    crypto,
    enrolment,
    format,
    lines,
    nogc,
    outgoing_files,
    package_write,
    zipwrite,
)
from swdesk.sync.spool import SecondReader

log = logging.getLogger(__name__)

EXPORT_CACHE_KIB = 256 * 1024
# From this many changes on, a second process reads every table but the biggest (in
# rows and in work per row: service records, with their people) at the same time.
# (Splitting the biggest one between both readers measured slower: more to spool and
# compress at the end, and both readers then need its pending rows. The second reader
# only finds the records' newest changes for the main one, see spool.)
PARALLEL_FROM = 50_000
BIG = "service_record"


@dataclass
class Exported:
    path: Path
    number: int
    seq_from: int
    seq_to: int
    counts: dict[str, int]
    files: int = 0  # attachments' files it carries
    file_bytes: int = 0

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


Progress = Callable[[int, int], None]  # (rows read, rows in all); may raise to stop


class _Tally:
    """Rows read so far by both readers, for the progress callback (main thread only)."""

    def __init__(self, progress: Progress | None, ours: int,
                 second: SecondReader | None) -> None:
        self.progress = progress
        self.ours = ours  # rows the main connection reads
        self.read = 0
        self.second = second

    def add(self, rows: int) -> None:
        self.read += rows
        if self.progress is not None:
            other = self.second
            self.progress(self.read + (other.read if other else 0),
                          self.ours + (other.total if other else 0))


def _entity_lines(entity: codec.Entity, pending: int, counts: dict[str, int],
                  tally: _Tally, after: int | None,
                  seqs: Callable[[], bytes | None] | None) -> Iterator[bytes]:
    """The entity's lines in blocks (the ZIP writer's cost is per call), counting them."""
    counts[entity.name] = 0
    for block in lines.blocks(database.connection(), entity, pending, after, seqs):
        counts[entity.name] += len(block)
        tally.add(len(block))
        yield lines.joined(entity, block)


@dataclass(frozen=True)
class ExportPlan:
    """How an export may read the station's rows: chosen once, by its caller.

    ``second_process``: a big package's other tables may be read by a second process
    (``spool``). Only where the caller's program starts with an
    ``if __name__ == "__main__":`` guard, which the new process needs: it imports the
    program's main module again.
    """

    second_process: bool = False

    @classmethod
    def in_process(cls) -> ExportPlan:
        """Everything on this connection: tests, scripts, programs without the guard."""
        return cls(second_process=False)

    @classmethod
    def station_program(cls) -> ExportPlan:
        """The station's window and command line (both have the guard)."""
        return cls(second_process=True)


IN_PROCESS = ExportPlan.in_process()  # the default: safe in any program


class Readers(Enum):
    """Who reads which table of one package."""

    ONE = "one"  # this connection reads every table
    # A second process reads every table but BIG; this connection lists BIG's pending rows.
    TWO = "two"
    # The same, but BIG (most of it pending) is read whole, without first listing a
    # million pending rows; its newest changes come from the second reader (or else from
    # the change log, row by row).
    TWO_BIG_WHOLE = "two, big whole"


@dataclass(frozen=True)
class Reading:
    """What one package holds and how it is read: decided once, in the export's snapshot."""

    seq_from: int  # the first change it carries: the one after the acknowledged one
    seq_to: int  # the snapshot's newest change
    readers: Readers
    pending: dict[str, int]  # entity -> rows this connection reads
    second: SecondReader | None  # started, for Readers.TWO and TWO_BIG_WHOLE

    def seqs_of(self, name: str) -> Callable[[], bytes | None] | None:
        """Where the entity's newest changes come from if it is read whole, else None."""
        if self.readers is Readers.TWO_BIG_WHOLE and name == BIG and self.second:
            return self.second.seq_image
        return None

    @classmethod
    def choose(cls, con: sqlite3.Connection, plan: ExportPlan, acked: int, seq_to: int,
               own_temp: bool, staging: Path) -> Reading:
        """Decide who reads what (starting the second reader if it is to read).

        ``own_temp``: the export's temporary tables are its own (no caller's transaction):
        only then can the second reader hand over the records' change numbers.
        """
        if not plan.second_process or lines.changes_after(con, acked) < PARALLEL_FROM:
            # (A small package needs neither the count of BIG nor the table scan.)
            return cls(acked + 1, seq_to, Readers.ONE, lines.prepare(con, acked), None)
        big = lines.changes_after(con, acked, BIG)
        whole = lines.scans(con, BIG, big)
        second = _second_reader(acked, staging, BIG if whole and own_temp else None, seq_to)
        if second is None:  # it cannot start: the same package, only slower
            return cls(acked + 1, seq_to, Readers.ONE, lines.prepare(con, acked), None)
        if whole:
            return cls(acked + 1, seq_to, Readers.TWO_BIG_WHOLE, {BIG: big}, second)
        return cls(acked + 1, seq_to, Readers.TWO, lines.prepare(con, acked, [BIG]), second)


def export_package(station: StationHandle, out_dir: Path, progress: Progress | None = None,
                   *, plan: ExportPlan = IN_PROCESS, budget: int | None = None) -> Exported:
    """Write one package of ``station`` into ``out_dir``, read as ``plan`` allows.

    Only this station's data folder is written to (its staging folder, its sync mark)
    besides ``out_dir``; the models work on its database for the call.

    ``progress(read, total)`` hears how many rows are read so far; an exception it
    raises (a cancel) stops the export, and nothing is written but the used number.

    The rows always go; the attachments' files not acknowledged yet fill the package up
    to its size budget (``settings.SYNC_PACKAGE_MB``; ``budget``: bytes of the inner
    ZIP instead, for tests), the rest waits for the next package (``outgoing_files``).
    """
    with station.bound():
        return _export(station.data_dir, out_dir, station.actor, progress, plan, budget)


def _export(data_dir: Path, out_dir: Path, actor: Actor, progress: Progress | None,
            plan: ExportPlan, budget: int | None = None) -> Exported:
    ident = enrolment.identity()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SwdeskError(_("无法写入文件夹 {}：{}", "Cannot write to the folder {}: {}").format(
            out_dir, reason(exc))) from None
    with database.atomic():  # reserve the number first: a number is never used twice
        epochs.check(database.connection(), data_dir)  # a database put back by hand?
        epoch = epochs.current(database.connection())
        number = settings.SYNC_OUT_NO.get() + 1
        settings.SYNC_OUT_NO.set(number)
    epochs.write_mark(data_dir, epoch, number)
    acked = settings.ACKED_SEQ.get()
    counts: dict[str, int] = {}
    public = ident.keys.public()
    manifest: dict[str, Any] = {
        "format": format.FORMAT_VERSION, "kind": "station", "suite": crypto.SUITE_NAME,
        "schema": format.PAYLOAD_SCHEMA, "app": f"swdesk {__version__}",
        "city": ident.city, "station": ident.station, "number": number, "epoch": epoch,
        "created_at": now().isoformat(sep=" "), "seq_from": acked + 1,
        "basis": settings.SYNC_IN_NO.get(), "counts": counts,
        "station_keys": {"sign": public.sign, "kem": public.kem},
        "proof": enrolment.proof(ident.token, ident.city, ident.station, public),
    }
    path = out_dir / format.file_name("station", ident.station, number)
    staging = data_dir / "staging"
    format.private_folder(staging)  # (plain data go there: this user only)
    # One read transaction: the rows, their change numbers and seq_to come from one
    # snapshot even if someone saves a record meanwhile. The second reader's snapshot is
    # the same or later: a row it reads newer than seq_to goes again in the next package,
    # which the city takes as a duplicate.
    con = database.connection()
    with lines.temp_in_memory(con) as own, database.atomic(), nogc.paused():
        (seq_to,) = database.execute_sql(
            "SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
        manifest["seq_to"] = int(seq_to)
        # A full package joins a million rows to their linked rows: give SQLite room for
        # the linked tables while it runs (the connection's own setting comes back after).
        (cache,) = database.execute_sql("PRAGMA cache_size").fetchone()
        database.execute_sql(f"PRAGMA cache_size = {min(int(cache), -EXPORT_CACHE_KIB)}")
        reading: Reading | None = None
        files = outgoing_files.batch(data_dir, budget)
        try:
            reading = Reading.choose(con, plan, acked, int(seq_to), own, staging)
            package_write.write_package(path, manifest, _entries(reading, counts, progress, files),
                                 ident.keys, ident.city_keys, work_dir=staging)
        except OSError as exc:
            raise SwdeskError(_("无法写入同步包 {}：{}", "Cannot write the package {}: {}")
                              .format(path, reason(exc))) from None
        finally:
            if reading is not None and reading.second is not None:
                reading.second.close()
            database.execute_sql(f"PRAGMA cache_size = {int(cache)}")
            lines.finish(con)
    with database.atomic():
        SyncPackage.create(direction="out", number=number, file_name=path.name,
                           file_hash=format.file_sha256(path), seq_from=acked + 1,
                           seq_to=int(seq_to), rows=sum(counts.values()), status="written")
        settings.SYNC_SENT_SEQ.set(int(seq_to))
        outgoing_files.record_sent(files.chosen, number)
        file_bytes = sum(size for _sha, size in files.chosen)
        journal.audit(actor, "sync-export", "", path.name, {
            "number": number, "rows": sum(counts.values()), "seq_from": acked + 1,
            "seq_to": int(seq_to), "files": len(files.chosen), "file_bytes": file_bytes})
    return Exported(path, number, acked + 1, int(seq_to), counts, len(files.chosen),
                    file_bytes)


def _entries(reading: Reading, counts: dict[str, int], progress: Progress | None,
             files: zipwrite.FileBatch) -> package_write.Entries:
    """The package's files, streamed block by block to keep memory flat; ``counts`` fill
    in before the manifest is written (write_package writes it after the payload)."""
    second = reading.second
    tally = _Tally(progress, sum(reading.pending.values()), second)
    for name in codec.ORDER:
        if reading.pending.get(name):
            seqs = reading.seqs_of(name)
            yield (f"rows.{name}.jsonl", _entity_lines(
                codec.ENTITIES[name], reading.pending[name], counts, tally,
                reading.seq_from - 1 if seqs else None, seqs))
    if second is not None:
        for name, rows, deflated in second.results():
            counts[name] = rows
            yield f"rows.{name}.jsonl", deflated
        tally.add(0)
    yield "files", files  # last: what the rows left of the budget


def _second_reader(acked: int, staging: Path, seqs_of: str | None,
                   seq_to: int) -> SecondReader | None:
    """The second reader, started; None if it cannot start (the package is then read
    on this connection alone, only slower)."""
    try:
        reader = SecondReader(Path(database.obj.database), acked,
                              [n for n in codec.ORDER if n != BIG], staging,
                              EXPORT_CACHE_KIB, seqs_of=seqs_of, seq_to=seq_to)
    except OSError:
        log.warning("cannot make the second reader's spool folder", exc_info=True)
        return None
    try:
        reader.start()  # the records' change numbers first, then its own tables
    except Exception:  # (no process for it here: the same package, only slower)
        log.warning("cannot start the second reader", exc_info=True)
        reader.close()
        return None
    return reader
