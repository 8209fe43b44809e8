"""What reading a hostile package raised is a refusal of that package, on both hub back ends.

One test per class of error the readers once let through as "unexpected error" (found by
the tester and by the mutation fuzzer, tests/sync/test_fuzz_readers.py): encrypted ZIP
entries, compression methods the format does not use (LZMA, bzip2, unknown), nesting deep
enough to exhaust the recursion, numbers and text no column holds, unknown inner files,
lines and sizes beyond the limits. Packages signed and encrypted with the right keys
reach past the signature, where only a key's owner could go.
"""

from __future__ import annotations

import json
import stat
import struct
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from fuzzing import Parts, container, inner_zip, resign, seal, set_entry_field, take_apart
from synchelp import Station, dump

from swdesk.city import models as cm
from swdesk.city.db import City
from swdesk.city.ingest import ingest
from swdesk.city.returns import write_return
from swdesk.model import database
from swdesk.model.sync import SyncConflict
from swdesk.sync import apply, crypto, enrolment, export, format
from swdesk.sync.format import PackageRefused
from tests.stations import here


@dataclass
class Package:
    """A station's first package, not ingested yet, and the keys to forge others."""

    hub: City
    station: Station
    data: bytes
    parts: Parts
    keys: crypto.KeyPair  # the station's
    folder: Path

    def forged(self, name: str, *, manifest: bytes | None = None,
               files: list[tuple[str, bytes]] | None = None, inner: bytes | None = None) -> Path:
        """A package signed with the station's key, holding what it is given."""
        if inner is None:
            inner = inner_zip(self.parts.inner if files is None else files)
        sealed, ciphertext = seal(self.parts.manifest, inner, self.hub.keys.public())
        path = self.folder / name
        path.write_bytes(container(manifest or format.canonical_json(sealed), ciphertext,
                                   self.keys))
        return path

    def lines_with(self, name: str, file: str, change: Callable[[list[bytes]], list[bytes]]
                   ) -> Path:
        files = [(n, b"".join(change(c.splitlines(keepends=True))) if n == file else c)
                 for n, c in self.parts.inner]
        return self.forged(name, files=files)


@pytest.fixture
def package(hub: City, station_factory, tmp_path: Path) -> Package:
    s = station_factory(clients=4, records=4)
    with s.active():
        path = export.export_package(here(), tmp_path / "out").path
        keys = enrolment.identity().keys
    folder = tmp_path / "forged"
    folder.mkdir()
    data = path.read_bytes()
    return Package(hub, s, data, take_apart(data, hub.keys), keys, folder)


def refused(hub: City, path: Path, match: str) -> None:
    before = dump(hub.db)
    with pytest.raises(PackageRefused, match=match):
        ingest(hub, path)
    assert dump(hub.db) == before
    assert not any(hub.staging.iterdir())


def test_an_encrypted_entry_is_refused(package: Package) -> None:
    # The tester's RuntimeError: the manifest entry flagged as encrypted, before the
    # signature is checked (so no key is needed), and an inner entry of a signed package.
    flagged = package.folder / "encrypted-manifest.swpkg"
    flagged.write_bytes(set_entry_field(package.data, format.MANIFEST, "flags", 0x1))
    refused(package.hub, flagged, "加密的 ZIP 条目")
    inner = set_entry_field(inner_zip(package.parts.inner), "rows.client.jsonl", "flags", 0x41)
    refused(package.hub, package.forged("encrypted-inner.swpkg", inner=inner), "加密的 ZIP 条目")


@pytest.mark.parametrize(("method", "name"), [(14, "lzma"), (12, "bzip2"), (99, "aes"),
                                              (9, "deflate64")])
def test_a_compression_method_the_format_does_not_use_is_refused(
        package: Package, method: int, name: str) -> None:
    # The tester's LZMAError: an entry marked LZMA whose data is no LZMA stream.
    outer = package.folder / f"{name}-outer.swpkg"
    outer.write_bytes(set_entry_field(package.data, format.MANIFEST, "method", method))
    refused(package.hub, outer, "压缩方法")
    outer_signed = package.folder / f"{name}-outer-signed.swpkg"
    outer_signed.write_bytes(resign(outer.read_bytes(), package.keys))
    refused(package.hub, outer_signed, "压缩方法")
    inner = set_entry_field(inner_zip(package.parts.inner), "rows.client.jsonl", "method",
                            method)
    refused(package.hub, package.forged(f"{name}-inner.swpkg", inner=inner), "压缩方法")


