"""Ingesting station packages at the city: verify, decrypt, apply in one transaction.

Refusals (wrong city, unknown station, bad signature, damaged, replayed or
older package, unknown format …) raise ``PackageRefused`` and write nothing.
A package whose predecessor is missing is held: kept in the hub's ``held/``
folder and tried again after each later package from that station.
"""

from __future__ import annotations

import hmac
import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from swdesk import reference
from swdesk.city import files as hub_files
from swdesk.city import models as m
from swdesk.city import row_states
from swdesk.city.apply_rows import APPLY_CHUNK, Applier
from swdesk.city.city_rows import data_of, read_city_rows
from swdesk.city.db import City
from swdesk.city.prepare import Preparer, Setting, processes_for
from swdesk.i18n import _
from swdesk.model.base import now
from swdesk.sync import codec, crypto, nogc, schemas
from swdesk.sync.enrolment import proof
from swdesk.sync.format import OpenedPackage, PackageRefused, open_package, peek_manifest

log = logging.getLogger(__name__)


@dataclass
class Ingested:
    station: str
    number: int
    status: str  # applied | duplicate | held
    counts: dict[str, int] = field(default_factory=dict)
    message: str = ""
    files: int = 0  # attachments' files it carried (stored, or already held)


def reference_codes() -> dict[str, frozenset[str]]:
    """Codes of every reference list: the built-in ones plus the city's additions; not
    the lists each station keeps for itself (``reference.STATION_LISTS``), whose codes
    the hub cannot know."""
    codes: dict[str, set[str]] = {k: {i["code"] for i in v}
                                  for k, v in reference.builtin().items()}
    for item in m.CityRefItem.select():
        codes.setdefault(item.list_code, set()).add(item.code)
    return {k: frozenset(v) for k, v in codes.items() if k not in reference.STATION_LISTS}


def _sender(city: City) -> Any:
    def lookup(manifest: dict[str, Any]) -> crypto.PublicKeys:
        if manifest["kind"] != "station":
            raise PackageRefused(_("这是市级平台的回执包，不是站点的同步包",
                                   "This is a return package, not a station's package"))
        if manifest["city"] != city.city_id:
            raise PackageRefused(_("这个包是发给另一个市级平台的（{}）",
                                   "This package is addressed to another city hub ({})")
                                 .format(manifest["city"][:40]))
        station = m.CityStation.get_or_none(m.CityStation.code == manifest["station"])
        if station is None:
            raise PackageRefused(_("站点 {} 未在本平台登记", "Station {} is not enrolled here")
                                 .format(manifest["station"][:40]))
        claimed = manifest.get("station_keys")
        if not isinstance(claimed, dict) or not all(
                isinstance(claimed.get(k), str) for k in ("sign", "kem")):
            raise PackageRefused(_("清单缺少站点公钥", "The manifest lacks the station's keys"))
        keys = crypto.PublicKeys(claimed["sign"], claimed["kem"])
        if station.sign_pub:
            if (keys.sign, keys.kem) != (station.sign_pub, station.kem_pub):
                raise PackageRefused(_("这个包不是用站点 {} 登记的密钥签名的（需要重新登记？）",
                                       "This package is not signed with the key registered for "
                                       "station {} (re-enrol it?)").format(station.code))
        else:
            expected = proof(station.token, city.city_id, station.code, keys)
            if not hmac.compare_digest(expected, str(manifest.get("proof", ""))):
                raise PackageRefused(_("站点 {} 的登记凭证不符：请用本平台最新的登记文件重新登记",
                                       "Station {}'s enrolment proof does not match: enrol it "
                                       "again with this hub's latest enrolment file")
                                     .format(station.code))
        return keys
    return lookup


Progress = Callable[[int, int], None]  # (rows applied, rows in the package)


def ingest(city: City, path: Path, *, retry_held: bool = True,
           progress: Progress | None = None, workers: bool = False) -> Ingested:
    """Verify and apply one station package; PackageRefused (nothing written) if it is refused.

    ``progress(done, total)`` hears how far the rows are (a full package takes minutes).
    ``workers``: a large package's rows are read and checked by worker processes
    (``prepare.Preparer``). They are started as new Python processes that import the
    caller's main module: a script must then start its work under
    ``if __name__ == "__main__":``, as the ``swdesk`` command does.
    """
    with open_package(path, city.staging, _sender(city), city.keys) as opened, nogc.paused():
        result = _apply(city, path, opened, progress, workers)
    if result.status == "applied" and retry_held:
        _retry_held(city, result.station, workers)
    return result


