"""The example package of docs/package-format.md decodes to its expected content."""

from __future__ import annotations

import hashlib
import hmac
import json
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

from swdesk.sync import crypto, format
from swdesk.sync.format import PackageRefused, open_package

VECTORS = Path(__file__).parent / "vectors"


def _load() -> tuple[dict, dict, Path]:
    keys = json.loads((VECTORS / "keys.json").read_text(encoding="utf-8"))
    expected = json.loads((VECTORS / "expected.json").read_text(encoding="utf-8"))
    return keys, expected, VECTORS / expected["file"]


def test_vector_decodes_through_the_program(tmp_path: Path) -> None:
    keys, expected, path = _load()
    city = crypto.KeyPair.from_b64(keys["city_sign_private"], keys["city_kem_private"])
    station = crypto.KeyPair.from_b64(keys["station_sign_private"],
                                      keys["station_kem_private"])
    with open_package(path, tmp_path, lambda m: station.public(), city) as opened:
        assert opened.manifest["station"] == "XM-SM-001" and opened.manifest["number"] == 7
        assert opened.manifest["counts"] == {"station": 1, "client": 2}
        for name, lines in expected["rows"].items():
            assert list(opened.lines(name)) == lines
    assert list(tmp_path.iterdir()) == []  # staging removed


def test_vector_decodes_by_the_specification_alone() -> None:
    """What a city developer would write from docs/package-format.md, step by step."""
    keys, expected, path = _load()
    data = path.read_bytes()
    # 1. the signature: the last 64 bytes, over the prefix and SHA-256 of the rest
    station_sign = ed25519.Ed25519PrivateKey.from_private_bytes(
        crypto.unb64(keys["station_sign_private"])).public_key()
    station_sign.verify(data[-64:], b"SWDESK-PACKAGE-1\n" + hashlib.sha256(data[:-64]).digest())
    with zipfile.ZipFile(path) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        ciphertext = zf.read("payload.bin")
    # 2. the checksum and the enrolment proof
    assert hashlib.sha256(ciphertext).hexdigest() == manifest["payload"]["sha256"]
    message = "|".join(["swdesk-enrol/1", manifest["city"], manifest["station"],
                        manifest["station_keys"]["sign"], manifest["station_keys"]["kem"]])
    assert manifest["proof"] == hmac.new(crypto.unb64(keys["enrolment_token"]),
                                         message.encode(), hashlib.sha256).hexdigest()
    # 3. HPKE base mode, single shot: enc (32 bytes) || ciphertext, info binds the package
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
    info = f"swdesk-package/1|station|{manifest['city']}|XM-SM-001|7".encode()
    city_kem = x25519.X25519PrivateKey.from_private_bytes(crypto.unb64(keys["city_kem_private"]))
    inner = suite.decrypt(ciphertext, city_kem, info=info)
    # 4. the inner ZIP: one JSON Lines file per table
    import io

    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        decoded = {n: [json.loads(line) for line in zf.read(n).decode().splitlines()]
                   for n in zf.namelist()}
    assert decoded == expected["rows"]


def test_vector_with_the_wrong_key_is_refused(tmp_path: Path) -> None:
    keys, _expected, path = _load()
    city = crypto.KeyPair.from_b64(keys["city_sign_private"], keys["city_kem_private"])
    stranger = crypto.KeyPair.generate()
    with pytest.raises(PackageRefused, match="签名无效"), open_package(
            path, tmp_path, lambda m: stranger.public(), city):
        pass
    with pytest.raises(PackageRefused, match="无法解密"), open_package(
            path, tmp_path, lambda m: crypto.KeyPair.from_b64(
                keys["station_sign_private"], keys["station_kem_private"]).public(), stranger):
        pass
    assert format.file_name("station", "XM-SM-001", 7) == path.name