@pytest.mark.parametrize("depth", [9, 1000, 100_000])
def test_a_deeply_nested_manifest_is_refused(package: Package, depth: int) -> None:
    # The tester's RecursionError, before the signature (unsigned) and after (signed).
    deep = b'{"x":' * depth + b"1" + b"}" * depth
    text = format.canonical_json(package.parts.manifest)
    nested = text[:-1] + b',"app":' + deep + b"}"
    refused(package.hub, package.forged(f"deep-{depth}.swpkg", manifest=nested), "损坏")
    unsigned = package.folder / f"deep-unsigned-{depth}.swpkg"
    unsigned.write_bytes(package.forged("x.swpkg", manifest=nested).read_bytes()[:-64]
                         + bytes(64))
    refused(package.hub, unsigned, "损坏")


@pytest.mark.parametrize("depth", [9, 1000, 5000, 100_000])
def test_a_deeply_nested_row_is_refused_and_nothing_is_written(package: Package,
                                                                 depth: int) -> None:
    # The last line of the last file: every row before it was applied in the transaction.
    last = package.parts.inner[-1][0]
    deep = b"[" * depth + b"]" * depth

    def nest(lines: list[bytes]) -> list[bytes]:
        return [*lines, lines[-1][:-2] + b',"notes":' + deep + b"}\n"]

    line = 1 + len(package.parts.inner[-1][1].splitlines())
    refused(package.hub, package.lines_with(f"deep-row-{depth}.swpkg", last, nest),
            f"{last} 第 {line} 行.*嵌套")


def test_a_row_nested_as_deep_as_a_row_is_taken(package: Package) -> None:
    # (the limit leaves room: a service record's partner shares nest three levels deep)
    def nest(lines: list[bytes]) -> list[bytes]:
        return [lines[0][:-2] + b',"notes":[[[[{"a":[]}]]]]}\n', *lines[1:]]

    first = package.parts.inner[0][0]
    assert ingest(package.hub, package.lines_with("fine.swpkg", first, nest)).status == "applied"


@pytest.mark.parametrize("value", [b'"\\ud800"', b'"\xed\xa0\x80"', b"1e999", b"9" * 5000,
                                   b'"2024-02-30 25:00:00"', b"[]"])
def test_a_row_time_no_column_holds_is_rejected_not_a_crash(package: Package,
                                                              value: bytes) -> None:
    # The fuzzer's UnicodeEncodeError: updated_at, stored as it comes, was never checked.
    first, content = package.parts.inner[0]
    row = json.loads(content.splitlines()[0])

    def odd(lines: list[bytes]) -> list[bytes]:
        return [lines[0].replace(json.dumps(row["updated_at"]).encode(), value, 1), *lines[1:]]

    path = package.lines_with("odd-time.swpkg", first, odd)
    if value == b"9" * 5000:  # more digits than any JSON reader takes: the line is refused
        refused(package.hub, path, "不是有效的 JSON")
        return
    assert ingest(package.hub, path).status == "applied"
    q = cm.CityQuarantine.get(cm.CityQuarantine.uid == row["uid"])
    assert q.reason == "updated_at: invalid"


@pytest.mark.parametrize(("key", "value"), [("uid", b'["a"]'), ("uid", b'{"a": 1}'),
                                            ("origin", b"[]")])
def test_a_row_whose_uid_is_no_text_is_rejected_not_a_crash(package: Package, key: str,
                                                             value: bytes) -> None:
    # The fuzzer's TypeError (unhashable type) while a chunk's uids were compared.
    first, content = package.parts.inner[0]
    row = json.loads(content.splitlines()[0])

    def odd(lines: list[bytes]) -> list[bytes]:
        return [lines[0].replace(json.dumps(row[key]).encode(), value, 1), *lines[1:]]

    result = ingest(package.hub, package.lines_with("odd-uid.swpkg", first, odd))
    assert result.status == "applied"
    assert cm.CityQuarantine.get().reason == f"{key}: invalid"


