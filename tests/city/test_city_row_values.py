"""The hub checks every row's values with the station's own rules (issue 17, point 5).

A row that breaks one is quarantined with its reason and acknowledged as rejected,
the rest of the package applies, and no value of one row can fail the whole ingest
(PostgreSQL refuses U+0000 in any text). Each test runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson
import pytest
from synchelp import alter_packages

from swdesk.city import models as cm
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import Client, ServiceRecord, Volunteer, VolunteerHour, database
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, export, state
from tests.stations import here

ID = "11010519491231002X"  # a well-formed resident ID (born 1949-12-31, female)
Row = dict[str, Any]


def _big(n: int) -> str:
    # Random letters: the package's ZIP takes them (one repeated letter looks like a bomb).
    return "".join(random.Random(n).choices(string.ascii_letters, k=n))


def _set(**values: Any) -> Callable[[Row], None]:
    return lambda row: row.update(values)


# (entity, what is done to its row, the field the reason names)
CASES: dict[str, tuple[str, Callable[[Row], None], str]] = {
    "id wrong check digit": ("client", _set(id_number=ID[:17] + "1"), "id_number"),
    "id abc": ("client", _set(id_number="abc"), "id_number"),
    "id 10 MB": ("client", _set(id_number=_big(10_000_000)), "id_number"),
    "birth date 2099": ("client", _set(birth_date="2099-01-01"), "birth_date"),
    "service date 2099": ("service_record", _set(date="2099-01-01"), "date"),
    "hours -5.00": ("volunteer_hour", _set(hours="-5.00"), "hours"),
    "hours 99,999,999,999": ("volunteer_hour", _set(hours="99999999999.00"), "hours"),
    "note 10 MB": ("client", _set(notes=_big(10_000_000)), "notes"),
    "NUL in a name": ("client", _set(name="陈\x00阿婆"), "name"),
    "NUL in a note": ("client", _set(notes="\x00"), "notes"),
    "bell in a name": ("client", _set(name="陈\x07阿婆"), "name"),
    "bidi override in a name": ("client", _set(name="\u202e陈阿婆"), "name"),
    "a phone as no station writes it": ("client", _set(phone="138 0000 1111"), "phone"),
    "sex not the ID's": ("client", _set(sex="M"), "sex"),
    "unknown member": ("client", _set(nickname="阿婆"), "nickname"),
    "a record's member on a client": ("client", _set(_participants=[]), "_participants"),
    "a negative partner share": ("service_record", _set(_partners=[
        {"partner": "p-1", "contribution": "场地", "value": "-1.00"}]), "_partners"),
}


def _rows(s: Any) -> dict[str, str]:
    """A row of each kind the cases change, made at the station; their uids."""
    with s.active():
        client = crud.create(Client, {"name": "陈阿婆", "id_number": ID, "phone": "13800001111",
                                      "community": "莲花社区"}, SYSTEM)
        crud.create(Client, {"name": "林阿公", "community": "莲花社区"}, SYSTEM)
        volunteer = crud.create(Volunteer, {"name": "志愿者甲"}, SYSTEM)
        hour = crud.create(VolunteerHour, {"volunteer": volunteer.uid, "date": "2024-03-02",
                                           "hours": "2", "content": "探访"}, SYSTEM)
        record = crud.create(ServiceRecord, {"date": "2024-03-02", "kind": "individual",
                                             "category": "jinglao", "field": "welfare",
                                             "title": "探访"}, SYSTEM)
    return {"client": client.uid, "volunteer_hour": hour.uid, "service_record": record.uid}


def _alter(monkeypatch: pytest.MonkeyPatch, entity: str, uid: str,
           change: Callable[[Row], None]) -> None:
    def altered(name: str, block: list[bytes]) -> list[bytes]:
        out = []
        for line in block:
            if name == entity and uid.encode() in line:
                row = orjson.loads(line)
                change(row)
                line = orjson.dumps(row)
            out.append(line)
        return out

    alter_packages(monkeypatch, altered)


def _count(hub: Any, table: str, uid: str | None = None) -> int:
    sql = f'SELECT count(*) FROM "{table}"'
    if uid is None:
        return int(hub.db.execute_sql(sql).fetchone()[0])
    return int(hub.db.execute_sql(f"{sql} WHERE uid = {hub.db.param}", (uid,)).fetchone()[0])


@pytest.mark.parametrize("case", list(CASES))
def test_a_bad_value_is_quarantined_with_its_reason_and_the_rest_applies(
        hub, station_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        case: str) -> None:
    entity, change, member = CASES[case]
    s = station_factory()
    uids = _rows(s)
    uid = uids[entity]
    _alter(monkeypatch, entity, uid, change)
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
        sent = pkg.rows
    got = ingest(hub, pkg.path)
    # The one row is rejected; every other row of the package is applied.
    assert got.counts["rejected"] == 1
    assert got.counts["applied"] == sent - 1
    q = cm.CityQuarantine.get(cm.CityQuarantine.uid == uid)
    assert q.entity == entity and q.reason.startswith(f"{member}: ")
    assert "\x00" not in q.reason and "\x00" not in q.data
    assert _count(hub, f"c_{entity}", uid) == 0
    # The station hears of it: rejected, with the reason, and nothing left pending.
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        apply.import_return(ret.path)
        [conflict] = list(state.open_conflicts())
        assert conflict.kind == "rejected" and conflict.reason == q.reason
        assert state.status().pending == 0


def test_text_with_tabs_and_line_breaks_is_taken(hub, station_factory, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    s = station_factory()
    uid = _rows(s)["client"]
    _alter(monkeypatch, "client", uid, _set(notes="第一行\n第二行\t完", address="莲花路\t1号"))
    with s.active():
        pkg = export.export_package(here(), tmp_path / "out")
    got = ingest(hub, pkg.path)
    assert got.counts.get("rejected", 0) == 0 and got.counts["applied"] == pkg.rows
    assert hub.db.execute_sql(f'SELECT notes FROM "c_client" WHERE uid = {hub.db.param}',
                              (uid,)).fetchone() == ("第一行\n第二行\t完",)


def test_a_station_row_from_looser_days_comes_back_rejected(hub, station_factory,
                                                            tmp_path: Path) -> None:
    """A row the station stored before its rules were as strict (a bell typed into a
    name, a service dated ahead) is not sent for ever in silence: the person is told."""
    s = station_factory()
    uids = _rows(s)
    with s.active():
        database.execute_sql("UPDATE client SET name = ? WHERE uid = ?",
                             ("陈\x07阿婆", uids["client"]))
        database.execute_sql("UPDATE service_record SET date = '2099-01-01' WHERE uid = ?",
                             (uids["service_record"],))
        pkg = export.export_package(here(), tmp_path / "out")
    got = ingest(hub, pkg.path)
    assert got.counts["rejected"] == 2
    with s.active():
        apply.import_return(write_return(hub, s.code, tmp_path / "ret").path)
        reasons = sorted(c.reason.split(":")[0] for c in state.open_conflicts())
        assert reasons == ["date", "name"]
        assert state.status().pending == 0


def test_many_rejected_rows_are_quarantined_and_acknowledged(
        hub, station_factory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rejected rows go into the quarantine many at a time (and their row states too, by
    COPY on PostgreSQL): every one is kept, each with its reason, and acknowledged; sent
    again in the next package, they are rejected again and their states stay one each."""
    s = station_factory()
    with s.active():
        for i in range(300):
            crud.create(Client, {"name": f"对象{i}", "community": "莲花社区"}, SYSTEM)

    def bad(name: str, block: list[bytes]) -> list[bytes]:
        rows = [orjson.loads(line) for line in block]
        for n, row in enumerate(rows):
            if name == "client" and n % 2:
                row["name"] = f"对象\x00{n}"
        return [orjson.dumps(r) for r in rows]

    alter_packages(monkeypatch, bad)
    for again in (False, True):  # the second package carries the same rows
        with s.active():
            pkg = export.export_package(here(), tmp_path / "out")
        got = ingest(hub, pkg.path)
        assert got.counts["rejected"] == 150
        assert got.counts["applied" if not again else "duplicate"] == pkg.rows - 150
    assert _count(hub, "city_quarantine") == 300
    assert {q.reason.split(":")[0] for q in cm.CityQuarantine.select()} == {"name"}
    assert cm.CityRowState.select().where(cm.CityRowState.outcome == "rejected").count() == 150
    ret = write_return(hub, s.code, tmp_path / "ret")
    with s.active():
        apply.import_return(ret.path)
        assert len([c for c in state.open_conflicts() if c.kind == "rejected"]) == 150
        assert state.status().pending == 0
