"""Writing the station's package: every change the city has not acknowledged.

Cumulative on purpose: each package starts after the last acknowledged change,
so a lost or damaged stick costs nothing; the next package carries it again.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from swdesk import __version__
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.base import now
from swdesk.model.sync import SyncPackage
from swdesk.sync import codec, crypto, enrolment, format, rows

EXPORT_CACHE_KIB = 256 * 1024


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


def pending_rows() -> dict[str, dict[str, int]]:
    """entity -> {uid: latest change seq} for every change after the acknowledged one."""
    acked = int(enrolment.setting("acked_seq", "0"))
    out: dict[str, dict[str, int]] = {}
    # In seq order (the primary key, no sort): a row's later change overwrites its earlier one.
    cursor = database.execute_sql(
        "SELECT entity, row_uid, seq FROM change_log WHERE seq > ? ORDER BY seq", (acked,))
    while batch := cursor.fetchmany(rows.BATCH):
        for entity, uid, seq in batch:
            try:
                out[entity][uid] = seq
            except KeyError:
                out[entity] = {uid: seq}
    return out


def _bases(entity: str, uids: Collection[str]) -> dict[str, dict[str, Any]]:
    sql = "SELECT row_uid, base FROM sync_row WHERE entity = ? AND base IS NOT NULL"
    if len(uids) <= rows.SCAN_THRESHOLD:
        out: dict[str, dict[str, Any]] = {}
        for part in rows._chunks(sorted(uids)):
            marks = ",".join("?" * len(part))
            out.update((u, orjson.loads(b)) for u, b in database.execute_sql(
                f"{sql} AND row_uid IN ({marks})", [entity, *part]))
        return out
    return {u: orjson.loads(b) for u, b in database.execute_sql(sql, (entity,)) if u in uids}


def _entity_lines(entity: codec.Entity, wanted: dict[str, int],
                  counts: dict[str, int]) -> Iterator[bytes]:
    """The entity's lines in blocks (the ZIP writer's cost is per call), counting them."""
    db = database.obj
    (total,) = db.execute_sql(f'SELECT count(*) FROM "{entity.name}"').fetchone()
    bases = {} if entity.append_only else _bases(entity.name, wanted.keys())
    counts[entity.name] = 0
    dumps = orjson.dumps
    for batch in rows.iter_rows(db, entity, wanted.keys(), total):
        out: list[bytes] = []
        for row in batch:
            del row["_id"]
            row[codec.SEQ] = wanted[row["uid"]]
            if bases:
                base = bases.get(row["uid"])
                if base is not None:
                    data = rows.data_of(entity, row)
                    row[codec.BASE] = {k: base.get(k) for k, v in data.items()
                                       if base.get(k) != v}
            out.append(dumps(row))
        counts[entity.name] += len(out)
        out.append(b"")
        yield b"\n".join(out)


def export_package(out_dir: Path) -> Exported:
    """Write one package into ``out_dir``; returns what it holds."""
    ident = enrolment.identity()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SwdeskError(_("无法写入文件夹 {}：{}", "Cannot write to the folder {}: {}").format(
            out_dir, exc.strerror)) from None
    acked = int(enrolment.setting("acked_seq", "0"))
    with database.atomic():  # reserve the number first: a number is never used twice
        number = int(enrolment.setting("sync_out_no", "0")) + 1
        enrolment.set_setting("sync_out_no", number)
    (seq_to,) = database.execute_sql("SELECT coalesce(max(seq), 0) FROM change_log").fetchone()
    pending = pending_rows()
    counts: dict[str, int] = {}
    public = ident.keys.public()
    manifest: dict[str, Any] = {
        "format": format.FORMAT_VERSION, "kind": "station", "suite": crypto.SUITE_NAME,
        "schema": format.PAYLOAD_SCHEMA, "app": f"swdesk {__version__}",
        "city": ident.city, "station": ident.station, "number": number,
        "created_at": now().isoformat(sep=" "), "seq_from": acked + 1, "seq_to": int(seq_to),
        "basis": int(enrolment.setting("sync_in_no", "0")), "counts": counts,
        "station_keys": {"sign": public.sign, "kem": public.kem},
        "proof": enrolment.proof(ident.token, ident.city, ident.station, public),
    }
    path = out_dir / format.file_name("station", ident.station, number)

    def entries() -> Iterator[tuple[str, Iterator[bytes]]]:
        # Streamed batch by batch, to keep memory flat; counts fill in before the manifest
        # is written (write_package writes it after the payload).
        for name in codec.ORDER:
            wanted = pending.get(name)
            if wanted:
                yield f"rows.{name}.jsonl", _entity_lines(codec.ENTITIES[name], wanted, counts)

    # A full package joins a million rows to their linked rows: give SQLite room for the
    # linked tables while it runs (the connection's own setting comes back after).
    (cache,) = database.execute_sql("PRAGMA cache_size").fetchone()
    database.execute_sql(f"PRAGMA cache_size = {min(int(cache), -EXPORT_CACHE_KIB)}")
    try:
        format.write_package(path, manifest, entries(), ident.keys, ident.city_keys)
    except OSError as exc:
        raise SwdeskError(_("无法写入同步包 {}：{}", "Cannot write the package {}: {}").format(
            path, exc.strerror)) from None
    finally:
        database.execute_sql(f"PRAGMA cache_size = {int(cache)}")
    with database.atomic():
        SyncPackage.create(direction="out", number=number, file_name=path.name,
                           file_hash=format.file_sha256(path), seq_from=acked + 1,
                           seq_to=int(seq_to), rows=sum(counts.values()), status="written")
        enrolment.set_setting("sync_sent_seq", int(seq_to))
    return Exported(path, number, acked + 1, int(seq_to), counts)
