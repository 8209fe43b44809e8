"""The package container (docs/package-format.md): write one, and open one safely.

A package is a ZIP file holding ``manifest.json`` (clear text, no personal data)
and ``payload.bin`` (the HPKE ciphertext of an inner ZIP of JSON Lines files).
The ZIP comment is the last 64 bytes of the file: an Ed25519 signature over
``SIGNED_PREFIX || SHA-256(every byte before the comment)``, so one changed
byte anywhere is refused.

Opening checks, in this order: size and entry limits, then the signature, then the
content (checksum, decryption, inner limits). A station opens a package in memory and
writes nothing; the hub writes the decrypted inner ZIP only into a private staging
folder that is removed whatever happens. Its JSON lines are decoded by ``jsonlines``.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import lzma
import os
import queue
import re
import shutil
import struct
import tempfile
import threading
import weakref
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from swdesk import outfiles
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.os_words import reason
from swdesk.sync import crypto, zipwrite
from swdesk.sync.codec import encodable
from swdesk.sync.jsonlines import decode_lines, nesting_fits
from swdesk.sync.refusal import PackageRefused  # (readers import it from here)
from swdesk.sync.schemas import PAYLOAD_SCHEMA, RETURN_SCHEMAS, STATION_SCHEMAS, entities

FORMAT_VERSION = 1  # the container, manifest and encryption (the rows' set: PAYLOAD_SCHEMA)
SIGNED_PREFIX = b"SWDESK-PACKAGE-1\n"
MANIFEST = "manifest.json"
PAYLOAD = "payload.bin"
SUFFIX = ".swpkg"

# Limits checked before anything else is read.
MAX_PACKAGE_BYTES = 2 * 1024**3
MAX_MANIFEST_BYTES = 1024**2
MAX_INNER_ENTRIES = 64
# The expansion is bounded by the sizes the ZIP directory declares (the inner files'
# total) and by reading never more than an entry declares; not by a ratio, which
# honest, repetitive data (a long note of one character) can pass.
MAX_UNPACKED_BYTES = 8 * 1024**3
MAX_LINE_BYTES = 64 * 1024**2  # one JSON line: rows are a few hundred bytes, texts bounded
# Compression methods a reader takes (section 10 of the spec: writers store the
# container's entries and deflate the inner ZIP's); the ZIP directory names each entry's,
# and any other (LZMA, bzip2, unknown) is refused before a decompressor sees the data.
OUTER_METHODS = INNER_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
# ZIP flags of encrypted (bit 0, bit 6 strong encryption, bit 13 masked directory) or
# patched (bit 5) data: none of that is part of the format.
_FORBIDDEN_FLAGS = 0x0001 | 0x0020 | 0x0040 | 0x2000
_INNER_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.jsonl$")
_STAMP = (1980, 1, 1, 0, 0, 0)  # fixed entry dates: the same content gives the same bytes
_CHUNK = 1024 * 1024
_CHUNK_BYTES = 32 * 1024**2  # raw_chunks() gives about this many bytes at most at once

log = logging.getLogger(__name__)

# What reading an untrusted file can raise, from zipfile and its decompressors (a
# changed byte in a header can name a method, flag or size the data does not follow),
# from JSON (a value too deep, too big, not UTF-8) and from the file system: each is
# a damaged package, never a crash.
_UNREADABLE = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, lzma.LZMAError,
               OSError, EOFError, ValueError, RuntimeError, OverflowError, MemoryError,
               struct.error, KeyError, IndexError, TypeError)
_T = TypeVar("_T")


def file_name(kind: str, station: str, number: int) -> str:
    """``swdesk-<station>-<number>.swpkg`` (station) or ``swdesk-return-…`` (return)."""
    middle = "return-" if kind == "return" else ""
    return f"swdesk-{middle}{station}-{number:06d}{SUFFIX}"


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def hpke_info(manifest: dict[str, Any]) -> bytes:
    """Binds the ciphertext to the package it belongs to."""
    return "|".join(["swdesk-package/1", str(manifest["kind"]), str(manifest["city"]),
                     str(manifest["station"]), str(manifest["number"])]).encode()


# --- writing ---------------------------------------------------------------------------------


# (name, lines or already deflated data) of the inner ZIP
Entries = Iterable[tuple[str, "Iterable[bytes] | zipwrite.Deflated"]]


def write_package(out: Path, manifest: dict[str, Any], entries: Entries,
                  signer: crypto.KeyPair, recipient: crypto.PublicKeys, *,
                  work_dir: Path | None = None) -> Path:
    """Write a signed, encrypted package to ``out`` (a file path) atomically.

    ``work_dir`` holds the unencrypted inner ZIP while it is written, if it grows big
    (the system's temporary folder if None).

    ``entries`` are (name, lines) of the inner ZIP; lines are bytes ending in a newline,
    or already deflated (``zipwrite.Deflated``).
    ``manifest`` gets its payload checksum here.
    """
    tmp = out.with_name(out.name + ".part")
    try:
        spool_dir = None if work_dir is None else str(work_dir)
        with tempfile.SpooledTemporaryFile(max_size=64 * 1024**2, dir=spool_dir) as inner:
            writer = zipwrite.ZipWriter(inner)
            _deflate_concurrently(writer, entries)
            writer.close()
            inner.seek(0)
            plain = inner.read()
        ciphertext = recipient.encrypt(plain, hpke_info(manifest))
        manifest = dict(manifest, payload={
            "sha256": hashlib.sha256(ciphertext).hexdigest(), "size": len(ciphertext),
            "plain_size": len(plain)})
        del plain
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
            zf.comment = bytes(crypto.SIGNATURE_SIZE)
            zf.writestr(zipfile.ZipInfo(MANIFEST, _STAMP), canonical_json(manifest))
            zf.writestr(zipfile.ZipInfo(PAYLOAD, _STAMP), ciphertext)
        _sign_in_place(tmp, signer)
        outfiles.replace(tmp, out)  # a sync folder in OneDrive scans the fresh file
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _deflate_concurrently(writer: zipwrite.ZipWriter, entries: Entries) -> None:
    """Write the entries, compressing in a second thread while this one makes the lines.

    zlib and crc32 release the GIL, so on two cores compression costs almost nothing
    next to reading the rows. Entries already deflated (by another reader) are copied.
    Only the worker touches the ZIP.
    """
    jobs: queue.Queue[tuple[str, bytes | zipwrite.Deflated] | None] = queue.Queue(maxsize=8)
    failed: list[BaseException] = []

    def work() -> None:
        try:
            while (job := jobs.get()) is not None:
                name, data = job
                if isinstance(data, zipwrite.Deflated):
                    writer.add(name, data)
                elif name:  # a new entry starts
                    writer.begin(name)
                else:
                    writer.write(data)
            writer.end()
        except BaseException as exc:  # handed to the producer, which re-raises it
            failed.append(exc)
            while jobs.get() is not None:  # keep taking jobs so the producer never blocks
                pass

    worker = threading.Thread(target=work, name="swdesk-deflate", daemon=True)
    worker.start()
    try:
        for name, lines in entries:
            if not _INNER_NAME.match(name):
                raise ValueError(name)
            if isinstance(lines, zipwrite.Deflated):
                jobs.put((name, lines))
                continue
            jobs.put((name, b""))
            buffered: list[bytes] = []
            size = 0
            for block in lines:  # gathered to about 1 MiB: a hand-over costs per call
                buffered.append(block)
                size += len(block)
                if size >= _CHUNK:
                    if failed:
                        break
                    jobs.put(("", b"".join(buffered)))
                    buffered, size = [], 0
            if failed:
                break
            if buffered:
                jobs.put(("", b"".join(buffered)))
    finally:
        jobs.put(None)
        worker.join()
    if failed:
        raise failed[0]


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      indent=None).encode()


def _prefix_digest(f: IO[bytes], length: int) -> bytes:
    digest = hashlib.sha256()
    f.seek(0)
    left = length
    while left > 0:
        chunk = f.read(min(_CHUNK, left))
        if not chunk:
            break
        digest.update(chunk)
        left -= len(chunk)
    return SIGNED_PREFIX + digest.digest()


def _sign_in_place(path: Path, signer: crypto.KeyPair) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        message = _prefix_digest(f, size - crypto.SIGNATURE_SIZE)
        f.seek(size - crypto.SIGNATURE_SIZE)
        f.write(crypto.sign(signer, message))
        f.flush()


# --- opening ---------------------------------------------------------------------------------


_Reader = Generator[list[bytes], None, None]


@dataclass
class OpenedPackage:
    manifest: dict[str, Any]
    # The inner ZIP (checked), read from as its lines are wanted: in memory (a station
    # never writes decrypted rows to disk) or a file in the hub's private staging folder.
    inner: Path | bytes
    names: list[str]
    file_hash: str
    # Readers not yet at their end (a refused row stops one midway): ``close()`` ends
    # them, since Windows cannot remove a staging file that is still open.
    _readers: weakref.WeakSet[_Reader] = field(
        default_factory=weakref.WeakSet, repr=False, compare=False)

    def lines(self, name: str) -> Iterator[Any]:
        """Decoded JSON values of one inner file (none if the file is absent)."""
        for chunk in self.chunks(name):
            yield from chunk

    def chunks(self, name: str, size: int = 10_000) -> Iterator[list[Any]]:
        """The same values as ``lines()``, ``size`` lines at a time."""
        first = 1  # the number of the chunk's first line
        for raws in self.raw_chunks(name, size):
            yield decode_lines(raws, name, first)
            first += len(raws)

    def raw_chunks(self, name: str, size: int = 10_000) -> Iterator[list[bytes]]:
        """The lines of one inner file as they are, ``size`` at a time (fewer where
        they hold more than 32 MiB)."""
        reader = self._raw_chunks(name, size)
        self._readers.add(reader)
        return reader

    def close(self) -> None:
        """Close the inner files its readers still hold open."""
        for reader in list(self._readers):
            reader.close()

    def _raw_chunks(self, name: str, size: int) -> _Reader:
        if name not in self.names:
            return
        try:
            with zipfile.ZipFile(_inner_source(self.inner)) as zf, zf.open(name) as src:
                # (zipfile reads lines a byte at a time in Python: a buffer reads them in C)
                stream = io.BufferedReader(_Bounded(src, zf.getinfo(name).file_size), _CHUNK)
                while True:
                    raws: list[bytes] = []
                    held = 0
                    for raw in stream:
                        raws.append(raw)
                        held += len(raw)
                        if len(raws) >= size or held >= _CHUNK_BYTES:
                            break
                    if not raws:
                        return
                    yield raws
        except _UNREADABLE as exc:
            raise _damaged_by(exc) from None


def _inner_source(inner: Path | bytes) -> Path | IO[bytes]:
    # (a stream of its own for each reader: a BytesIO of bytes shares them, uncopied)
    return inner if isinstance(inner, Path) else io.BytesIO(inner)


class _Bounded(io.RawIOBase):
    """An inner file, never more than its declared size (as ``_read_entry`` reads one) nor
    a line longer than MAX_LINE_BYTES."""

    def __init__(self, src: IO[bytes], size: int) -> None:
        self.src, self.left = src, size
        self.run = 0  # bytes since the last newline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.src.read(len(buffer))
        n = len(data)
        if n > self.left:
            raise damaged()
        self.left -= n
        first = data.find(b"\n")
        if first < 0:
            self.run += n
        elif self.run + first > MAX_LINE_BYTES:
            self.run += first
        else:
            self.run = n - data.rfind(b"\n") - 1
        if self.run > MAX_LINE_BYTES:
            raise PackageRefused(_("包内有一行超过 {} MiB", "A line in the package is longer "
                                   "than {} MiB").format(MAX_LINE_BYTES // 1024**2))
        buffer[:n] = data
        return n


def damaged(detail: str = "") -> PackageRefused:
    msg = _("文件已损坏或不完整（可能被截断或改动过）",
            "The file is damaged or incomplete (truncated or altered)")
    return PackageRefused(f"{msg}{'：' if detail else ''}{detail}")


def _damaged_by(exc: BaseException) -> PackageRefused:
    """The refusal for what reading a package raised; the log keeps the details."""
    log.info("package refused as damaged: %s", type(exc).__name__, exc_info=exc)
    return damaged()


def check_entries(infos: list[zipfile.ZipInfo], allowed: Callable[[str], bool],
                  max_entries: int, max_total: int,
                  methods: frozenset[int] = INNER_METHODS) -> None:
    """Names, count, flags, compression methods and sizes, from the ZIP directory alone."""
    if len(infos) > max_entries:
        raise PackageRefused(_("包内文件数量异常（{} 个）", "The package holds too many files "
                               "({})").format(len(infos)))
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if (name in seen or not allowed(name) or name.startswith(("/", "\\")) or ".." in name
                or "\\" in name or ":" in name or "/" in name):
            raise PackageRefused(_("包内有不允许的路径：{}", "The package holds a path that is "
                                   "not allowed: {}").format(name[:80]))
        seen.add(name)
        if info.flag_bits & _FORBIDDEN_FLAGS:
            raise PackageRefused(_("包内文件 {} 是加密的 ZIP 条目，本格式不使用",
                                   "The file {} in the package is an encrypted ZIP entry, "
                                   "which the format does not use").format(name))
        if info.compress_type not in methods:
            raise PackageRefused(_("包内文件 {} 用了本格式不使用的压缩方法（{}）",
                                   "The file {} in the package uses a compression method the "
                                   "format does not use ({})").format(name, info.compress_type))
        if info.compress_type == zipfile.ZIP_STORED and info.file_size != info.compress_size:
            raise damaged(name)
        total += info.file_size
    if total > max_total:
        raise PackageRefused(_("包解压后过大", "The package would unpack too large"))


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """One entry in memory, never more than its declared size."""
    with zf.open(info) as src:
        data = src.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise damaged()
    return data


class StagingError(SwdeskError):
    """The staging folder cannot be written: this computer's problem, not the file's."""


def _staging_failed(exc: OSError) -> StagingError:
    return StagingError(_("无法写入暂存文件夹：{}", "Cannot write to the staging folder: {}")
                        .format(reason(exc)))


def _staging_file(target: Path) -> IO[bytes]:
    try:
        return target.open("wb")
    except OSError as exc:
        raise _staging_failed(exc) from None


def _write_staging(dst: IO[bytes], data: bytes) -> None:
    try:
        dst.write(data)
    except OSError as exc:
        raise _staging_failed(exc) from None


def private_folder(folder: Path) -> Path:
    """``folder`` made if missing, readable by this user only (staging holds plain data;
    on Windows mode bits mean little)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(folder, 0o700)  # an older folder, or one made under another umask
    return folder


PublicKeyLookup = Callable[[dict[str, Any]], crypto.PublicKeys]


@contextmanager
def open_package(path: Path, staging_root: Path | None, sender_key: PublicKeyLookup,
                 recipient: crypto.KeyPair) -> Iterator[OpenedPackage]:
    """Check and open a package: decrypted in memory (``staging_root`` None: a station's
    return package, small), or into a private folder in ``staging_root``, removed on exit
    (the hub's: a station package of a whole city district is too big to hold twice).

    ``sender_key(manifest)`` returns the public keys the package must be signed
    with (or raises PackageRefused); it sees the manifest before the signature
    is checked, so it must only look things up.

    Whatever the file holds, reading it ends in an OpenedPackage or PackageRefused
    (StagingError if the staging folder cannot be written).
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackageRefused(_("无法读取文件 {}：{}", "Cannot read the file {}: {}").format(
            path, reason(exc))) from None
    if size > MAX_PACKAGE_BYTES:
        raise PackageRefused(_("文件过大，不是有效的同步包", "The file is too large to be a "
                               "sync package"))
    if staging_root is None:
        yield _reading(lambda: _open(path, size, None, sender_key, recipient))
        return
    try:
        folder = Path(tempfile.mkdtemp(prefix="staging-", dir=private_folder(staging_root)))
    except OSError as exc:
        raise _staging_failed(exc) from None
    opened: OpenedPackage | None = None
    try:
        opened = _reading(lambda: _open(path, size, folder, sender_key, recipient))
        yield opened
    finally:
        if opened is not None:
            opened.close()
        shutil.rmtree(folder, ignore_errors=True)


def _reading(read: Callable[[], _T]) -> _T:
    """``read()``, where any error reading the untrusted file is a refusal of the file."""
    try:
        return read()
    except (PackageRefused, StagingError):
        raise
    except _UNREADABLE as exc:
        raise _damaged_by(exc) from None


def peek_manifest(path: Path) -> dict[str, Any] | None:
    """The manifest of the package ``path`` as it claims, its signature unchecked (None
    if it is no readable package): only to choose which packages to open."""
    if not path.is_file() or path.stat().st_size > MAX_PACKAGE_BYTES:
        return None
    def read() -> dict[str, Any]:
        with zipfile.ZipFile(path) as zf:
            return _read_manifest(zf)[0]

    try:
        return _reading(read)
    except PackageRefused:
        return None


def _read_manifest(zf: zipfile.ZipFile) -> tuple[dict[str, Any], dict[str, zipfile.ZipInfo]]:
    """Step 1 (limits, from the ZIP directory alone) and the manifest's checks."""
    if len(zf.comment) != crypto.SIGNATURE_SIZE:
        raise damaged(_("缺少签名", "no signature"))
    infos = zf.infolist()
    check_entries(infos, lambda n: n in (MANIFEST, PAYLOAD), 2, MAX_PACKAGE_BYTES,
                  OUTER_METHODS)
    by_name = {i.filename: i for i in infos}
    if set(by_name) != {MANIFEST, PAYLOAD}:
        raise damaged(_("缺少清单或数据", "manifest or payload missing"))
    if by_name[MANIFEST].file_size > MAX_MANIFEST_BYTES:
        raise PackageRefused(_("清单过大", "The manifest is too large"))
    text = zf.read(MANIFEST)
    if not nesting_fits(text):
        raise damaged(_("清单无效", "invalid manifest"))
    manifest = json.loads(text)
    check_manifest(manifest)
    return manifest, by_name


def _open(path: Path, size: int, folder: Path | None, sender_key: PublicKeyLookup,
          recipient: crypto.KeyPair) -> OpenedPackage:
    with zipfile.ZipFile(path) as zf:
        manifest, by_name = _read_manifest(zf)  # 1. limits, and the manifest
        # 2. signature over every byte before it
        keys = sender_key(manifest)
        with path.open("rb") as f:
            message = _prefix_digest(f, size - crypto.SIGNATURE_SIZE)
        try:
            keys.verify(zf.comment, message)
        except crypto.CryptoError as exc:
            raise PackageRefused(str(exc)) from None
        # 3. content (decryption takes it whole: it is read into memory, never copied to
        # disk, where a full disk would make a sound package look damaged)
        ciphertext = _read_entry(zf, by_name[PAYLOAD])
    payload = manifest.get("payload") or {}
    if (hashlib.sha256(ciphertext).hexdigest() != payload.get("sha256")
            or len(ciphertext) != payload.get("size")):
        raise damaged(_("数据校验和不符", "payload checksum mismatch"))
    try:
        plain = crypto.decrypt(recipient, ciphertext, hpke_info(manifest))
    except crypto.CryptoError as exc:
        raise PackageRefused(str(exc)) from None
    del ciphertext
    inner: Path | bytes = plain
    if folder is not None:  # the hub: the file, not a second gigabyte in memory
        inner = folder / "payload.zip"
        with _staging_file(inner) as out:
            _write_staging(out, plain)
        del plain
    # Its lines are read from it as they are wanted: unpacking a full package's gigabyte
    # first took seconds before the first row went in.
    names = _check_inner(inner, manifest["kind"], manifest["schema"])
    return OpenedPackage(manifest, inner, names, file_sha256(path))


def inner_files(kind: str, schema: int = PAYLOAD_SCHEMA) -> frozenset[str]:
    """The inner files format 1 defines for a package of ``kind`` and data ``schema``."""
    if kind == "station":
        return frozenset(f"rows.{name}.jsonl" for name in entities(schema))
    return frozenset({"acks.jsonl", "reference.jsonl", "questionnaires.jsonl",
                      "visit_rules.jsonl",
                      *(f"corrections.{name}.jsonl" for name in entities(schema))})


def _check_inner(inner: Path | bytes, kind: str, schema: int) -> list[str]:
    """The inner files' names, once their names, count, flags, methods and sizes are
    checked. A file the schema does not define is refused: its data would be lost."""
    with zipfile.ZipFile(_inner_source(inner)) as zf:
        infos = zf.infolist()
    check_entries(infos, lambda n: bool(_INNER_NAME.match(n)), MAX_INNER_ENTRIES,
                  MAX_UNPACKED_BYTES, INNER_METHODS)
    known = inner_files(kind, schema)
    for info in infos:
        if info.filename not in known:
            raise PackageRefused(_("包内有本程序不认识的文件 {}（数据版本 {} 中没有）",
                                   "The package holds a file this program does not know: {} "
                                   "(not in data schema {})").format(info.filename, schema))
    return [i.filename for i in infos]


def _upgrade_whom(manifest: dict[str, Any]) -> tuple[str, str]:
    """Who must upgrade, in words, when this program is too old for a package: a station
    package is read by the city hub, a return package by a station."""
    if manifest.get("kind") == "return":
        return "请先升级本站的 swdesk", "please upgrade swdesk at this station"
    return ("请先升级市级平台的 swdesk（swdesk city）",
            "please upgrade the city hub's swdesk (swdesk city)")


def check_manifest(manifest: Any) -> None:
    """Format version, suite, data schema and the fields every manifest must have."""
    if not isinstance(manifest, dict):
        raise damaged(_("清单无效", "invalid manifest"))
    upgrade_zh, upgrade_en = _upgrade_whom(manifest)
    version = manifest.get("format")
    if not isinstance(version, int) or isinstance(version, bool):
        raise PackageRefused(_("未知的包格式", "Unknown package format"))
    if version > FORMAT_VERSION:
        raise PackageRefused(_("这个包的格式（版本 {}）比本程序新（支持到 {}），" + upgrade_zh,
                               "This package's format (version {}) is newer than this program "
                               "knows ({}); " + upgrade_en).format(version, FORMAT_VERSION))
    if version != FORMAT_VERSION:
        raise PackageRefused(_("未知的包格式版本 {}", "Unknown package format version {}")
                             .format(version))
    if manifest.get("suite") != crypto.SUITE_NAME:
        raise PackageRefused(_("不支持的加密套件：{}", "Unsupported cipher suite: {}").format(
            str(manifest.get("suite"))[:80]))
    schema = manifest.get("schema")
    if not isinstance(schema, int) or schema < 1:
        raise PackageRefused(_("未知的数据版本 {}", "Unknown data schema {}").format(
            str(schema)[:20]))
    if schema > PAYLOAD_SCHEMA:
        raise PackageRefused(_("包的数据版本（{}）比本程序新（支持到 {}），" + upgrade_zh,
                               "The package's data schema ({}) is newer than this program "
                               "knows ({}); " + upgrade_en).format(schema, PAYLOAD_SCHEMA))
    if schema not in (RETURN_SCHEMAS if manifest.get("kind") == "return" else STATION_SCHEMAS):
        # A return package of a hub not upgraded yet would leave out what schema 2 added.
        raise PackageRefused(_("这个回执包来自尚未升级的市级平台（数据版本 {}），本站不导入；"
                               "请市级平台升级 swdesk 后重新生成回执包",
                               "This return package comes from a city hub not upgraded yet "
                               "(data schema {}); the station does not take it. The hub "
                               "must upgrade swdesk and write a new return package")
                             .format(schema))
    for key, kind in (("kind", str), ("city", str), ("station", str), ("number", int),
                      ("counts", dict), ("payload", dict)):
        value = manifest.get(key)
        # (text a database stores and compares: no lone surrogate)
        if not isinstance(value, kind) or (isinstance(value, str) and not encodable(value)):
            raise damaged(_("清单缺少 {}", "manifest lacks {}").format(key))
    if manifest["kind"] not in ("station", "return"):
        raise PackageRefused(_("未知的包类型", "Unknown package kind"))
    # (JSON's true and false are integers to Python, and not to a database's columns)
    if any(type(manifest.get(key)) is bool for key in _NUMBERS):
        raise damaged(_("清单中的编号不是整数", "a number in the manifest is true/false"))


# The manifest's numbers (section 4): integers, never true or false.
_NUMBERS = ("format", "schema", "number", "seq_from", "seq_to", "basis", "ack_through_seq")