def test_true_where_a_number_belongs_is_no_number(package: Package) -> None:
    # The fuzzer's DatatypeMismatch on PostgreSQL: true passed as the integer 1.
    first, content = package.parts.inner[0]
    row = json.loads(content.splitlines()[0])

    def odd(lines: list[bytes]) -> list[bytes]:
        return [lines[0].replace(b'"version": %d' % row["version"], b'"version": true', 1)
                if b'"version": ' in lines[0] else
                lines[0].replace(b'"version":%d' % row["version"], b'"version":true', 1),
                *lines[1:]]

    assert ingest(package.hub, package.lines_with("true.swpkg", first, odd)).status == "applied"
    assert cm.CityQuarantine.get(cm.CityQuarantine.uid == row["uid"]).reason == \
        "version: invalid"
    for key in ("number", "seq_from", "seq_to", "basis"):
        manifest = dict(package.parts.manifest, **{key: True})
        sealed, ciphertext = seal(manifest, inner_zip(package.parts.inner),
                                  package.hub.keys.public())
        path = package.folder / f"true-{key}.swpkg"
        path.write_bytes(container(format.canonical_json(sealed), ciphertext, package.keys))
        refused(package.hub, path, "清单中的编号不是整数")


def test_odd_text_in_the_manifest_is_refused_with_a_printable_message(
        package: Package) -> None:
    manifest = dict(package.parts.manifest, station="\ud800\u202e", suite="x\x00\ud800")
    text = json.dumps(manifest).encode()  # (ASCII escapes: json reads the lone surrogates)
    path = package.forged("odd.swpkg", manifest=text)
    with pytest.raises(PackageRefused) as caught:
        ingest(package.hub, path)
    str(caught.value).encode("utf-8")  # printable: no lone surrogate in the message
    assert "\x00" not in str(caught.value)


def test_an_inner_file_the_schema_does_not_define_is_refused(package: Package) -> None:
    # It was ignored without a word: whatever it carried was lost.
    files = [*package.parts.inner, ("rows.unknown_entity.jsonl", b'{"uid": "x"}\n')]
    refused(package.hub, package.forged("unknown.swpkg", files=files),
            "不认识的文件 rows.unknown_entity.jsonl")
    files = [*package.parts.inner, ("acks.jsonl", b"")]  # a return package's file
    refused(package.hub, package.forged("acks.swpkg", files=files), "不认识的文件 acks.jsonl")


def test_honest_repetitive_data_is_no_zip_bomb(package: Package) -> None:
    # A 2 MB note of one repeated character deflates about 1,000 times: the package was
    # refused as a zip bomb. Now only the declared sizes bound the expansion.
    first = package.parts.inner[0][0]

    def note(lines: list[bytes]) -> list[bytes]:
        return [lines[0][:-2] + b',"notes":"' + b"a" * 2_000_000 + b'"}\n', *lines[1:]]

    assert ingest(package.hub, package.lines_with("note.swpkg", first, note)).status == "applied"


def test_expansion_is_bounded_by_the_declared_sizes(package: Package) -> None:
    inner = inner_zip(package.parts.inner)
    name = package.parts.inner[0][0].encode()
    # the directory declares more than 8 GiB in all
    big = bytearray(inner)
    pos = big.find(b"PK\x01\x02")
    while pos >= 0:
        struct.pack_into("<I", big, pos + 24, 0xFFFFFFF0)  # uncompressed size
        pos = big.find(b"PK\x01\x02", pos + 1)
    refused(package.hub, package.forged("declared.swpkg", inner=bytes(big)), "过大")
    # an entry that holds more than it declares: never more is read
    small = bytearray(inner)
    pos = small.find(b"PK\x01\x02")
    while small[pos + 46:pos + 46 + len(name)] != name:
        pos = small.find(b"PK\x01\x02", pos + 1)
    struct.pack_into("<I", small, pos + 24, 10)
    refused(package.hub, package.forged("more.swpkg", inner=bytes(small)), "损坏")


def test_a_line_beyond_the_limit_is_refused(package: Package) -> None:
    first = package.parts.inner[0][0]

    def long(lines: list[bytes]) -> list[bytes]:
        return [b" " * (format.MAX_LINE_BYTES + 10) + lines[0], *lines[1:]]

    refused(package.hub, package.lines_with("long.swpkg", first, long), "超过 64 MiB")


def test_staging_is_private(package: Package) -> None:
    package.hub.staging.mkdir(mode=0o755)  # (as an older version made it)
    ingest(package.hub, package.forged("fine.swpkg"))
    assert stat.S_IMODE(package.hub.staging.stat().st_mode) == 0o700
    with package.station.active():
        export.export_package(here(), package.folder / "again")
        assert stat.S_IMODE(apply.staging_root().stat().st_mode) == 0o700


# --- the station's reader ----------------------------------------------------------------------


