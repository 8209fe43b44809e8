"""The return package for one station: acknowledgements, corrections, reference data,
questionnaire definitions.

Cumulative like the station's packages: every acknowledgement the station has
not confirmed (its packages name the last return package they saw, the
*basis*) and every row where the city's values differ from the station's.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import Any

import orjson

from swdesk import __version__
from swdesk.city import models as m
from swdesk.city.city_rows import read_city_rows
from swdesk.city.db import City
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.model.base import now
from swdesk.sync import codec, crypto, format, nogc


@dataclass
class Returned:
    path: Path
    number: int
    acks: int
    corrections: int


def _line(value: Any) -> bytes:
    return orjson.dumps(value) + b"\n"


def write_return(city: City, code: str, out_dir: Path) -> Returned:
    """Write the station's return package: acknowledgements, corrections, reference data."""
    with nogc.paused():
        return _write_return(city, code, out_dir)


def _write_return(city: City, code: str, out_dir: Path) -> Returned:
    station = m.CityStation.get_or_none(m.CityStation.code == code)
    if station is None:
        raise SwdeskError(_("站点 {} 未在本平台登记", "Station {} is not enrolled here")
                          .format(code))
    if not station.kem_pub or not station.sign_pub:  # (both come with its first package)
        raise SwdeskError(_("还没有收到站点 {} 的同步包，无法给它写回执",
                            "No package from station {} has arrived yet; there is nothing to "
                            "return").format(code))
    out_dir.mkdir(parents=True, exist_ok=True)
    db = city.db
    p = db.param
    with db.atomic():
        number = station.last_return + 1
        # Not acknowledged yet, or by a return the station has not confirmed. (Two ranges
        # of the (station, acked_in) index: with OR, SQLite reads all the station's.)
        # Only of the station's current epoch: an older one's versions mean other changes
        # at a restored station.
        state = ('SELECT entity, uid, version, outcome, reason, fields '
                 f'FROM "city_row_state" WHERE station = {p} AND number >= {p}')
        acks = list(db.execute_sql(
            f"{state} AND acked_in IS NULL UNION ALL {state} AND acked_in > {p}",
            (code, station.epoch_from, code, station.epoch_from, station.basis)))
        # Rows applied as sent keep their state in their city row (``row_states.py``):
        # acknowledged again until the station confirms a return that covered them.
        confirmed = m.CityPackage.get_or_none(
            (m.CityPackage.station == code) & (m.CityPackage.kind == "return")
            & (m.CityPackage.number == station.basis))
        covered = max((confirmed.covers or 0) if confirmed is not None else 0,
                      station.epoch_from - 1)
        for name in codec.ORDER:
            acks += [(name, u, v, "applied", "", "") for u, v in db.execute_sql(
                f'SELECT uid, version FROM "{m.table(name)}" WHERE origin = {p} '
                f'AND applied_in > {p}', (code, covered))]
        # Rejected rows whose uid another station holds have no row state of their own.
        foreign_sql = (
            f'FROM "city_quarantine" q LEFT JOIN "city_row_state" s '
            f'ON s.entity = q.entity AND s.uid = q.uid WHERE q.station = {p} '
            f'AND (s.uid IS NULL OR s.station <> {p}) AND q.uid <> {p}')
        acks += [(e, u, v, "rejected", r, "") for e, u, v, r in db.execute_sql(
            f'SELECT q.entity, q.uid, q.version, q.reason {foreign_sql} '
            f'AND (q.acked_in IS NULL OR q.acked_in > {p})', (code, code, "?", station.basis))]
        # A stable order whatever the database and its collation: two returns of the same
        # state carry identical lines (the conflicting fields are stored sorted).
        acks.sort(key=itemgetter(0, 1, 2))
        diverged: dict[str, list[str]] = {}
        for entity, uid in db.execute_sql(
                f'SELECT entity, uid FROM "city_row_state" WHERE station = {p} '
                f'AND diverged IS NOT NULL ORDER BY entity, uid', (code,)):
            diverged.setdefault(entity, []).append(uid)
        for uids in diverged.values():
            uids.sort()
        counts = {"acks": len(acks)}

        def entries() -> Iterator[tuple[str, Iterator[bytes]]]:
            yield "acks.jsonl", (_line([e, u, v, o, r or "", json.loads(f) if f else []])
                                 for e, u, v, o, r, f in acks)
            for name in codec.ORDER:
                if name in diverged:
                    entity = codec.ENTITIES[name]
                    rows = read_city_rows(db, entity, diverged[name])
                    counts[f"corrections.{name}"] = len(rows)
                    yield f"corrections.{name}.jsonl", (_line(rows[u]) for u in diverged[name]
                                                        if u in rows)
            items = sorted(m.CityRefItem.select(),
                           key=lambda i: (i.list_code, i.sort, i.code))
            counts["reference"] = len(items)
            yield "reference.jsonl", (_line({"list_code": i.list_code, "code": i.code,
                                             "zh": i.zh, "en": i.en, "sort": i.sort,
                                             "active": bool(i.active)}) for i in items)
            forms = list(m.CityQuestionnaire.select().order_by(m.CityQuestionnaire.code))
            counts["questionnaires"] = len(forms)
            yield "questionnaires.jsonl", (_line(json.loads(q.definition)) for q in forms)
            rules = list(m.CityVisitRule.select().order_by(m.CityVisitRule.target_group,
                                                           m.CityVisitRule.risk_level))
            counts["visit_rules"] = len(rules)
            yield "visit_rules.jsonl", (_line({
                "target_group": r.target_group, "risk_level": r.risk_level,
                "every_days": r.every_days, "way": r.way, "active": bool(r.active)})
                for r in rules)

        manifest: dict[str, Any] = {
            "format": format.FORMAT_VERSION, "kind": "return", "suite": crypto.SUITE_NAME,
            "schema": format.PAYLOAD_SCHEMA, "app": f"swdesk {__version__}",
            "city": city.city_id, "station": code, "number": number,
            "created_at": now().isoformat(sep=" "), "basis": station.last_number,
            "ack_through_seq": station.applied_seq, "epoch": station.epoch,
            "counts": counts,
        }
        path = out_dir / format.file_name("return", code, number)
        format.write_package(path, manifest, entries(), city.keys,
                             crypto.PublicKeys(station.sign_pub, station.kem_pub))
        db.execute_sql(f'UPDATE "city_row_state" SET acked_in = {p} '
                       f'WHERE station = {p} AND acked_in IS NULL', (number, code))
        db.execute_sql(f'UPDATE "city_quarantine" SET acked_in = {p} WHERE acked_in IS NULL '
                       f'AND id IN (SELECT q.id {foreign_sql})', (number, code, code, "?"))
        station.last_return = number
        station.save()
        m.CityPackage.create(station=code, kind="return", number=number, file_name=path.name,
                             file_hash=format.file_sha256(path), status="written",
                             rows=len(acks), at=now(), covers=station.last_number)
    corrections = sum(v for k, v in counts.items() if k.startswith("corrections."))
    return Returned(path, number, len(acks), corrections)
