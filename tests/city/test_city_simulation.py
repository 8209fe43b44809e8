"""Ten stations, sixty days, packages lost, duplicated, reordered and damaged on the way.

At the end (deliveries resume, people settle the conflicts) the city must hold
exactly the union of the stations' data, every change must be acknowledged,
nothing duplicated, and every conflict the city saw must have been listed at
the station for a person.
"""

from __future__ import annotations

import contextlib
import json
import random
from pathlib import Path

import pytest
from synchelp import Station

from swdesk.city import models as cm
from swdesk.city.city_rows import data_of, read_city_rows
from swdesk.city.conflicts import open_conflicts, resolve
from swdesk.city.corrections import correct, set_eligibility
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import Client, Need, ServiceRecord, database
from swdesk.model.sync import SyncConflict
from swdesk.services import crud
from swdesk.services.actor import SYSTEM
from swdesk.sync import apply, codec, export, rows, state
from swdesk.sync.format import PackageRefused
from tests.stations import here

ENTITIES = ("station", "client", "need", "service_record")


class Courier:
    """Carries files: loses, duplicates, delays (so reorders) and damages some."""

    def __init__(self, rng: random.Random, folder: Path, reliable: bool = False) -> None:
        self.rng, self.folder, self.reliable = rng, folder, reliable
        self.in_transit: list[tuple[int, Path]] = []
        self.n = 0

    def send(self, day: int, path: Path) -> None:
        r = self.rng.random()
        if not self.reliable and r < 0.15:
            return  # lost
        copies = 2 if not self.reliable and r > 0.85 else 1
        for _ in range(copies):
            self.n += 1
            data = bytearray(path.read_bytes())
            if not self.reliable and self.rng.random() < 0.1:
                data[self.rng.randrange(len(data))] ^= 0x5A  # damaged on the stick
            target = self.folder / f"{self.n:05d}-{path.name}"
            target.write_bytes(bytes(data))
            delay = 0 if self.reliable else self.rng.choice((0, 0, 1, 2, 4))
            self.in_transit.append((day + delay, target))

    def arrivals(self, day: int) -> list[Path]:
        due = [p for d, p in self.in_transit if d <= day]
        self.in_transit = [(d, p) for d, p in self.in_transit if d > day]
        self.rng.shuffle(due)
        return due


def _station_day(s: Station, rng: random.Random, day: int) -> None:
    with s.active():
        clients = [c.uid for c in Client.live()]
        for _ in range(rng.randint(0, 3)):
            op = rng.random()
            if op < 0.3 or not clients:
                uid = crud.create(Client, {"name": rng.choice(["陈", "林", "黄"]) + "阿姨",
                                           "phone": f"138{rng.randrange(10**8):08d}",
                                           # 低保/特困 are the city's (set_eligibility)
                                           "target_groups": rng.choice(
                                               ["elderly", "elderly,low_income", "disabled"])},
                                  SYSTEM).uid
                clients.append(uid)
            elif op < 0.55:
                field = rng.choice(["phone", "address", "notes", "community"])
                value = (f"139{rng.randrange(10**8):08d}" if field == "phone"
                         else f"{field}-{s.code}-{day}-{rng.randrange(99)}")
                crud.update(Client, rng.choice(clients), {field: value}, SYSTEM)
            elif op < 0.7:
                crud.create(Need, {"client": rng.choice(clients), "category": "jinglao",
                                   "description": "助餐", "status": "open",
                                   "raised_on": "2024-03-01"}, SYSTEM)
            elif op < 0.9:
                crud.create(ServiceRecord, {"date": "2024-03-02", "kind": "individual",
                                            "category": "jinglao", "field": "welfare",
                                            "title": f"探访 {day}"}, SYSTEM)
            else:
                needs = [n.uid for n in Need.live()]
                if needs:
                    crud.delete(Need, rng.choice(needs), SYSTEM)
                elif len(clients) > 3:
                    uid = clients.pop(rng.randrange(len(clients)))
                    crud.delete(Client, uid, SYSTEM)
        conflicts = list(state.open_conflicts())
        if conflicts and rng.random() < 0.3:
            c = rng.choice(conflicts)
            state.resolve(c.id, "dismiss" if c.kind == "rejected" else rng.choice(
                ["local", "city"]), SYSTEM)


def _city_day(hub: City, rng: random.Random, settled_here: set[tuple[str, str, str]]) -> None:
    open_ = sorted(open_conflicts(), key=lambda c: c.id)  # by id: uids differ run to run
    if open_ and rng.random() < 0.3:  # an officer settles one at the city
        c = rng.choice(open_)
        settled_here.add((c.entity, c.uid, c.field))
        resolve(hub, c.id, rng.choice(["station", "city"]))
    if rng.random() < 0.5:
        known = [u for (u,) in hub.db.execute_sql(
            # In the order they arrived, on SQLite and PostgreSQL alike (uids are random).
            'SELECT uid FROM "c_client" WHERE deleted = FALSE ORDER BY id')]
        if known:
            uid = rng.choice(known)
            if rng.random() < 0.5:
                correct(hub, "client", uid, {"phone": f"137{rng.randrange(10**8):08d}"})
            else:
                set_eligibility(hub, uid, rng.choice([[], ["dibao"], ["tekun"]]))


def _deliver_to_city(hub: City, courier: Courier, day: int) -> int:
    refused = 0
    for path in courier.arrivals(day):
        try:
            ingest(hub, path)
        except PackageRefused:
            refused += 1
    return refused


