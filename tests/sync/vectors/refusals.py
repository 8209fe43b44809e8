"""The refusal vectors of docs/package-format.md, section 9: one small file per class of
package a hub must refuse, and ``index.json`` saying why and at which step of section 8.

Written by ``python tests/sync/vectors/make_vectors.py refusals`` with the keys of
``keys.json``; tests/sync/test_refusal_vectors.py ingests each at a hub that holds those
keys and checks the refusal. A new class is one function here and one ``Refusal`` in
``REFUSALS``.

Every vector is a whole, correctly signed package except for its one defect, so that
nothing but that defect can be the reason it is refused. HPKE encryption is randomised:
writing them again gives other bytes, equally valid.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import struct
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swdesk.sync import crypto, format, zipwrite
from swdesk.sync.enrolment import proof

CITY = "city-0123456789abcdef"
STATION = "XM-SM-001"
NUMBER = 8
EXAMPLE = "swdesk-XM-SM-001-000007.swpkg"  # the worked example: applied before some vectors
STATION_UID = "5f0c1a2e-0000-4000-8000-000000000001"
STATION_ROW = {"uid": STATION_UID, "origin": STATION, "version": 1,
               "updated_at": "2024-03-01 09:00:00", "deleted": False, "code": STATION,
               "name": "嘉莲街道社工站", "level": "station", "district": "siming", "parent": None,
               "agency": None, "head_name": None, "phone": None, "address": None, "_seq": 1}
CLIENT = {"uid": "5f0c1a2e-0000-4000-8000-000000000010", "origin": STATION, "version": 1,
          "updated_at": "2024-03-07 09:00:00", "deleted": False, "name": "王阿姨",
          "id_number": None, "sex": "F", "birth_date": None, "phone": None, "address": None,
          "community": None, "target_groups": None, "status": None, "guardian": None,
          "guardian_phone": None, "health_notes": None, "family_notes": None, "notes": None,
          "registered_on": "2024-03-07", "station": STATION_UID, "_seq": 2}
STAMP = (1980, 1, 1, 0, 0, 0)


def rows(client: bytes | None = None) -> dict[str, bytes]:
    """The inner files of a vector: its station's row, and a client (or ``client``)."""
    return {"rows.station.jsonl": line(STATION_ROW),
            "rows.client.jsonl": line(CLIENT) if client is None else client}


def fixed_keys(name: str) -> crypto.KeyPair:
    """A key pair of no party, the same every time (for "signed by someone else")."""
    seed = hashlib.sha256(f"swdesk-vectors|{name}".encode()).digest()
    sign = crypto.b64(seed)
    kem = crypto.b64(hashlib.sha256(seed).digest())
    return crypto.KeyPair.from_b64(sign, kem)


def without(manifest: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in manifest.items() if k != key}


