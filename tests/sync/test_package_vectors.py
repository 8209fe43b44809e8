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
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from swdesk.city.city_rows import read_city_rows
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.sync import codec, crypto, format
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
        assert opened.manifest["counts"] == {
            name.split(".")[1]: len(lines) for name, lines in expected["rows"].items()}
        assert opened.manifest["schema"] == format.PAYLOAD_SCHEMA
        for name, lines in expected["rows"].items():
            assert list(opened.lines(name)) == lines
        assert opened.manifest["format"] == 2
        for name, data in expected["files"].items():
            sha = name.split("/")[1]
            assert opened.files[sha] == len(bytes.fromhex(data))
            with opened.open_file(sha) as f:
                assert f.read() == bytes.fromhex(data)
        assert opened.manifest["files"] == {"count": 1, "bytes": len(bytes.fromhex(data))}
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
    # 3. format 2: HPKE base mode, single shot, seals the content key (enc, 32 bytes ||
    # 48 bytes); info binds the package. Then ChaCha20-Poly1305 segments of 1 MiB + 16,
    # nonce = the segment's number (11 bytes, big-endian) || 1 for the last, else 0.
    assert manifest["format"] == 2
    suite = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
    info = f"swdesk-package/2|station|{manifest['city']}|XM-SM-001|7".encode()
    city_kem = x25519.X25519PrivateKey.from_private_bytes(crypto.unb64(keys["city_kem_private"]))
    key = suite.decrypt(ciphertext[:80], city_kem, info=info)
    segments = [ciphertext[i:i + 2**20 + 16] for i in range(80, len(ciphertext), 2**20 + 16)]
    aead = ChaCha20Poly1305(key)
    inner = b"".join(aead.decrypt(n.to_bytes(11, "big") + bytes([n == len(segments) - 1]),
                                  seg, None) for n, seg in enumerate(segments))
    # 4. the inner ZIP: one JSON Lines file per table, and the attachment's file
    import io

    with zipfile.ZipFile(io.BytesIO(inner)) as zf:
        decoded = {n: [json.loads(line) for line in zf.read(n).decode().splitlines()]
                   for n in zf.namelist() if n.endswith(".jsonl")}
        files = {n: zf.read(n).hex() for n in zf.namelist() if n.startswith("files/")}
    assert decoded == expected["rows"] and files == expected["files"]
    for name, data in files.items():  # named by its SHA-256
        assert hashlib.sha256(bytes.fromhex(data)).hexdigest() == name.split("/")[1]
    sha = expected["rows"]["rows.attachment.jsonl"][0]["sha256"]
    assert f"files/{sha}" in files  # the row's file travels with it


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


def test_the_example_holds_a_row_of_every_entity_with_every_field() -> None:
    _keys, expected, _path = _load()
    rows = expected["rows"]
    assert [n.split(".")[1] for n in rows] == list(codec.ORDER)
    for name, lines in rows.items():
        fields = {c.name for c in codec.ENTITIES[name.split(".")[1]].columns}
        assert all(fields <= set(line) for line in lines), name
    # The new links of data schema 2 are set, so that they are seen to travel.
    records = {r["uid"]: r for r in rows["rows.service_record.jsonl"]}
    assert {bool(r["work_group"]) for r in records.values()} == {True, False}
    assert {bool(r["activity"]) for r in records.values()} == {True, False}
    assert all(r["project"] for r in rows["rows.case.jsonl"])
    # … and those of data schema 3.
    assert {bool(r["need"]) for r in records.values()} == {True, False}
    assert rows["rows.client.jsonl"][0]["visitor_volunteer"]
    assert rows["rows.attachment.jsonl"][0]["record"] in records


def test_the_hub_applies_every_row_of_the_example(vector_city: City) -> None:
    _keys, expected, path = _load()
    result = ingest(vector_city, path)
    rows = expected["rows"]
    assert result.status == "applied"
    assert result.counts == {"applied": sum(map(len, rows.values()))}
    for name, lines in rows.items():
        entity = codec.ENTITIES[name.split(".")[1]]
        held = read_city_rows(vector_city.db, entity, [r["uid"] for r in lines])
        for line in lines:
            sent = {k: v for k, v in line.items() if not k.startswith("_")}
            assert held[line["uid"]] == sent, (name, line["uid"])
    assert result.files == 1 and vector_city.files_dir is not None
    for name, data in expected["files"].items():
        sha = name.split("/")[1]
        assert (vector_city.files_dir / sha[:2] / sha).read_bytes() == bytes.fromhex(data)


def test_a_schema_1_package_of_a_station_not_upgraded_is_applied(vector_city: City) -> None:
    """The example as data schema 1 had it (``vectors/v1/``): a new hub takes it, the
    fields schema 2 added empty, as a station of then holds them."""
    v1 = json.loads((VECTORS / "v1" / "expected.json").read_text(encoding="utf-8"))
    path = VECTORS / "v1" / v1["file"]
    assert format.peek_manifest(path)["schema"] == 1
    result = ingest(vector_city, path)
    assert result.status == "applied" and result.counts == {"applied": 3}
    client = codec.ENTITIES["client"]
    held = read_city_rows(vector_city.db, client, [r["uid"] for r in
                                                  v1["rows"]["rows.client.jsonl"]])
    assert {r["name"]: r["deleted"] for r in held.values()} == {"陈阿婆": False, "林阿公": True}
