"""A city hub that holds the keys of tests/sync/vectors/keys.json, as the vectors need.

Made as any hub is, then given the vectors' city id and keys: its ``city-keys.json``
is written as docs/package-format.md (section 12) describes it, and the station
``XM-SM-001`` is enrolled with the vectors' token.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from synchelp import PG_ENV, make_city

from swdesk.city import db as city_db
from swdesk.city import models as m
from swdesk.city.enroll import enroll_station

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
    enroll_station(city, STATION, "嘉莲街道社工站", root / "enrol.json")
    m.CityStation.update(token=keys["enrolment_token"]).where(
        m.CityStation.code == STATION).execute()
    return city