def line(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


@dataclass
class Maker:
    """Builds packages from the vector keys, correct unless told otherwise."""

    city: crypto.KeyPair
    station: crypto.KeyPair
    token: str

    @classmethod
    def from_keys(cls, keys: dict[str, str]) -> Maker:
        return cls(crypto.KeyPair.from_b64(keys["city_sign_private"], keys["city_kem_private"]),
                   crypto.KeyPair.from_b64(keys["station_sign_private"],
                                           keys["station_kem_private"]),
                   keys["enrolment_token"])

    def manifest(self, **changes: Any) -> dict[str, Any]:
        """A station package's manifest (without ``payload``: ``package`` adds it)."""
        station = changes.get("station", STATION)
        pub = self.station.public()
        manifest = {
            "format": format.FORMAT_VERSION, "kind": "station", "suite": crypto.SUITE_NAME,
            "schema": 3,
            "app": "swdesk vectors", "city": CITY, "station": station, "number": NUMBER,
            "created_at": "2024-03-07 18:00:00", "seq_from": 1, "seq_to": 2, "basis": 0,
            "counts": {"station": 1, "client": 1},
            "station_keys": {"sign": pub.sign, "kem": pub.kem},
            "proof": proof(self.token, CITY, station, pub)}
        manifest.update(changes)
        return manifest

    def return_manifest(self, **changes: Any) -> dict[str, Any]:
        """A return package's manifest for the vectors' station (without ``payload``)."""
        manifest = {
            "format": format.FORMAT_VERSION, "kind": "return", "suite": crypto.SUITE_NAME,
            "schema": 3,
            "app": "swdesk vectors", "city": CITY, "station": STATION, "number": 1,
            "created_at": "2024-03-07 19:00:00", "basis": 0, "ack_through_seq": 0,
            "counts": {"acks": 0, "reference": 0}}
        manifest.update(changes)
        return manifest

    def return_package(self, manifest: dict[str, Any] | None = None, *,
                       signer: crypto.KeyPair | None = None,
                       plain: bytes | None = None) -> bytes:
        """A return package: no acknowledgements, no corrections, no codes (or ``plain``)."""
        return self.package(self.return_manifest() if manifest is None else manifest,
                            self.inner({"acks.jsonl": b"", "reference.jsonl": b""})
                            if plain is None else plain,
                            recipient=self.station.public(), signer=signer or self.city)

    def inner(self, files: dict[str, bytes] | None = None) -> bytes:
        """The inner ZIP as the reference writer makes it (default: a station and a client;
        ``client`` replaces the client's line)."""
        files = rows() if files is None else files
        out = io.BytesIO()
        writer = zipwrite.ZipWriter(out)
        for name, data in files.items():
            if name.startswith("files/"):  # an attachment's file: stored, as writers do
                writer.store(name, io.BytesIO(data), hashlib.sha256(data).hexdigest())
                continue
            writer.begin(name)
            writer.write(data)
        writer.close()
        return out.getvalue()

    def package(self, manifest: dict[str, Any] | None = None, plain: bytes | None = None, *,
                recipient: crypto.PublicKeys | None = None, info: bytes | None = None,
                payload: dict[str, Any] | None = None,
                members: Callable[[bytes, bytes], list[Member]] | None = None,
                signer: crypto.KeyPair | None = None) -> bytes:
        """A signed package. ``payload`` replaces members of the manifest's ``payload``;
        ``members(manifest_bytes, ciphertext)`` the container's entries."""
        manifest = self.manifest() if manifest is None else manifest
        plain = self.inner() if plain is None else plain
        ciphertext = crypto.seal(
            recipient or self.city.public(), plain,
            info if info is not None else format.hpke_info(manifest),
            1 if manifest.get("format") == 1 else format.FORMAT_VERSION)
        manifest = dict(manifest, payload={
            "sha256": hashlib.sha256(ciphertext).hexdigest(), "size": len(ciphertext),
            "plain_size": len(plain), **(payload or {})})
        text = format.canonical_json(manifest)
        entries = (members(text, ciphertext) if members is not None
                   else [Member(format.MANIFEST, text), Member(format.PAYLOAD, ciphertext)])
        return signed(container(entries), signer or self.station)


@dataclass
class Member:
    """One entry of the outer ZIP."""

    name: str
    data: bytes
    method: int = zipfile.ZIP_STORED
    patch: dict[str, int] = field(default_factory=dict)  # ZipInfo attributes to set
    date: tuple[int, int, int, int, int, int] = STAMP
    zip64: bool = False  # ZIP64 sizes in its headers


def container(members: list[Member], comment: bytes = bytes(crypto.SIGNATURE_SIZE)) -> bytes:
    """An outer ZIP of ``members`` with ``comment`` (64 zero bytes: to be signed)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.comment = comment
        for m in members:
            info = zipfile.ZipInfo(m.name, m.date)
            info.compress_type = m.method
            with zf.open(info, "w", force_zip64=m.zip64) as dst:
                dst.write(m.data)
            for key, value in m.patch.items():
                setattr(info, key, value)  # (the central directory is written on close)
    return out.getvalue()


def signed(data: bytes, signer: crypto.KeyPair) -> bytes:
    """``data`` with its last 64 bytes replaced by the signature of section 3."""
    body = data[:-crypto.SIGNATURE_SIZE]
    message = format.SIGNED_PREFIX + hashlib.sha256(body).digest()
    return body + crypto.sign(signer, message)


# --- the classes -----------------------------------------------------------------------------


def truncated(mk: Maker) -> bytes:
    data = mk.package()
    return data[:len(data) // 2]


def no_signature(mk: Maker) -> bytes:
    text = format.canonical_json(mk.manifest(payload={}))
    return container([Member(format.MANIFEST, text), Member(format.PAYLOAD, b"")], b"")


def short_comment(mk: Maker) -> bytes:
    data = mk.package()
    # The same package whose comment is 32 bytes (its length field says so too).
    body = data[:-crypto.SIGNATURE_SIZE]
    return body[:-2] + struct.pack("<H", 32) + data[-crypto.SIGNATURE_SIZE:-32]


def trailing_bytes(mk: Maker) -> bytes:
    return mk.package() + b"\0" * 16


def third_entry(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [Member(format.MANIFEST, m),
                                            Member(format.PAYLOAD, c),
                                            Member("notes.txt", b"hello\n")])


def path_in_name(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [Member(format.MANIFEST, m),
                                            Member("../payload.bin", c)])


def same_name_twice(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [Member(format.MANIFEST, m),
                                            Member(format.MANIFEST, m)])


def payload_missing(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [Member(format.MANIFEST, m)])


def manifest_too_large(mk: Maker) -> bytes:
    # 1 MiB of padding that deflates to 7 KB: over the manifest limit, under the ratio one
    rnd = random.Random(1)
    pad = "".join("b" if rnd.random() < 0.004 else "a" for _ in range(format.MAX_MANIFEST_BYTES))
    return mk.package(members=lambda m, c: [
        Member(format.MANIFEST, m[:-1] + f',"zpad":"{pad}"}}'.encode(), zipfile.ZIP_DEFLATED),
        Member(format.PAYLOAD, c)])


def entry_declared_too_large(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [
        Member(format.MANIFEST, m),
        Member(format.PAYLOAD, c, zipfile.ZIP_DEFLATED, patch={"file_size": 3 * 1024**3})])


def encrypted_entry(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [
        Member(format.MANIFEST, m, patch={"flag_bits": 0x1}), Member(format.PAYLOAD, c)])


def manifest_too_deep(mk: Maker) -> bytes:
    deep = b"[" * 3000 + b"]" * 3000
    return mk.package(members=lambda m, c: [
        Member(format.MANIFEST, m[:-1] + b',"app":' + deep + b"}"), Member(format.PAYLOAD, c)])


def unknown_method(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [
        Member(format.MANIFEST, m, patch={"compress_type": 99}), Member(format.PAYLOAD, c)])


def manifest_not_json(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [Member(format.MANIFEST, m[:-1]),
                                            Member(format.PAYLOAD, c)])


def manifest_not_object(mk: Maker) -> bytes:
    return mk.package(members=lambda m, c: [Member(format.MANIFEST, b"[" + m + b"]"),
                                            Member(format.PAYLOAD, c)])


def newer_format(mk: Maker) -> bytes:
    return mk.package(mk.manifest(format=3))


def unknown_format(mk: Maker) -> bytes:
    return mk.package(mk.manifest(format=0))


def unknown_suite(mk: Maker) -> bytes:
    return mk.package(mk.manifest(suite="SM2-SM3-SM4"))


def newer_schema(mk: Maker) -> bytes:
    return mk.package(mk.manifest(schema=4))


def schema_2_file_in_schema_1(mk: Maker) -> bytes:
    """A station on schema 1 knows no groups: a package of schema 1 holding them is
    refused, not read as if it were of schema 2."""
    return mk.package(mk.manifest(schema=1),
                      plain=mk.inner({**rows(), "rows.work_group.jsonl": b""}))


def return_of_an_old_hub(mk: Maker) -> bytes:
    return mk.return_package(mk.return_manifest(schema=2))


def return_newer_schema(mk: Maker) -> bytes:
    return mk.return_package(mk.return_manifest(schema=4))


def member_missing(mk: Maker) -> bytes:
    return mk.package(without(mk.manifest(), "counts"))


def unknown_kind(mk: Maker) -> bytes:
    return mk.package(mk.manifest(kind="backup"))


def return_kind(mk: Maker) -> bytes:
    return mk.return_package()


def another_city(mk: Maker) -> bytes:
    return mk.package(mk.manifest(city="city-fedcba9876543210"))


def station_not_enrolled(mk: Maker) -> bytes:
    return mk.package(mk.manifest(station="XM-SM-999"))


def station_keys_missing(mk: Maker) -> bytes:
    return mk.package(without(mk.manifest(), "station_keys"))


def wrong_proof(mk: Maker) -> bytes:
    return mk.package(mk.manifest(proof="00" * 32))


def not_the_pinned_key(mk: Maker) -> bytes:
    other = fixed_keys("another computer")
    pub = other.public()
    return mk.package(mk.manifest(station_keys={"sign": pub.sign, "kem": pub.kem},
                                  proof=proof(mk.token, CITY, STATION, pub)), signer=other)


def bad_signature(mk: Maker) -> bytes:
    data = bytearray(mk.package())
    data[-1] ^= 1
    return bytes(data)


def changed_byte(mk: Maker) -> bytes:
    data = bytearray(mk.package())
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        info = zf.getinfo(format.PAYLOAD)
    data[info.header_offset + 30 + len(info.filename) + 40] ^= 1  # a byte of the ciphertext
    return bytes(data)


def signed_by_someone_else(mk: Maker) -> bytes:
    return mk.package(signer=fixed_keys("stranger"))


def checksum_mismatch(mk: Maker) -> bytes:
    return mk.package(payload={"sha256": "0" * 64})


def size_mismatch(mk: Maker) -> bytes:
    return mk.package(payload={"size": 1})


def encrypted_to_another_key(mk: Maker) -> bytes:
    return mk.package(recipient=fixed_keys("another hub").public())


def info_of_another_package(mk: Maker) -> bytes:
    return mk.package(info=format.hpke_info(mk.manifest(number=NUMBER + 1)))


def inner_not_zip(mk: Maker) -> bytes:
    return mk.package(plain=b"rows.client.jsonl\n" + line(CLIENT))


def inner_name_not_allowed(mk: Maker) -> bytes:
    return mk.package(plain=mk.inner({"../rows.client.jsonl": line(CLIENT)}))


def inner_too_many(mk: Maker) -> bytes:
    files = {f"extra.f{i:02d}.jsonl": b"" for i in range(format.MAX_INNER_ENTRIES - 1)}
    return mk.package(plain=mk.inner({**rows(), **files}))


def inner_too_large(mk: Maker) -> bytes:
    """An inner ZIP whose directory declares more than 8 GiB in all (ZIP64 sizes; the ratio
    of each entry stays below the limit)."""
    plain = bytearray(mk.inner({f"rows.f{i}.jsonl": b"" for i in range(3)}))
    size, packed = 3 * 1024**3, 3 * 1024**3 // 100
    # The ZIP64 extra of each central header: header id 1, 24 bytes, size, packed, offset.
    at = 0
    while (at := plain.find(struct.pack("<HHQQ", 1, 24, 0, 2), at)) >= 0:
        plain[at + 4:at + 20] = struct.pack("<QQ", size, packed)
        at += 28
    return mk.package(plain=bytes(plain))


def _inner_zipfile(method: int, damage: bool) -> bytes:
    """An inner ZIP by ``zipfile``: the station row, and the client's lines compressed with
    ``method`` (each in the ZIP directory: ``damage`` changes 8 bytes of their data)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr(zipfile.ZipInfo("rows.station.jsonl", STAMP), line(STATION_ROW))
        zf.writestr(zipfile.ZipInfo("rows.client.jsonl", STAMP), line(CLIENT) * 3,
                    compress_type=method if damage else zipfile.ZIP_STORED)
        info = zf.getinfo("rows.client.jsonl")
        if not damage:
            info.compress_type = method  # the central directory names it, the data is stored
    data = bytearray(out.getvalue())
    if damage:
        start = info.header_offset + 30 + len(info.filename)
        for i in range(start + 4, start + 12):
            data[i] ^= 0x55
    return bytes(data)


def inner_deflate_damaged(mk: Maker) -> bytes:
    return mk.package(plain=_inner_zipfile(zipfile.ZIP_DEFLATED, True))


def inner_bzip2_damaged(mk: Maker) -> bytes:
    return mk.package(plain=_inner_zipfile(zipfile.ZIP_BZIP2, True))


def inner_unknown_method(mk: Maker) -> bytes:
    return mk.package(plain=_inner_zipfile(99, False))


def line_too_deep(mk: Maker) -> bytes:
    deep = b"[" * 10_000 + b"]" * 10_000
    return mk.package(plain=mk.inner(rows(line(CLIENT)[:-2] + b',"notes":' + deep + b"}\n")))


def unknown_inner_file(mk: Maker) -> bytes:
    return mk.package(plain=mk.inner({**rows(), "rows.unknown.jsonl": line(CLIENT)}))


def invalid_json_line(mk: Maker) -> bytes:
    return mk.package(plain=mk.inner(rows(b'{"uid": "5f0c1a2e"\n')))


def line_not_utf8(mk: Maker) -> bytes:
    return mk.package(plain=mk.inner(rows(line(CLIENT)[:-3] + b'\xff"}\n')))


PHOTO = bytes(range(256)) * 4  # an attachment's file, as far as the format cares
PHOTO_SHA = hashlib.sha256(PHOTO).hexdigest()


def file_not_its_name(mk: Maker) -> bytes:
    """An attachment's file whose bytes (one bit changed; the ZIP's CRC is of them) are
    not those its name, a SHA-256, says."""
    changed = bytes([PHOTO[0] ^ 1]) + PHOTO[1:]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in rows().items():
            zf.writestr(zipfile.ZipInfo(name, STAMP), data, zipfile.ZIP_DEFLATED)
        zf.writestr(zipfile.ZipInfo(f"files/{PHOTO_SHA}", STAMP), changed)
    return mk.package(plain=out.getvalue())


def file_too_large(mk: Maker) -> bytes:
    """An attachment's file whose ZIP directory declares 65 MiB (64 MiB at most): the
    limit is checked from the directory, before a byte is read (ZIP64 sizes; deflated)."""
    out = io.BytesIO()
    writer = zipwrite.ZipWriter(out)
    for name, data in {**rows(), f"files/{PHOTO_SHA}": PHOTO}.items():
        writer.begin(name)
        writer.write(data)
    writer.close()
    plain = bytearray(out.getvalue())
    # The ZIP64 extra of the file's central header: id 1, 24 bytes, size, packed, offset.
    entry = writer.entries[-1]
    extra = struct.pack("<HHQQQ", 1, 24, entry.size, entry.compressed_size, entry.offset)
    at = plain.rfind(extra)
    plain[at + 4:at + 12] = struct.pack("<Q", format.MAX_FILE_BYTES + 1024**2)
    return mk.package(plain=bytes(plain))


def file_in_schema_2(mk: Maker) -> bytes:
    """A package of data schema 2 holding an attachment's file: schema 2 has none."""
    return mk.package(mk.manifest(schema=2),
                      plain=mk.inner({**rows(), f"files/{PHOTO_SHA}": PHOTO}))


def file_in_format_1(mk: Maker) -> bytes:
    """A package of format 1 holding an attachment's file: format 1 has none."""
    return mk.package(mk.manifest(format=1),
                      plain=mk.inner({**rows(), f"files/{PHOTO_SHA}": PHOTO}))


def replayed_number(mk: Maker) -> bytes:
    return mk.package(mk.manifest(number=7))


def older_number(mk: Maker) -> bytes:
    return mk.package(mk.manifest(number=6))


def number_out_of_range(mk: Maker) -> bytes:
    return mk.package(mk.manifest(number=2**31))


# --- return packages, which the station reads -----------------------------------------------

RETURN_1 = "refusals/accepted-return-000001.swpkg"  # a valid return: applied before some


def station_kind(mk: Maker) -> bytes:
    return mk.package(recipient=mk.station.public())


def return_from_another_city(mk: Maker) -> bytes:
    return mk.return_package(mk.return_manifest(city="city-fedcba9876543210"))


def return_for_another_station(mk: Maker) -> bytes:
    return mk.return_package(mk.return_manifest(station="XM-SM-002"))


def return_signed_by_someone_else(mk: Maker) -> bytes:
    return mk.return_package(signer=fixed_keys("stranger"))


def return_without_ack(mk: Maker) -> bytes:
    return mk.return_package(without(mk.return_manifest(), "ack_through_seq"))


def return_with_a_file(mk: Maker) -> bytes:
    return mk.return_package(plain=mk.inner({"acks.jsonl": b"", "reference.jsonl": b"",
                                             f"files/{PHOTO_SHA}": PHOTO}))


def return_files_acked_not_hashes(mk: Maker) -> bytes:
    return mk.return_package(plain=mk.inner({"acks.jsonl": b"", "reference.jsonl": b"",
                                             "files_acked.jsonl": b'"photo.jpg"\n'}))


def return_replayed(mk: Maker) -> bytes:
    return mk.return_package(mk.return_manifest(created_at="2024-03-08 19:00:00"))


@dataclass(frozen=True)
class Refusal:
    name: str  # the file is refused-<name>.swpkg
    what: str  # the class, in a few words
    step: int  # of section 8
    en: str  # the start of the English message (a fragment of it)
    zh: str  # the same in Chinese
    make: Callable[[Maker], bytes]
    after: tuple[str, ...] = ()  # packages the reader has applied before (in vectors/)
    reader: str = "hub"  # or "station": a return package

    @property
    def file(self) -> str:
        return f"refused-{self.name}.swpkg"


_DAMAGED = ("The file is damaged or incomplete", "文件已损坏或不完整")
_METHOD = ("uses a compression method the format does not use", "用了本格式不使用的压缩方法")
_SIGNATURE = ("Bad signature", "签名无效")
_PATH = ("The package holds a path that is not allowed", "包内有不允许的路径")
_DECRYPT = ("Cannot decrypt", "无法解密")
_JSON = ("Line 1 of rows.client.jsonl in the package is not valid JSON",
         "包内文件 rows.client.jsonl 第 1 行不是有效的 JSON")
_OLDER = ("This is an older or replayed package of station XM-SM-001",
          "这是站点 XM-SM-001 的旧包或重放的包")

REFUSALS: tuple[Refusal, ...] = (
    Refusal("truncated", "the file is cut off halfway", 1, *_DAMAGED, truncated),
    Refusal("no-signature", "no archive comment", 1, *_DAMAGED, no_signature),
    Refusal("short-comment", "an archive comment of 32 bytes", 1, *_DAMAGED, short_comment),
    Refusal("trailing-bytes", "bytes after the signature", 1, *_SIGNATURE, trailing_bytes),
    Refusal("third-entry", "a third entry beside manifest.json and payload.bin", 1,
            "The package holds too many files (3)", "包内文件数量异常（3 个）", third_entry),
    Refusal("path-in-name", "an entry named ../payload.bin", 1, *_PATH, path_in_name),
    Refusal("same-name-twice", "manifest.json twice", 1, *_PATH, same_name_twice),
    Refusal("payload-missing", "manifest.json alone", 1, *_DAMAGED, payload_missing),
    Refusal("manifest-too-large", "a manifest of more than 1 MiB", 1,
            "The manifest is too large", "清单过大", manifest_too_large),
    Refusal("entry-declared-too-large", "payload.bin deflated, declaring 3 GiB uncompressed",
            1, "The package would unpack too large", "包解压后过大", entry_declared_too_large),
    Refusal("unknown-method", "manifest.json compressed with an unknown method (99)", 1,
            *_METHOD, unknown_method),
    Refusal("encrypted-entry", "manifest.json flagged as encrypted (flag bit 0)", 1,
            "The file manifest.json in the package is an encrypted ZIP entry",
            "包内文件 manifest.json 是加密的 ZIP 条目", encrypted_entry),
    Refusal("manifest-too-deep", "a manifest nesting 3,000 arrays", 2, *_DAMAGED,
            manifest_too_deep),
    Refusal("manifest-not-json", "a manifest that is not JSON", 2, *_DAMAGED,
            manifest_not_json),
    Refusal("manifest-not-object", "a manifest that is a JSON array", 2, *_DAMAGED,
            manifest_not_object),
    Refusal("newer-format", "format 3", 2,
            "This package's format (version 3) is newer than this program knows",
            "这个包的格式（版本 3）比本程序新", newer_format),
    Refusal("unknown-format", "format 0", 2, "Unknown package format version 0",
            "未知的包格式版本 0", unknown_format),
    Refusal("unknown-suite", "a cipher suite the reader does not know", 2,
            "Unsupported cipher suite: SM2-SM3-SM4", "不支持的加密套件：SM2-SM3-SM4",
            unknown_suite),
    Refusal("newer-schema", "schema 4", 2,
            "The package's data schema (4) is newer than this program knows (3); please "
            "upgrade the city hub's swdesk",
            "包的数据版本（4）比本程序新（支持到 3），请先升级市级平台", newer_schema),
    Refusal("member-missing", "a manifest without counts", 2, "manifest lacks counts",
            "清单缺少 counts", member_missing),
    Refusal("unknown-kind", "kind \"backup\"", 2, "Unknown package kind", "未知的包类型",
            unknown_kind),
    Refusal("return-to-hub", "a return package (kind \"return\", signed by the city)", 3,
            "This is a return package, not a station's package",
            "这是市级平台的回执包，不是站点的同步包", return_kind),
    Refusal("another-city", "addressed to another city hub", 3,
            "This package is addressed to another city hub (city-fedcba9876543210)",
            "这个包是发给另一个市级平台的（city-fedcba9876543210）", another_city),
    Refusal("station-not-enrolled", "from a station the hub has not enrolled (XM-SM-999)", 3,
            "Station XM-SM-999 is not enrolled here", "站点 XM-SM-999 未在本平台登记",
            station_not_enrolled),
    Refusal("station-keys-missing", "a station package without station_keys", 3,
            "The manifest lacks the station's keys", "清单缺少站点公钥", station_keys_missing),
    Refusal("wrong-proof", "a first package whose enrolment proof is wrong", 3,
            "Station XM-SM-001's enrolment proof does not match",
            "站点 XM-SM-001 的登记凭证不符", wrong_proof),
    Refusal("not-the-pinned-key", "other keys (with a valid proof) once the station's keys "
            "are pinned", 3, "This package is not signed with the key registered for station "
            "XM-SM-001", "这个包不是用站点 XM-SM-001 登记的密钥签名的", not_the_pinned_key,
            (EXAMPLE,)),
    Refusal("bad-signature", "one bit of the signature changed", 3, *_SIGNATURE,
            bad_signature),
    Refusal("changed-byte", "one bit of payload.bin changed after signing", 3, *_SIGNATURE,
            changed_byte),
    Refusal("signed-by-someone-else", "signed by a key that is not the station's", 3,
            *_SIGNATURE, signed_by_someone_else),
    Refusal("checksum-mismatch", "payload.sha256 does not match payload.bin", 4,
            "payload checksum mismatch", "数据校验和不符", checksum_mismatch),
    Refusal("size-mismatch", "payload.size does not match payload.bin", 4,
            "payload checksum mismatch", "数据校验和不符", size_mismatch),
    Refusal("encrypted-to-another-key", "the payload encrypted to another hub's key", 4,
            *_DECRYPT, encrypted_to_another_key),
    Refusal("info-of-another-package", "the payload encrypted with the HPKE info of package "
            "number 9", 4, *_DECRYPT, info_of_another_package),
    Refusal("inner-not-zip", "a plaintext that is not a ZIP", 4, *_DAMAGED, inner_not_zip),
    Refusal("inner-name-not-allowed", "an inner file named ../rows.client.jsonl", 4, *_PATH,
            inner_name_not_allowed),
    Refusal("inner-too-many", "65 inner files", 4, "The package holds too many files (65)",
            "包内文件数量异常（65 个）", inner_too_many),
    Refusal("inner-too-large", "inner files declaring 9 GiB in all", 4,
            "The package would unpack too large", "包解压后过大", inner_too_large),
    Refusal("inner-deflate-damaged", "deflate data of an inner file changed (the writer's "
            "fault: the payload itself is authentic)", 4, *_DAMAGED, inner_deflate_damaged),
    Refusal("inner-bzip2-damaged", "bzip2 data of an inner file changed (bzip2: a method "
            "the format does not use)", 4, *_METHOD, inner_bzip2_damaged),
    Refusal("inner-unknown-method", "an inner file compressed with an unknown method (99)", 4,
            *_METHOD, inner_unknown_method),
    Refusal("inner-unknown-file", "an inner file the schema does not define "
            "(rows.unknown.jsonl)", 4, "The package holds a file this program does not know",
            "包内有本程序不认识的文件", unknown_inner_file),
    Refusal("schema-2-file-in-schema-1", "a package of schema 1 holding rows.work_group.jsonl",
            4, "The package holds a file this program does not know: rows.work_group.jsonl "
            "(not in data schema 1)",
            "包内有本程序不认识的文件 rows.work_group.jsonl（数据版本 1 中没有）",
            schema_2_file_in_schema_1),
    Refusal("file-not-its-name", "an attachment's file whose bytes do not have the SHA-256 "
            "its name says (its CRC matches them)", 4,
            "An attachment's file in the package does not match its name (SHA-256)",
            "包内附件文件的内容与其名称（SHA-256）不符", file_not_its_name),
    Refusal("file-too-large", "an attachment's file of 65 MiB (64 MiB at most)", 4,
            "The attachment file", "包内的附件文件", file_too_large),
    Refusal("file-in-schema-2", "a package of schema 2 holding an attachment's file", 4,
            "The package holds a file this program does not know: files/",
            "包内有本程序不认识的文件 files/", file_in_schema_2),
    Refusal("file-in-format-1", "a package of format 1 holding an attachment's file", 4,
            "The package holds a file this program does not know: files/",
            "包内有本程序不认识的文件 files/", file_in_format_1),
    Refusal("line-too-deep", "a row nesting 10,000 arrays", 4, "nested more than 8 levels",
            "嵌套超过 8 层", line_too_deep),
    Refusal("invalid-json-line", "a line that is not JSON", 4, *_JSON, invalid_json_line),
    Refusal("line-not-utf8", "a line with a byte that is not UTF-8", 4, *_JSON,
            line_not_utf8),
    Refusal("replayed-number", "another package numbered 7 after number 7 was applied", 5,
            *_OLDER, replayed_number, (EXAMPLE,)),
    Refusal("older-number", "number 6 after number 7 was applied", 5, *_OLDER, older_number,
            (EXAMPLE,)),
    Refusal("number-out-of-range", "number 2^31", 5,
            "The manifest's number or sequence range is invalid", "清单中的编号或序号范围无效",
            number_out_of_range),
    Refusal("return-station-kind", "a station package given to the station", 3,
            "This is a station's package, not a return package",
            "这是站点的同步包，不是市级平台的回执包", station_kind, reader="station"),
    Refusal("return-another-city", "a return package from another city hub", 3,
            "This return package comes from another city hub", "这个回执包来自另一个市级平台",
            return_from_another_city, reader="station"),
    Refusal("return-another-station", "a return package for station XM-SM-002", 3,
            "This return package is for station XM-SM-002; this station is XM-SM-001",
            "这个回执包是给站点 XM-SM-002 的，本站是 XM-SM-001", return_for_another_station,
            reader="station"),
    Refusal("return-signed-by-someone-else", "a return package not signed by the city", 3,
            *_SIGNATURE, return_signed_by_someone_else, reader="station"),
    Refusal("return-of-an-old-hub", "a return package of schema 2 (a hub not upgraded yet)",
            2, "This return package comes from a city hub not upgraded yet (data schema 2)",
            "这个回执包来自尚未升级的市级平台（数据版本 2）", return_of_an_old_hub,
            reader="station"),
    Refusal("return-newer-schema", "a return package of schema 4", 2,
            "The package's data schema (4) is newer than this program knows (3); please "
            "upgrade swdesk at this station",
            "包的数据版本（4）比本程序新（支持到 3），请先升级本站的 swdesk", return_newer_schema,
            reader="station"),
    Refusal("return-without-ack", "a return manifest without ack_through_seq", 4,
            "manifest lacks its acknowledgement", "清单缺少确认序号", return_without_ack,
            reader="station"),
    Refusal("return-with-a-file", "a return package holding an attachment's file", 4,
            "The package holds a file this program does not know: files/",
            "包内有本程序不认识的文件 files/", return_with_a_file, reader="station"),
    Refusal("return-files-acked-not-hashes", "files_acked.jsonl naming a file by a name "
            "that is no SHA-256", 5, "malformed file acknowledgement", "附件文件确认格式不正确",
            return_files_acked_not_hashes, reader="station"),
    Refusal("return-replayed", "another return package numbered 1 after number 1 was "
            "applied", 5, "This is an older or replayed return package (number 1",
            "这是旧的或重放的回执包（第 1 号", return_replayed, (RETURN_1,), "station"),
)


def index() -> dict[str, Any]:
    return {"about": "Packages a reader refuses, writing nothing: docs/package-format.md, "
                     "sections 8 and 9. 'reader': the hub (station packages) or the station "
                     "XM-SM-001 (return packages). 'after': packages (in tests/sync/vectors/) "
                     "the reader applied first. 'en', 'zh': the start or a part of the "
                     "message.",
            "hub": {"city": CITY, "keys": "keys.json", "enrolled": [STATION]},
            "station": {"station": STATION, "city": CITY, "keys": "keys.json"},
            "vectors": [{"file": r.file, "reader": r.reader, "class": r.what, "step": r.step,
                         "en": r.en, "zh": r.zh, "after": list(r.after)}
                        for r in REFUSALS]}


def write(folder: Path, keys: dict[str, str]) -> None:
    """Write every vector and ``index.json`` into ``folder`` (old vectors removed)."""
    mk = Maker.from_keys(keys)
    made = {r.file: r.make(mk) for r in REFUSALS}  # all made before any old one goes
    made[Path(RETURN_1).name] = mk.return_package()
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.swpkg"):
        old.unlink()
    for name, data in made.items():
        (folder / name).write_bytes(data)
    (folder / "index.json").write_text(json.dumps(index(), ensure_ascii=False, indent=1)
                                       + "\n", encoding="utf-8")
