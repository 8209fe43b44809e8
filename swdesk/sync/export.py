"""Writing the station's package: every change the city has not acknowledged.

Cumulative on purpose: each package starts after the last acknowledged change,
so a lost or damaged stick costs nothing; the next package carries it again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk import __version__
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.base import now
from swdesk.model.sync import SyncPackage, SyncRow
from swdesk.sync import codec, crypto, enrolment, format, rows


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
    for entity, uid, seq in database.execute_sql(
            "SELECT entity, row_uid, max(seq) FROM change_log WHERE seq > ? "
            "GROUP BY entity, row_uid", (acked,)):
        out.setdefault(entity, {})[uid] = int(seq)
    return out


def _bases(entity: str, uids: set[str]) -> dict[str, dict[str, Any]]:
    query = SyncRow.select(SyncRow.row_uid, SyncRow.base).where(
        (SyncRow.entity == entity) & SyncRow.base.is_null(False))
    if len(uids) <= rows.SCAN_THRESHOLD:
        out: dict[str, dict[str, Any]] = {}
        for part in rows._chunks(sorted(uids)):
            out.update((r.row_uid, json.loads(r.base))
                       for r in query.where(SyncRow.row_uid.in_(part)))
        return out
    return {r.row_uid: json.loads(r.base) for r in query if r.row_uid in uids}


def _entity_lines(entity: codec.Entity, wanted: dict[str, int]) -> list[bytes]:
    db = database.obj
    (total,) = db.execute_sql(f'SELECT count(*) FROM "{entity.name}"').fetchone()
    found = rows.read_rows(db, entity, set(wanted), total)
    bases = {} if entity.append_only else _bases(entity.name, set(wanted))
    out: list[bytes] = []
    for row in found:
        row[codec.SEQ] = wanted[row["uid"]]
        base = bases.get(row["uid"])
        if base is not None:
            data = rows.data_of(entity, row)
            row[codec.BASE] = {k: base.get(k) for k, v in data.items() if base.get(k) != v}
        out.append(rows.line(row))
    # Few large writes: the ZIP writer's cost is per call.
    return [b"".join(out[i:i + 5000]) for i in range(0, len(out), 5000)]


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

    def entries() -> Iterator[tuple[str, list[bytes]]]:
        # One entity at a time, to keep memory flat; counts fill in before the manifest
        # is written (write_package writes it after the payload).
        for name in codec.ORDER:
            wanted = pending.get(name)
            if wanted:
                lines = _entity_lines(codec.ENTITIES[name], wanted)
                counts[name] = sum(block.count(b"\n") for block in lines)
                yield f"rows.{name}.jsonl", lines

    try:
        format.write_package(path, manifest, entries(), ident.keys, ident.city_keys)
    except OSError as exc:
        raise SwdeskError(_("无法写入同步包 {}：{}", "Cannot write the package {}: {}").format(
            path, exc.strerror)) from None
    with database.atomic():
        SyncPackage.create(direction="out", number=number, file_name=path.name,
                           file_hash=format.file_sha256(path), seq_from=acked + 1,
                           seq_to=int(seq_to), rows=sum(counts.values()), status="written")
        enrolment.set_setting("sync_sent_seq", int(seq_to))
    return Exported(path, number, acked + 1, int(seq_to), counts)