def _deliver_returns(by_code: dict[str, Station], courier: Courier, day: int) -> None:
    for path in courier.arrivals(day):
        code = next(c for c in by_code if f"-return-{c}-" in path.name)
        with by_code[code].active(), contextlib.suppress(PackageRefused):
            apply.import_return(path)


def _station_data(s: Station) -> dict[str, dict[str, dict]]:
    with s.active():
        out = {}
        for name in ENTITIES:
            entity = codec.ENTITIES[name]
            out[name] = {r["uid"]: {**rows.data_of(entity, r), "_p": r.get(codec.PARTICIPANTS)}
                         for r in rows.read_rows(database.obj, entity, None)}
        return out


def _city_data(hub: City, code: str) -> dict[str, dict[str, dict]]:
    out = {}
    p = hub.db.param
    for name in ENTITIES:
        entity = codec.ENTITIES[name]
        uids = [u for (u,) in hub.db.execute_sql(
            f'SELECT uid FROM "{cm.table(name)}" WHERE origin = {p}', (code,))]
        city_rows = read_city_rows(hub.db, entity, uids)
        parts: dict[str, list[str]] = {}
        if name == "service_record":
            for rec, listed in hub.db.execute_sql(
                    'SELECT uid, participants FROM "c_service_record"'):
                parts[rec] = json.loads(listed)
        out[name] = {u: {**data_of(entity, r),
                         "_p": sorted(parts.get(u, [])) if name == "service_record" else None}
                     for u, r in city_rows.items()}
    return out


def _simulate(hub: City, tmp_path: Path, n_stations: int, days: int, seed: int) -> None:
    rng = random.Random(seed)
    stations = [Station(tmp_path, f"XM-{i:02d}", hub) for i in range(n_stations)]
    by_code = {s.code: s for s in stations}
    up = Courier(rng, tmp_path / "up")
    down = Courier(rng, tmp_path / "down")
    for folder in (tmp_path / "up", tmp_path / "down", tmp_path / "out"):
        folder.mkdir()
    refused = 0
    settled_here: set[tuple[str, str, str]] = set()
    try:
        for day in range(days):
            for s in stations:
                _station_day(s, rng, day)
                if rng.random() < 0.35:
                    with s.active():
                        up.send(day, export.export_package(here(), tmp_path / "out").path)
            refused += _deliver_to_city(hub, up, day)
            _city_day(hub, rng, settled_here)
            for s in stations:
                if rng.random() < 0.3 and cm.CityStation.get_by_id(s.code).kem_pub:
                    down.send(day, write_return(hub, s.code, tmp_path / "out").path)
            _deliver_returns(by_code, down, day)
        # Deliveries resume: every package arrives, people settle what is open.
        up.reliable = down.reliable = True
        for day in range(days, days + 40):
            refused += _deliver_to_city(hub, up, day + 10)
            _deliver_returns(by_code, down, day + 10)
            settled = True
            for s in stations:
                with s.active():
                    for c in state.open_conflicts():
                        state.resolve(c.id, "dismiss" if c.kind == "rejected"
                                      else rng.choice(["local", "city"]), SYSTEM)
                    st = state.status()
                    settled &= st.all_acknowledged
                    up.send(day, export.export_package(here(), tmp_path / "out").path)
            refused += _deliver_to_city(hub, up, day)
            for s in stations:
                down.send(day, write_return(hub, s.code, tmp_path / "out").path)
            _deliver_returns(by_code, down, day)
            open_city = cm.CityConflict.select().where(cm.CityConflict.closed_at.is_null())
            diverged = cm.CityRowState.select().where(cm.CityRowState.diverged.is_null(False))
            if settled and not open_city.exists() and not diverged.exists():
                break
        # The end state.
        assert refused > 0  # damaged packages were refused on the way
        total_conflicts = 0
        for s in stations:
            with s.active():
                st = state.status()
                assert st.pending == 0 and st.conflicts == 0, s.code
                listed = {(c.entity, c.row_uid, c.field) for c in SyncConflict.select()}
            seen = {(c.entity, c.uid, c.field) for c in cm.CityConflict.select().where(
                cm.CityConflict.station == s.code)}
            # every conflict was put before a person, at the station or at the city
            assert seen - settled_here <= listed, s.code
            total_conflicts += len(seen)
            mine, city = _station_data(s), _city_data(hub, s.code)
            for name in ENTITIES:
                for r in mine[name].values():
                    r["_p"] = sorted(r["_p"]) if r["_p"] is not None else None
                assert mine[name] == city[name], (s.code, name)
        assert total_conflicts > 0
        assert not cm.CityConflict.select().where(cm.CityConflict.closed_at.is_null()).exists()
        for name in ENTITIES:  # nothing duplicated
            (n,) = hub.db.execute_sql(f'SELECT count(*) FROM "{cm.table(name)}"').fetchone()
            assert n == sum(len(_station_data(s)[name]) for s in stations)
    finally:
        for s in stations:
            s.close()


def test_ten_stations_sixty_days(hub: City, tmp_path: Path) -> None:
    _simulate(hub, tmp_path, n_stations=10, days=60, seed=20240301)


@pytest.mark.slow
def test_ten_stations_a_year(hub: City, tmp_path: Path) -> None:
    _simulate(hub, tmp_path, n_stations=10, days=365, seed=7)