def _apply(city: City, path: Path, opened: OpenedPackage, progress: Progress | None,
           workers: bool) -> Ingested:
    man = opened.manifest
    code, number = man["station"], man["number"]
    seq_from: Any = man.get("seq_from")
    seq_to: Any = man.get("seq_to")
    epoch = man.get("epoch", "")  # (a station older than epochs: its first one)
    if not all(isinstance(v, int) and 0 <= v <= codec.MAX_VERSION
               for v in (number, seq_from, seq_to, man.get("basis"))):
        raise PackageRefused(_("清单中的编号或序号范围无效",
                               "The manifest's number or sequence range is invalid"))
    if not 1 <= seq_from <= seq_to + 1 or not _epoch_id(epoch):
        raise PackageRefused(_("清单中的序号范围或编号纪元无效",
                               "The manifest's sequence range or numbering epoch is invalid"))
    station = m.CityStation.get(m.CityStation.code == code)
    if number <= station.last_number:
        seen = m.CityPackage.get_or_none(
            (m.CityPackage.station == code) & (m.CityPackage.kind == "station")
            & (m.CityPackage.number == number) & (m.CityPackage.status == "applied"))
        if seen is not None and seen.file_hash == opened.file_hash:
            return Ingested(code, number, "duplicate", message=_(
                "这个包已经导入过，未作任何改动", "This package was already ingested; nothing "
                "changed"))
        raise PackageRefused(_("这是站点 {} 的旧包或重放的包（第 {} 号，已导入到第 {} 号）",
                               "This is an older or replayed package of station {} (number {}; "
                               "number {} is already in)").format(code, number,
                                                                 station.last_number))
    new_epoch = epoch != station.epoch
    if new_epoch and m.CityPackage.select().where(
            (m.CityPackage.station == code) & (m.CityPackage.kind == "station")
            & (m.CityPackage.epoch == epoch) & (m.CityPackage.status == "applied")).exists():
        raise PackageRefused(_("这是站点 {} 从备份恢复之前的旧编号的包，已被新的编号取代",
                               "This package of station {} belongs to the numbering it had "
                               "before it was restored from a backup; a newer numbering "
                               "replaced it").format(code))
    # A new epoch (the station was restored) starts its change numbers afresh.
    applied_seq = 0 if new_epoch else station.applied_seq
    if seq_from > applied_seq + 1:
        return _hold(city, path, opened, station, applied_seq)
    epoch_from = number if new_epoch else station.epoch_from
    store = hub_files.check(city, opened)  # before anything is written
    codes = reference_codes()
    applier = Applier(city.db, code, codes, number, epoch_from, man["schema"])
    try:
        with city.db.atomic():
            counts = _apply_rows(city, opened, applier, progress, workers)
            files = hub_files.take(store, opened, code, number)
            if new_epoch and seq_from == 1:
                _lost_at_station(city.db, code, epoch_from)
            # Rows held for a linked row: final up to just before the first of them. A
            # row's own change number is the station's word: within the package's range.
            held = [s if seq_from <= s <= seq_to else seq_from
                    for s in applier.result.held_seqs]
            station.applied_seq = max(applied_seq, min(held) - 1 if held else seq_to)
            station.last_number = number
            station.epoch, station.epoch_from = epoch, epoch_from
            station.basis = max(station.basis, man["basis"])
            if not station.sign_pub:
                keys = man["station_keys"]
                station.sign_pub, station.kem_pub = keys["sign"], keys["kem"]
            station.save()
            m.CityPackage.create(station=code, kind="station", number=number,
                                 file_name=path.name, file_hash=opened.file_hash,
                                 status="applied", rows=sum(counts.values()), at=now(),
                                 epoch=epoch)
    finally:
        applier.jobs.release()
    return Ingested(code, number, "applied", counts, files=files)


