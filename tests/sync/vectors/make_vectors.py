"""Writes the test vectors of docs/package-format.md (run once; the files are committed).

    PYTHONPATH=. python tests/sync/vectors/make_vectors.py            # the worked example
    PYTHONPATH=. python tests/sync/vectors/make_vectors.py refusals   # refused-*.swpkg

The keys are those of ``keys.json`` (made once, when it is missing). HPKE encryption is
randomised, so running it again gives different (equally valid) packages; the tests
only read the committed ones.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))

import refusals  # noqa: E402  (beside this script)

from swdesk.sync import crypto, format  # noqa: E402
from swdesk.sync.enrolment import proof  # noqa: E402


def _keys() -> dict[str, str]:
    path = HERE / "keys.json"
    if path.exists():
        keys: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return keys
    city = crypto.KeyPair.generate()
    station = crypto.KeyPair.generate()
    keys = {"city_sign_private": city.private_b64()[0], "city_kem_private": city.private_b64()[1],
            "station_sign_private": station.private_b64()[0],
            "station_kem_private": station.private_b64()[1],
            "enrolment_token": crypto.b64(bytes(range(32)))}
    path.write_text(json.dumps(keys, indent=1) + "\n", encoding="utf-8")
    return keys


def main() -> None:
    keys = _keys()
    if sys.argv[1:] == ["refusals"]:
        refusals.write(HERE / "refusals", keys)
        return
    city = crypto.KeyPair.from_b64(keys["city_sign_private"], keys["city_kem_private"])
    station = crypto.KeyPair.from_b64(keys["station_sign_private"], keys["station_kem_private"])
    token = keys["enrolment_token"]
    rows = {
        "rows.station.jsonl": [{
            "uid": "5f0c1a2e-0000-4000-8000-000000000001", "origin": "XM-SM-001", "version": 1,
            "updated_at": "2024-03-01 09:00:00", "deleted": False, "code": "XM-SM-001",
            "name": "嘉莲街道社工站", "level": "station", "district": "siming", "parent": None,
            "agency": None, "head_name": None, "phone": None, "address": None, "_seq": 1}],
        "rows.client.jsonl": [{
            "uid": "5f0c1a2e-0000-4000-8000-000000000002", "origin": "XM-SM-001", "version": 3,
            "updated_at": "2024-03-05 10:30:00", "deleted": False, "name": "陈阿婆",
            "id_number": None, "sex": None, "birth_date": None, "phone": "13800001111",
            "address": "莲花路1号", "community": "莲花社区", "target_groups": ",elderly,dibao,",
            "status": None, "guardian": None, "guardian_phone": None, "health_notes": None,
            "family_notes": None, "notes": None, "registered_on": "2024-03-01",
            "station": "5f0c1a2e-0000-4000-8000-000000000001", "_seq": 4,
            "_base": {"phone": "13800000000"}}, {
            "uid": "5f0c1a2e-0000-4000-8000-000000000003", "origin": "XM-SM-001", "version": 2,
            "updated_at": "2024-03-06 08:00:00", "deleted": True, "name": "林阿公",
            "id_number": None, "sex": None, "birth_date": None, "phone": None, "address": None,
            "community": None, "target_groups": None, "status": None, "guardian": None,
            "guardian_phone": None, "health_notes": None, "family_notes": None, "notes": None,
            "registered_on": None, "station": "5f0c1a2e-0000-4000-8000-000000000001",
            "_seq": 5}],
    }
    pub = station.public()
    manifest = {
        "format": 1, "kind": "station", "suite": crypto.SUITE_NAME, "schema": 1,
        "app": "swdesk 0.1.0", "city": "city-0123456789abcdef", "station": "XM-SM-001",
        "number": 7, "created_at": "2024-03-06 18:00:00", "seq_from": 1, "seq_to": 5,
        "basis": 0, "counts": {"station": 1, "client": 2},
        "station_keys": {"sign": pub.sign, "kem": pub.kem},
        "proof": proof(token, "city-0123456789abcdef", "XM-SM-001", pub),
    }
    entries = [(name, [(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n")
                       .encode() for r in lines]) for name, lines in rows.items()]
    path = HERE / format.file_name("station", "XM-SM-001", 7)
    format.write_package(path, manifest, entries, station, city.public())
    (HERE / "expected.json").write_text(json.dumps({"file": path.name, "rows": rows},
                                                   ensure_ascii=False, indent=1) + "\n",
                                        encoding="utf-8")


if __name__ == "__main__":
    main()
