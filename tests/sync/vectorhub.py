"""A city hub and a station that hold the keys of tests/sync/vectors/keys.json, as the
vectors need.

The hub is made as any hub is, then given the vectors' city id and keys: its
``city-keys.json`` is written as docs/package-format.md (section 12) describes it, and
the station ``XM-SM-001`` is enrolled with the vectors' token. The station has the
vectors' station keys before it enrols (enrolment keeps keys it has) with an enrolment
file the vectors' city key signs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from synchelp import PG_ENV, make_city

from swdesk.city import db as city_db
from swdesk.city import models as m
from swdesk.city.enroll import enroll_station
from swdesk.db import StationDatabase, open_station
from swdesk.model import SyncKey, database
from swdesk.services import station as station_service
from swdesk.sync import crypto, enrolment

VECTORS = Path(__file__).parent / "vectors"
CITY = "city-0123456789abcdef"
STATION = "XM-SM-001"


def vector_keys() -> dict[str, str]:
    keys: dict[str, str] = json.loads((VECTORS / "keys.json").read_text(encoding="utf-8"))
    return keys


def vector_hub(root: Path, kind: str) -> city_db.City:
    city = make_city(root, kind)
    url = None if kind == "sqlite" else os.environ[PG_ENV]
    m.CityMeta.update(value=CITY).where(m.CityMeta.key == "city_id").execute()
    city.close()
    keys = vector_keys()
    path = city.data_dir / city_db.KEYS_FILE
    path.write_text(json.dumps({"city": CITY, "name": "厦门市民政局",
                                "sign": keys["city_sign_private"],
                                "kem": keys["city_kem_private"]}, indent=1), encoding="utf-8")
    city = city_db.open_city(city.data_dir, url)
    if url is None:
        city.db.execute_sql("PRAGMA synchronous = OFF")  # tests need no power-cut safety
    else:  # (the example carries a photo: a PostgreSQL hub's operator names its folder)
        city_db.set_files_dir(city, root / "hub-files")
    enroll_station(city, STATION, "嘉莲街道社工站", root / "enrol.json")
    m.CityStation.update(token=keys["enrolment_token"]).where(
        m.CityStation.code == STATION).execute()
    return city



def vector_station(root: Path) -> StationDatabase:
    """Station XM-SM-001 with the vectors' keys, enrolled with the vectors' city."""
    keys = vector_keys()
    sdb = open_station(root / STATION, create=True)
    database.initialize(sdb.db)
    station_service.init_station(STATION, "嘉莲街道社工站", "station", "siming")
    SyncKey.create(name="station_sign", value=keys["station_sign_private"])
    SyncKey.create(name="station_kem", value=keys["station_kem_private"])
    city = crypto.KeyPair.from_b64(keys["city_sign_private"], keys["city_kem_private"])
    doc, _token = enrolment.make_enrolment(CITY, "厦门市民政局", city, STATION, "嘉莲街道社工站")
    path = root / "enrol.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    enrolment.enrol(path, fingerprint=city.public().fingerprint())
    return sdb