def _lost_at_station(db: pw.Database, code: str, epoch_from: int) -> None:
    """After the first (full) package of a station's new epoch: its rows that the package
    did not carry are rows the station lost with its restore. They go back to it as
    corrections (the station brings such a row back and sends it again)."""
    p = db.param
    for name in codec.ORDER:
        entity, table = codec.ENTITIES[name], m.table(name)
        uids = [u for (u,) in db.execute_sql(
            f'SELECT uid FROM "{table}" WHERE origin = {p} AND applied_in >= 0 '
            f'AND applied_in < {p}', (code, epoch_from))]
        uids += [u for (u,) in db.execute_sql(
            f'SELECT uid FROM "city_row_state" WHERE entity = {p} AND station = {p} '
            f"AND number < {p} AND outcome NOT IN ('held', 'rejected') "
            f"AND diverged IS NULL", (name, code, epoch_from))]
        if not uids:
            continue
        row_states.make_explicit(db, name, uids)
        rows = read_city_rows(db, entity, uids)
        db.cursor().executemany(
            f'UPDATE "city_row_state" SET diverged = {p}, acked_in = NULL '
            f'WHERE entity = {p} AND uid = {p}',
            [(json.dumps(data_of(entity, row), ensure_ascii=False), name, uid)
             for uid, row in rows.items()])


def _epoch_id(epoch: object) -> bool:
    """An epoch as stations write it: empty (the first) or up to 32 lowercase hex digits."""
    return isinstance(epoch, str) and len(epoch) <= 32 and all(
        c in "0123456789abcdef" for c in epoch)


def _apply_rows(city: City, opened: OpenedPackage, applier: Applier,
                progress: Progress | None, workers: bool) -> dict[str, int]:
    """Apply every row of the package (within the caller's transaction)."""
    if isinstance(city.db, pw.PostgresqlDatabase):
        # The tables grow within this transaction, past the statistics the planner has
        # (a new hub's are of empty tables): it then reads a whole table to find 2,000
        # uids. Every query here looks rows up by key, so keep it to the indexes.
        city.db.execute_sql("SET LOCAL enable_seqscan = off")
    counts = opened.manifest["counts"]  # the station's own figures: for the bar and workers
    total = sum(v for v in counts.values() if type(v) is int and v > 0)
    if progress is not None:
        applier.progress = lambda done: progress(done, max(done, total))
    setting = Setting(applier.station, applier.codes, applier.number, schema=applier.schema)
    preparer = Preparer(setting, postgres=applier.jobs.parallel,
                        processes=processes_for(total) if workers else 0)
    try:
        names = [(name, f"rows.{name}.jsonl") for name in schemas.entities(applier.schema)]
        files = [(codec.ENTITIES[name], file, opened.raw_chunks(file, APPLY_CHUNK))
                 for name, file in names]
        for entity, pieces in preparer.files(files):
            applier.apply_entity(entity, pieces)
    finally:
        preparer.close()
    return dict(applier.result.counts)


def _hold(city: City, path: Path, opened: OpenedPackage, station: m.CityStation,
          applied_seq: int) -> Ingested:
    city.held.mkdir(parents=True, exist_ok=True)
    # Named by content, not by the name it came under: two held packages may arrive under
    # one name (names are a convenience), and a held file tried again keeps its own name.
    target = city.held / "{}-{:06d}-{}.swpkg".format(
        station.code, opened.manifest["number"], opened.file_hash[:16])
    if not target.exists():
        shutil.copyfile(path, target)
    with city.db.atomic():
        m.CityPackage.create(station=station.code, kind="station",
                             number=opened.manifest["number"], file_name=path.name,
                             file_hash=opened.file_hash, status="held", at=now(),
                             message=f"waiting for changes from {applied_seq + 1}",
                             epoch=opened.manifest.get("epoch", ""))
    return Ingested(station.code, opened.manifest["number"], "held", message=_(
        "缺少前面的包（需要从第 {} 号变更开始），已暂存，等前面的包到达后再导入",
        "A previous package is missing (changes from {} on are needed); held until it "
        "arrives").format(applied_seq + 1))


def _retry_held(city: City, code: str, workers: bool) -> None:
    """Try the held packages of ``code`` again, in the order of their numbers; drop those
    a later package superseded. Which station's a held file is, and its number, come from
    its manifest: file names are only a convenience."""
    if not city.held.is_dir():
        return
    held = []
    for path in city.held.iterdir():
        manifest = peek_manifest(path)
        if (manifest is not None and manifest["kind"] == "station"
                and manifest["station"] == code):
            held.append((manifest["number"], path.name, path))
    for _number, _name, path in sorted(held):
        try:
            result = ingest(city, path, retry_held=False, workers=workers)
        except PackageRefused:
            path.unlink(missing_ok=True)  # older than what is in now: superseded
            continue
        except Exception:  # kept for the next time: the package that came is in
            log.exception("trying the held package %s again failed", path.name)
            continue
        if result.status != "held":
            path.unlink(missing_ok=True)
