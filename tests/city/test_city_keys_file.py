"""city-keys.json as docs/package-format.md (section 12) describes it: a hub opens a file
written from the text alone, and refuses a damaged one with a clear message."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))

from vectorhub import CITY, vector_keys

from swdesk.city.db import KEYS_FILE, init_city, open_city
from swdesk.errors import SwdeskError
from swdesk.sync import crypto


def test_a_key_file_written_from_the_text_is_read_and_a_damaged_one_refused(
        tmp_path: Path) -> None:
    city = init_city(tmp_path, None, "厦门市民政局")
    written = json.loads((tmp_path / KEYS_FILE).read_text(encoding="utf-8"))
    assert set(written) == {"city", "name", "sign", "kem"}
    assert (tmp_path / KEYS_FILE).stat().st_mode & 0o777 == 0o600
    city_id = city.city_id
    assert city_id.startswith("city-") and len(city_id) == 21
    city.close()
    keys = vector_keys()
    path = tmp_path / KEYS_FILE
    path.write_text(json.dumps({"city": city_id, "name": "厦门市民政局",
                                "sign": keys["city_sign_private"],
                                "kem": keys["city_kem_private"]}, ensure_ascii=False),
                    encoding="utf-8")
    with open_city(tmp_path, None) as hub:  # the public keys come from the private ones
        assert hub.keys.public() == crypto.KeyPair.from_b64(
            keys["city_sign_private"], keys["city_kem_private"]).public()
    good = path.read_text(encoding="utf-8")
    for damaged in ("[]", "{}", "not json", good.replace(keys["city_kem_private"], "A" * 43),
                    good.replace(keys["city_kem_private"], "@@@"),
                    good.replace(f'"{keys["city_sign_private"]}"', "null")):
        path.write_text(damaged, encoding="utf-8")
        with pytest.raises(SwdeskError, match=r"密钥文件已损坏|key file is damaged"):
            open_city(tmp_path, None)
    path.write_text(good.replace(city_id, CITY), encoding="utf-8")
    with pytest.raises(SwdeskError, match=r"不属于同一个平台|different hubs"):
        open_city(tmp_path, None)
