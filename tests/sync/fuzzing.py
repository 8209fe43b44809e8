"""A seeded mutation fuzzer of the package readers (the hub's ingest, the station's import).

``Fuzzer`` holds a real station package and a real return package, and the keys of
both sides, so that a mutation can reach past the signature: the manifest, the inner
ZIP and its JSON lines are changed and then encrypted and signed again, as only the
key's owner could. Each case runs the reader inside an outer transaction that is
rolled back afterwards, so every case starts from the same databases.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import shutil
import signal
import struct
import time
import traceback
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from swdesk.city import ingest as city_ingest
from swdesk.city.db import City
from swdesk.db import epochs
from swdesk.model import database
from swdesk.sync import apply, crypto, format
from swdesk.sync.format import PackageRefused

CASE_SECONDS = 60  # a generous bound on one case: a hang fails the run


# --- taking a package apart and building it again ----------------------------------------------


@dataclass
class Parts:
    manifest: dict[str, Any]
    inner: list[tuple[str, bytes]]  # the inner ZIP's files, in order


def take_apart(data: bytes, recipient: crypto.KeyPair) -> Parts:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        manifest = json.loads(zf.read(format.MANIFEST))
        ciphertext = zf.read(format.PAYLOAD)
    plain = crypto.unseal(recipient, ciphertext, format.hpke_info(manifest), manifest["format"])
    with zipfile.ZipFile(io.BytesIO(plain)) as zf:
        inner = [(i.filename, zf.read(i)) for i in zf.infolist()]
    return Parts(manifest, inner)


def inner_zip(files: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, content in files:
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), content,
                        zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def seal(manifest: dict[str, Any], inner: bytes, recipient: crypto.PublicKeys) -> tuple[
        dict[str, Any], bytes]:
    """The manifest with its payload member, and the payload, for ``inner``."""
    try:
        info = format.hpke_info(manifest)
    except (KeyError, TypeError, ValueError):
        info = b"swdesk-package/1"
    ciphertext = crypto.seal(recipient, inner, info,
                             1 if manifest.get("format") == 1 else format.FORMAT_VERSION)
    return dict(manifest, payload={"sha256": hashlib.sha256(ciphertext).hexdigest(),
                                   "size": len(ciphertext), "plain_size": len(inner)}), ciphertext


def container(manifest_text: bytes, ciphertext: bytes, signer: crypto.KeyPair) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        zf.comment = bytes(crypto.SIGNATURE_SIZE)
        zf.writestr(zipfile.ZipInfo(format.MANIFEST, (1980, 1, 1, 0, 0, 0)), manifest_text)
        zf.writestr(zipfile.ZipInfo(format.PAYLOAD, (1980, 1, 1, 0, 0, 0)), ciphertext)
    return resign(buf.getvalue(), signer)


def resign(data: bytes, signer: crypto.KeyPair) -> bytes:
    """``data`` with its last 64 bytes made the signature over the rest."""
    if len(data) < crypto.SIGNATURE_SIZE:
        return data
    body = data[:-crypto.SIGNATURE_SIZE]
    message = format.SIGNED_PREFIX + hashlib.sha256(body).digest()
    return body + crypto.sign(signer, message)


# --- values a hostile writer puts in JSON ------------------------------------------------------

_ODD_TEXT = ["", " ", "\u202e\u0627\u0644", "e\u0301\u0301\u0301", "\U0001f600" * 3, "\uffff",
             "\u0000", "\x07\x1b[31m", "陈" * 300, "a" * 70_000, "\ufeffx", "\\", "\"", "\n",
             "1.5", "2024-02-30", "9999-12-31 23:59:59", "-1", "NaN", "../../etc", "\u2028",
             ",dibao,tekun,"]
_RAW = [  # JSON texts, not all valid, written into a line as they are
    b"null", b"true", b"false", b"0", b"-0", b"1", b"-1", b"2147483647", b"2147483648",
    b"-2147483649", b"9223372036854775807", b"9223372036854775808", b"1" * 40, b"9" * 5000,
    b"1e999", b"-1e999", b"1.5", b"1E+2", b"NaN", b"Infinity", b"-Infinity", b"[]", b"{}",
    b'"\\ud800"', b'"\\udfff\\ud800"', b'"\\u0000"', b'"\xff\xfe"', b'"\xc0\x80"',
    b'"\xed\xa0\x80"',
    b"[[[[[[[[[[[[1]]]]]]]]]]]]", b'{"a":{"b":{"c":{"d":{"e":{"f":{"g":{"h":{"i":1}}}}}}}}}',
    b"[1,2", b"{", b"}", b'"unterminated', b"tru", b'{"a":1,"a":2}', b"[" * 100_000,
    b'[{"partner":"x","value":[[[]]]}]', b'{"__proto__":1}', b"01", b"+1", b".5", b"0x10",
]


def deep(rng: random.Random) -> bytes:
    depth = rng.choice([9, 10, 50, 999, 1000, 1001, 3000, 100_000])
    if rng.random() < 0.5:
        return b"[" * depth + b"1" + b"]" * depth
    return b'{"a":' * depth + b"1" + b"}" * depth


def odd_raw(rng: random.Random) -> bytes:
    pick = rng.random()
    if pick < 0.15:
        return deep(rng)
    if pick < 0.45:
        return json.dumps(rng.choice(_ODD_TEXT)).encode()
    return rng.choice(_RAW)


_MARK = "\x00swdesk-fuzz-mark\x00"


def mutate_value(value: Any, rng: random.Random) -> bytes:
    """The JSON text of ``value`` with one member or item replaced, removed or added."""
    raw = odd_raw(rng)
    if isinstance(value, dict) and value:
        key = rng.choice(list(value))
        how = rng.random()
        if how < 0.6:
            value = dict(value, **{key: _MARK})
        elif how < 0.75:
            value = {k: v for k, v in value.items() if k != key}
            raw = b""
        elif how < 0.9:
            value = dict(value, **{rng.choice(["_x", "unknown", "_base", "_seq", "extra"]): _MARK})
        else:
            inner = value[key]
            if isinstance(inner, dict | list) and inner:
                text = mutate_value(inner, rng)
                return json.dumps(dict(value, **{key: _MARK}), ensure_ascii=False).encode().replace(
                    json.dumps(_MARK).encode(), text, 1)
            value = dict(value, **{key: _MARK})
    elif isinstance(value, list) and value:
        index = rng.randrange(len(value))
        value = [*value[:index], _MARK, *value[index + 1:]]
    else:
        value = _MARK
    text = _text(value)
    return text.replace(json.dumps(_MARK).encode(), raw, 1) if raw else text


def _text(value: Any) -> bytes:
    # (a lone surrogate a line changed before holds becomes bytes that are no UTF-8)
    return json.dumps(value, ensure_ascii=False).encode("utf-8", "surrogatepass")


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    """A byte flip, truncation, insertion or deletion."""
    if not data:
        return bytes([rng.randrange(256)])
    how = rng.random()
    at = rng.randrange(len(data))
    if how < 0.4:
        out = bytearray(data)
        for _ in range(rng.choice([1, 1, 2, 4])):
            out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
        return bytes(out)
    if how < 0.6:
        return data[:at]
    if how < 0.85:
        insert = rng.choice([b"\x00", b"\xff", b"\n", b"PK\x03\x04", b"PK\x05\x06",
                             bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40)))])
        return data[:at] + insert + data[at:]
    return data[:at] + data[at + rng.randrange(1, 64):]


def mutate_line(line: bytes, rng: random.Random) -> bytes:
    body = line.rstrip(b"\n")
    how = rng.random()
    if how < 0.55:
        try:
            value = json.loads(body)
        except (ValueError, RecursionError):  # (a line changed before)
            value = None
        return mutate_value(value, rng) + b"\n"
    if how < 0.75:
        return mutate_bytes(body, rng) + b"\n"
    return rng.choice([b"\n", b"   \n", b"\r\n", body + b"\r\n", body, body + b" " + body + b"\n",
                       b"\xef\xbb\xbf" + body + b"\n", body + b"\n\n", b"\x00" * 10 + b"\n",
                       odd_raw(rng) + b"\n"])


def mutate_lines(content: bytes, rng: random.Random) -> bytes:
    lines = content.splitlines(keepends=True) or [b""]
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        index = rng.randrange(len(lines))
        lines[index] = mutate_line(lines[index], rng)
    if rng.random() < 0.05:
        lines.append(rng.choice(lines))  # the same row twice
    return b"".join(lines)


# --- ZIP header fields -------------------------------------------------------------------------

# (signature, {field: (offset, struct format)}) of the records a ZIP reader reads
_LOCAL = (b"PK\x03\x04", {"flags": (6, "<H"), "method": (8, "<H"), "crc": (14, "<I"),
                          "csize": (18, "<I"), "usize": (22, "<I"), "nlen": (26, "<H"),
                          "xlen": (28, "<H"), "name": (30, "<B")})
_CENTRAL = (b"PK\x01\x02", {"flags": (8, "<H"), "method": (10, "<H"), "crc": (16, "<I"),
                            "csize": (20, "<I"), "usize": (24, "<I"), "nlen": (28, "<H"),
                            "xlen": (30, "<H"), "clen": (32, "<H"), "offset": (42, "<I"),
                            "name": (46, "<B")})
_END = (b"PK\x05\x06", {"entries": (8, "<H"), "total": (10, "<H"), "cdsize": (12, "<I"),
                        "cdoffset": (16, "<I"), "clen": (20, "<H")})
_END64 = (b"PK\x06\x06", {"entries": (24, "<Q"), "total": (32, "<Q"), "cdsize": (40, "<Q"),
                          "cdoffset": (48, "<Q")})
_INTERESTING = {"flags": [0x1, 0x8, 0x20, 0x40, 0x800, 0x2000, 0x9, 0xFFFF],
                "method": [0, 1, 6, 8, 9, 12, 14, 19, 93, 95, 97, 98, 99, 0xFFFF]}


def edit_header(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    """One field of a local header, directory entry or end record changed."""
    records = [r for r in (_LOCAL, _CENTRAL, _END, _END64) if r[0] in data]
    if not records:
        return mutate_bytes(data, rng), "bytes"
    sig, fields = rng.choice(records)
    at = rng.choice(list(_find_all(data, sig)))
    name = rng.choice(list(fields))
    offset, fmt = fields[name]
    size = struct.calcsize(fmt)
    if at + offset + size > len(data):
        return data[:at], name
    old = struct.unpack_from(fmt, data, at + offset)[0]
    top = 256 ** size - 1
    choices = [0, 1, old + 1, max(old - 1, 0), top, old ^ (1 << rng.randrange(size * 8)),
               rng.randrange(top + 1), *_INTERESTING.get(name, [])]
    new = min(rng.choice(choices), top)
    out = bytearray(data)
    struct.pack_into(fmt, out, at + offset, new)
    if name in ("flags", "method") and sig in (_LOCAL[0], _CENTRAL[0]) and rng.random() < 0.7:
        # the same change in the entry's other record too (a consistent archive)
        other, other_fields = (_CENTRAL if sig == _LOCAL[0] else _LOCAL)
        for pos in _find_all(bytes(out), other):
            o_off, o_fmt = other_fields[name]
            if pos + o_off + 2 <= len(out):
                struct.pack_into(o_fmt, out, pos + o_off, new)
    return bytes(out), name


def set_entry_field(data: bytes, entry: str, field: str, value: int) -> bytes:
    """``data`` (a ZIP) with ``field`` ("flags" or "method") of ``entry`` set in both its
    local header and its directory record, as a consistent writer would."""
    out = bytearray(data)
    name = entry.encode()
    for sig, fields in (_LOCAL, _CENTRAL):
        name_at, at = fields["name"][0], fields[field][0]
        for pos in _find_all(data, sig):
            if out[pos + name_at:pos + name_at + len(name)] == name:
                struct.pack_into("<H", out, pos + at, value)
    return bytes(out)


def _find_all(data: bytes, sig: bytes) -> Iterator[int]:
    at = data.find(sig)
    while at >= 0:
        yield at
        at = data.find(sig, at + 1)


def rename_inner(files: list[tuple[str, bytes]], rng: random.Random) -> list[tuple[str, bytes]]:
    files = list(files)
    how = rng.random()
    if how < 0.3:
        files.append((rng.choice(["rows.unknown.jsonl", "notes.jsonl", "acks.jsonl",
                                  "rows.client.jsonl", "corrections.nothing.jsonl"]),
                      b'{"uid": "x"}\n'))
    elif how < 0.5 and files:
        files.append(rng.choice(files))  # the same name twice
    elif how < 0.8 and files:
        index = rng.randrange(len(files))
        files[index] = (rng.choice(["../rows.client.jsonl", "a/b.jsonl", "ROWS.CLIENT.JSONL",
                                    "rows.client.json", "rows.client.jsonl\x00",
                                    "corrections.client.jsonl", "rows.client.jsonl "]),
                        files[index][1])
    elif files:
        files.pop(rng.randrange(len(files)))
    return files


# --- the runner --------------------------------------------------------------------------------


@dataclass
class Side:
    """One reader: its real package, who signs and who decrypts it, and how it runs."""

    name: str
    data: bytes
    parts: Parts
    signer: crypto.KeyPair
    recipient: crypto.KeyPair
    run: Callable[[Path], str]  # the outcome of a clean result
    db: Callable[[], pw.Database]
    staging: Callable[[], Path]
    cleanup: Callable[[], None] = lambda: None
    # The station's numbering epoch: a return package acknowledging more than the station
    # sent is refused *and* starts a new epoch (spec, section 7), the one refusal that
    # writes, by design.
    epoch: Callable[[], str] = lambda: ""


@dataclass
class Figures:
    cases: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[tuple[str, str]] = field(default_factory=Counter)
    seconds: Counter[str] = field(default_factory=Counter)
    messages: Counter[str] = field(default_factory=Counter)

    def table(self) -> str:
        lines = [f"{'class':22} {'cases':>7} {'ms/case':>8}  outcomes"]
        for cls, n in sorted(self.cases.items()):
            outs = ", ".join(f"{o} {c}" for (k, o), c in sorted(self.outcomes.items())
                             if k == cls)
            lines.append(f"{cls:22} {n:7} {1000 * self.seconds[cls] / n:8.1f}  {outs}")
        total = sum(self.cases.values())
        lines.append(f"{'all':22} {total:7} {1000 * sum(self.seconds.values()) / total:8.1f}")
        return "\n".join(lines)


class CaseFailed(AssertionError):
    pass


class _Timeout(BaseException):
    pass


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    if not hasattr(signal, "SIGALRM"):
        yield
        return

    def ring(_signum: int, _frame: Any) -> None:
        raise _Timeout

    old = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def fingerprint(db: pw.Database) -> tuple[Any, ...]:
    """Row counts of every table and a hash of the small ones: what a refusal must keep."""
    if isinstance(db, pw.SqliteDatabase):
        names = [r[0] for r in db.execute_sql(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " AND name NOT LIKE 'client_fts%'")]
    else:
        names = [r[0] for r in db.execute_sql(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
    out: list[Any] = []
    for n in sorted(names):
        count = db.execute_sql(f'SELECT count(*) FROM "{n}"').fetchone()[0]
        out.append((n, count))
        if count <= 200:
            rows = sorted(map(repr, db.execute_sql(f'SELECT * FROM "{n}"').fetchall()))
            out.append(hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return tuple(out)


class Fuzzer:
    CLASSES = ("bytes", "bytes+resigned", "outer-header", "outer-header+resigned",
               "manifest", "manifest-text", "inner-bytes", "inner-header", "inner-names",
               "lines", "lines-many")
    # cheap classes die before decryption; the rest reach the content
    WEIGHTS = (30, 6, 20, 6, 8, 4, 5, 7, 3, 9, 2)

    def __init__(self, sides: list[Side], work: Path, seed: int) -> None:
        self.sides, self.work, self.rng = sides, work, random.Random(seed)
        self.figures = Figures()
        self.failures: list[str] = []
        self.baseline: dict[str, tuple[Any, ...]] = {}

    def mutate(self, side: Side, cls: str) -> bytes:
        rng, parts = self.rng, side.parts
        public = side.recipient.public()
        if cls == "bytes":
            return mutate_bytes(side.data, rng)
        if cls == "bytes+resigned":
            return resign(mutate_bytes(side.data[:-crypto.SIGNATURE_SIZE], rng)
                          + side.data[-crypto.SIGNATURE_SIZE:], side.signer)
        if cls == "outer-header":
            return edit_header(side.data, rng)[0]
        if cls == "outer-header+resigned":
            return resign(edit_header(side.data, rng)[0], side.signer)
        inner = inner_zip(parts.inner)
        if cls in ("manifest", "manifest-text"):
            manifest, ciphertext = seal(parts.manifest, inner, public)
            text = format.canonical_json(manifest)
            if cls == "manifest":
                text = mutate_value(manifest, rng)
                try:  # encrypted for what the changed manifest says, where it says enough
                    changed = json.loads(text)
                    if isinstance(changed, dict):
                        _sealed, ciphertext = seal(changed, inner, public)
                except (ValueError, RecursionError):
                    pass
            else:
                text = mutate_bytes(text, rng)
            return container(text, ciphertext, side.signer)
        if cls == "inner-bytes":
            inner = mutate_bytes(inner, rng)
        elif cls == "inner-header":
            inner = edit_header(inner, rng)[0]
        elif cls == "inner-names":
            inner = inner_zip(rename_inner(parts.inner, rng))
        else:
            files = list(parts.inner)
            for _ in range(1 if cls == "lines" else rng.randrange(2, 6)):
                index = rng.randrange(len(files))
                files[index] = (files[index][0], mutate_lines(files[index][1], rng))
            inner = inner_zip(files)
        manifest, ciphertext = seal(parts.manifest, inner, public)
        return container(format.canonical_json(manifest), ciphertext, side.signer)

    def run(self, count: int, *, full_check_every: int = 100) -> Figures:
        for n in range(count):
            side = self.sides[n % len(self.sides)]
            cls = self.rng.choices(self.CLASSES, self.WEIGHTS)[0]
            self.case(side, cls, n, full=n % full_check_every == 0)
        return self.figures

    def case(self, side: Side, cls: str, n: int, *, full: bool = False) -> None:
        started = time.perf_counter()
        data = self.mutate(side, cls)
        path = self.work / f"case-{n}.swpkg"
        path.write_bytes(data)
        db = side.db()
        outcome = ""
        before = self.baseline.get(side.name)
        epoch = side.epoch()
        try:
            with db.atomic() as txn:
                if before is None:  # (every case starts from the same state: taken once)
                    before = self.baseline[side.name] = fingerprint(db)
                try:
                    with _alarm(CASE_SECONDS):
                        outcome = side.run(path)
                except PackageRefused as exc:
                    outcome = "refused"
                    self.figures.messages[str(exc).split("：")[0][:40]] += 1
                    if side.epoch() != epoch:
                        outcome = "refused, new epoch"
                    elif fingerprint(db) != before:
                        self._fail(side, cls, n, data, "a refusal changed the database")
                except _Timeout:
                    self._fail(side, cls, n, data, f"no result within {CASE_SECONDS} s")
                except Exception as exc:  # what the fuzzer looks for
                    where = traceback.extract_tb(exc.__traceback__)[-1]
                    self._fail(side, cls, n, data, f"{type(exc).__name__}: {exc!s:.200} "
                               f"({Path(where.filename).name}:{where.lineno})",
                               traceback.format_exc())
                txn.rollback()
            if full and fingerprint(db) != before:  # (the harness: rolled back)
                self._fail(side, cls, n, data, "the database changed")
            if any(side.staging().glob("staging-*")):
                self._fail(side, cls, n, data, "staging left behind")
        finally:
            path.unlink(missing_ok=True)
            side.cleanup()
        self.figures.cases[f"{side.name}:{cls}"] += 1
        self.figures.outcomes[(f"{side.name}:{cls}", outcome or "crash")] += 1
        self.figures.seconds[f"{side.name}:{cls}"] += time.perf_counter() - started

    def _fail(self, side: Side, cls: str, n: int, data: bytes, what: str,
              details: str = "") -> None:
        keep = self.work.parent / "fuzz-failures"
        keep.mkdir(exist_ok=True)
        (keep / f"{side.name}-{cls}-{n}.swpkg").write_bytes(data)
        (keep / f"{side.name}-{cls}-{n}.txt").write_text(f"{what}\n{details}", "utf-8",
                                                        "backslashreplace")
        self.failures.append(f"case {n} ({side.name}, {cls}): {what}")


def hub_side(hub: City, data: bytes, station_keys: crypto.KeyPair) -> Side:
    def run(path: Path) -> str:
        return city_ingest.ingest(hub, path, retry_held=False).status

    def cleanup() -> None:
        shutil.rmtree(hub.held, ignore_errors=True)

    return Side("hub", data, take_apart(data, hub.keys), station_keys, hub.keys, run,
                lambda: hub.db, lambda: hub.staging, cleanup)


def station_side(data: bytes, hub: City, station_keys: crypto.KeyPair) -> Side:
    mark = apply.staging_root().parent / epochs.MARK
    kept = mark.read_bytes() if mark.exists() else None

    def run(path: Path) -> str:
        return apply.import_return(path).status

    def cleanup() -> None:  # the epoch's mark file, beside the database the case rolls back
        if kept is None:
            mark.unlink(missing_ok=True)
        else:
            mark.write_bytes(kept)

    return Side("station", data, take_apart(data, station_keys), hub.keys, station_keys, run,
                lambda: database.obj, apply.staging_root, cleanup,
                lambda: epochs.current(database.connection()))