@pytest.fixture
def returned(package: Package) -> tuple[Package, Parts]:
    """The station's package ingested, and the return package the station has not taken."""
    ingest(package.hub, package.forged("first.swpkg"))
    path = write_return(package.hub, package.station.code, package.folder).path
    return package, take_apart(path.read_bytes(), package.keys)


def _return(package: Package, parts: Parts, name: str,
            files: list[tuple[str, bytes]]) -> Path:
    sealed, ciphertext = seal(parts.manifest, inner_zip(files), package.keys.public())
    path = package.folder / name
    path.write_bytes(container(format.canonical_json(sealed), ciphertext, package.hub.keys))
    return path


def _station_refuses(package: Package, path: Path, match: str) -> None:
    with package.station.active():
        before = dump(database.obj)
        with pytest.raises(PackageRefused, match=match):
            apply.import_return(path)
        assert dump(database.obj) == before


@pytest.mark.parametrize("ack", [
    '["client", "u", 1, ["applied"], "", []]',  # (was a TypeError: a list is no key)
    '["client", "u", 1, "applied", {}, []]', '["client", "u", 1, "conflict", "", 5]',
    '["client", "\\ud800", 1, "applied", "", []]', '["client", "u", 1, "x", "", []]',
    '[["client"], "u", 1, "applied", "", []]', '["client", "u", 1e999, "applied", "", []]'])
def test_a_malformed_acknowledgement_is_refused(returned, ack: str) -> None:
    package, parts = returned
    files = [(n, c + ack.encode() + b"\n" if n == "acks.jsonl" else c) for n, c in parts.inner]
    if "acks.jsonl" not in dict(files):
        files.append(("acks.jsonl", ack.encode() + b"\n"))
    _station_refuses(package, _return(package, parts, "ack.swpkg", files), "回执格式不正确")


@pytest.mark.parametrize("item", [
    {"sort": "abc"}, {"sort": 1e300}, {"sort": 2**40}, {"code": ["x"]}, {"zh": "\ud800"},
    {"active": "yes"}])
def test_malformed_reference_data_is_refused(returned, item: dict) -> None:
    # (was ValueError / OverflowError from int(), or the database's UnicodeEncodeError)
    package, parts = returned
    line = json.dumps({"list_code": "service_kind", "code": "c", "zh": "中", "en": "e",
                       "sort": 1, "active": True, **item}).encode() + b"\n"
    files = [*[(n, c) for n, c in parts.inner if n != "reference.jsonl"],
             ("reference.jsonl", line)]
    _station_refuses(package, _return(package, parts, "ref.swpkg", files), "参考数据格式不正确")


def test_a_correction_no_column_holds_is_set_aside_for_a_person(returned) -> None:
    # (was ValueError from the date, after other corrections had gone in)
    package, parts = returned
    with package.station.active():
        uid, = database.execute_sql("SELECT uid FROM client LIMIT 1").fetchone()
    row = package.hub.db.execute_sql(
        f'SELECT uid, origin, version FROM "c_client" WHERE uid = {package.hub.db.param}',
        (uid,)).fetchone()
    line = json.dumps({"uid": row[0], "origin": row[1], "version": row[2] + 1,
                       "updated_at": "2024-01-01 00:00:00", "deleted": False, "name": "x",
                       "birth_date": "nan"}).encode() + b"\n"
    files = [*[(n, c) for n, c in parts.inner if n != "corrections.client.jsonl"],
             ("corrections.client.jsonl", line)]
    with package.station.active():
        assert apply.import_return(_return(package, parts, "c.swpkg", files)).status == "applied"
        conflict = SyncConflict.get(SyncConflict.row_uid == uid)
        assert conflict.kind == "rejected" and conflict.reason == "birth_date: not a date"


def test_the_station_refuses_a_deep_or_encrypted_return(returned) -> None:
    package, parts = returned
    # reference.jsonl is read last: the acknowledgements before it went in, and go out again
    assert parts.inner[0][0] == "acks.jsonl" and parts.inner[0][1]
    deep = [(n, c + b"[" * 5000 + b"]" * 5000 + b"\n" if n == "reference.jsonl" else c)
            for n, c in parts.inner]
    _station_refuses(package, _return(package, parts, "deep.swpkg", deep), "嵌套")
    path = _return(package, parts, "plain.swpkg", parts.inner)
    flagged = package.folder / "flagged.swpkg"
    flagged.write_bytes(set_entry_field(path.read_bytes(), format.PAYLOAD, "flags", 0x1))
    _station_refuses(package, flagged, "加密的 ZIP 条目")
    with package.station.active():
        assert not any(apply.staging_root().iterdir())
