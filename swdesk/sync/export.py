"""Writing the station's package: every change the city has not acknowledged.

Cumulative on purpose: each package starts after the last acknowledged change,
so a lost or damaged stick costs nothing; the next package carries it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk import __version__
from swdesk.db import epochs
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.base import now
from swdesk.model.sync import SyncPackage
from swdesk.services import journal
from swdesk.services.actor import SYSTEM, Actor
from swdesk.sync import codec, crypto, enrolment, format, lines, nogc
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


def export_package(out_dir: Path, actor: Actor = SYSTEM,
                   progress: Progress | None = None, *, workers: bool = False) -> Exported:
    """Write one package into ``out_dir``; returns what it holds.

    ``progress(read, total)`` hears how many rows are read so far; an exception it
    raises (a cancel) stops the export, and nothing is written but the used number.

    ``workers``: a big package's other tables are read by a second process
    (``spool``). Only where the caller's program starts with an
    ``if __name__ == "__main__":`` guard, which the new process needs: it imports the
    program's main module again (the station's program and command line ask for it).
    """
    ident = enrolment.identity()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SwdeskError(_("无法写入文件夹 {}：{}", "Cannot write to the folder {}: {}").format(
            out_dir, exc.strerror)) from None
    data_dir = Path(database.obj.database).parent
    with database.atomic():  # reserve the number first: a number is never used twice
        epochs.check(database.connection(), data_dir)  # a database put back by hand?
        epoch = epochs.current(database.connection())
        number = int(enrolment.setting("sync_out_no", "0")) + 1
        enrolment.set_setting("sync_out_no", number)
    epochs.write_mark(data_dir, epoch, number)
    acked = int(enrolment.setting("acked_seq", "0"))
    counts: dict[str, int] = {}
    public = ident.keys.public()
    manifest: dict[str, Any] = {
        "format": format.FORMAT_VERSION, "kind": "station", "suite": crypto.SUITE_NAME,
        "schema": format.PAYLOAD_SCHEMA, "app": f"swdesk {__version__}",
        "city": ident.city, "station": ident.station, "number": number, "epoch": epoch,
        "created_at": now().isoformat(sep=" "), "seq_from": acked + 1,
        "basis": int(enrolment.setting("sync_in_no", "0")), "counts": counts,
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
        second: SecondReader | None = None
        try:
            direct = False
            if workers and lines.changes_after(con, acked) >= PARALLEL_FROM:
                # A full package: the service records are read whole, without first
                # listing a million pending rows, their newest changes from the second
                # reader (or else from the change log, row by row). (Only then: a small
                # package needs neither the count nor the table scan.)
                big = lines.changes_after(con, acked, BIG)
                whole = lines.scans(con, BIG, big)
                second = _second_reader(acked, staging, BIG if whole and own else None,
                                        int(seq_to))
                direct = whole and second is not None
            pending = ({BIG: big} if direct else
                       lines.prepare(con, acked, [BIG] if second else None))
            tally = _Tally(progress, sum(pending.values()), second)

            def entries() -> format.Entries:
                # Streamed block by block, to keep memory flat; counts fill in before the
                # manifest is written (write_package writes it after the payload).
                for name in codec.ORDER:
                    if pending.get(name):
                        # (direct: the second reader makes the records' change numbers)
                        seqs = (second.seq_image if direct and second is not None
                                and name == BIG else None)
                        yield (f"rows.{name}.jsonl", _entity_lines(
                            codec.ENTITIES[name], pending[name], counts, tally,
                            acked if seqs else None, seqs))
                if second is not None:
                    for name, rows, deflated in second.results():
                        counts[name] = rows
                        yield f"rows.{name}.jsonl", deflated
                    tally.add(0)

            format.write_package(path, manifest, entries(), ident.keys, ident.city_keys,
                                 work_dir=staging)
        except OSError as exc:
            raise SwdeskError(_("无法写入同步包 {}：{}", "Cannot write the package {}: {}")
                              .format(path, exc.strerror)) from None
        finally:
            if second is not None:
                second.close()
            database.execute_sql(f"PRAGMA cache_size = {int(cache)}")
            lines.finish(con)
    with database.atomic():
        SyncPackage.create(direction="out", number=number, file_name=path.name,
                           file_hash=format.file_sha256(path), seq_from=acked + 1,
                           seq_to=int(seq_to), rows=sum(counts.values()), status="written")
        enrolment.set_setting("sync_sent_seq", int(seq_to))
        journal.audit(actor, "sync-export", "", path.name, {
            "number": number, "rows": sum(counts.values()), "seq_from": acked + 1,
            "seq_to": int(seq_to)})
    return Exported(path, number, acked + 1, int(seq_to), counts)


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
