"""The package container (docs/package-format.md): open one safely (``package_write``
writes one).

A package is a ZIP file holding ``manifest.json`` (clear text, no personal data)
and ``payload.bin``: an inner ZIP of JSON Lines files (and, in a station package, the
attachments' files, ``files/<sha256>``), sealed to the recipient: format 2 in segments
(``crypto.seal_stream``: neither side holds the payload in memory), format 1 (still read)
in one HPKE piece.
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
import re
import shutil
import struct
import tempfile
import weakref
import zipfile
import zlib
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, BinaryIO, TypeVar

from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.os_words import reason
from swdesk.sync import crypto
from swdesk.sync.codec import encodable
from swdesk.sync.jsonlines import decode_lines, line_chunks, nesting_fits
from swdesk.sync.refusal import PackageRefused  # (readers import it from here)
from swdesk.sync.schemas import PAYLOAD_SCHEMA, RETURN_SCHEMAS, STATION_SCHEMAS, entities
from swdesk.sync.zip_entry import EntryStream, entry_stream

FORMAT_VERSION = 2  # the container, manifest and encryption (the rows' set: PAYLOAD_SCHEMA)
READ_FORMATS = frozenset({1, 2})  # 1: the payload sealed in one piece, no files
SIGNED_PREFIX = b"SWDESK-PACKAGE-1\n"
MANIFEST = "manifest.json"
PAYLOAD = "payload.bin"
SUFFIX = ".swpkg"

# Limits checked before anything else is read.
MAX_PACKAGE_BYTES = 2 * 1024**3
MAX_MANIFEST_BYTES = 1024**2
MAX_INNER_ENTRIES = 64  # JSON Lines files
# Attachments' files in one package (``files/<sha256>``, station packages of schema 3 on),
# and the bytes of one: twice the largest attachment a station takes by default (30 MB).
MAX_FILE_ENTRIES = 100_000
MAX_FILE_BYTES = 64 * 1024**2
FILES_FROM_SCHEMA = 3
FILES_ACKED = "files_acked.jsonl"  # a return package's: the files the hub now holds
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
INNER_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*\.jsonl$")
FILE_ENTRY = re.compile(r"^files/([0-9a-f]{64})$")
STAMP = (1980, 1, 1, 0, 0, 0)  # fixed entry dates: the same content gives the same bytes
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
    return "|".join([f"swdesk-package/{manifest.get('format', 1)}", str(manifest["kind"]),
                     str(manifest["city"]),
                     str(manifest["station"]), str(manifest["number"])]).encode()


# --- writing ---------------------------------------------------------------------------------


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      indent=None).encode()


def prefix_digest(f: IO[bytes], length: int) -> bytes:
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
    # The attachments' files it carries: SHA-256 -> declared size (``open_file``).
    files: dict[str, int] = field(default_factory=dict)
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

    @contextmanager
    def open_file(self, sha256: str) -> Iterator[BinaryIO]:
        """The bytes of the attachment's file ``sha256`` (never more than it declares)."""
        name = f"files/{sha256}"
        try:
            with self._entry(name, lines=False) as src:
                yield src
        except _UNREADABLE as exc:
            raise _damaged_by(exc) from None

    def check_files(self) -> None:
        """Refuse the package if an attachment's file is not what its name says: one
        file the hub cannot take refuses all of it, which the station then sends again."""
        for sha in sorted(self.files):
            digest = hashlib.sha256()
            with self.open_file(sha) as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
            if digest.hexdigest() != sha:
                raise PackageRefused(_("包内附件文件的内容与其名称（SHA-256）不符：{}",
                                       "An attachment's file in the package does not match "
                                       "its name (SHA-256): {}").format(sha))

    def close(self) -> None:
        """Close the inner files its readers still hold open."""
        for reader in list(self._readers):
            reader.close()

    def _raw_chunks(self, name: str, size: int) -> _Reader:
        if name not in self.names:
            return
        try:
            with self._entry(name, lines=True) as stream:
                yield from line_chunks(stream, size, _CHUNK_BYTES)
        except _UNREADABLE as exc:
            raise _damaged_by(exc) from None

    @contextmanager
    def _entry(self, name: str, lines: bool) -> Iterator[BinaryIO]:
        """The bytes of the inner entry ``name``, buffered (``line_chunks`` reads its lines
        from the buffer in C); ``lines``: none longer than MAX_LINE_BYTES."""
        with _inner_stream(self.inner) as file, zipfile.ZipFile(file) as zf:
            info = zf.getinfo(name)
            yield io.BufferedReader(_Bounded(entry_stream(file, info), info.file_size, lines),
                                    _CHUNK)


def _inner_stream(inner: Path | bytes) -> BinaryIO:
    # (a stream of its own for each reader: a BytesIO of bytes shares them, uncopied)
    return inner.open("rb") if isinstance(inner, Path) else io.BytesIO(inner)


class _Bounded(io.RawIOBase):
    """An inner file, never more than its declared size (as ``_read_entry`` reads one) nor
    a line longer than MAX_LINE_BYTES."""

    def __init__(self, src: IO[bytes] | EntryStream, size: int, lines: bool = True) -> None:
        self.src, self.left = src, size
        self.lines = lines  # (a file's bytes are no lines: no line limit)
        self.run = 0  # bytes since the last newline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self.src.read(len(buffer))
        n = len(data)
        if n > self.left:
            raise damaged()
        self.left -= n
        if not self.lines:
            buffer[:n] = data
            return n
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
                or "\\" in name or ":" in name or ("/" in name and not FILE_ENTRY.match(name))):
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
            message = prefix_digest(f, size - crypto.SIGNATURE_SIZE)
        try:
            keys.verify(zf.comment, message)
        except crypto.CryptoError as exc:
            raise PackageRefused(str(exc)) from None
        # 3. content
        payload = manifest.get("payload") or {}
        info = hpke_info(manifest)
        if manifest["format"] == 1:
            inner = _unseal_whole(zf, by_name[PAYLOAD], payload, info, recipient, folder)
        else:
            inner = _unseal_segments(zf, by_name[PAYLOAD], payload, info, recipient, folder)
    # Its lines are read from it as they are wanted: unpacking a full package's gigabyte
    # first took seconds before the first row went in.
    names, files = _check_inner(inner, manifest)
    opened = OpenedPackage(manifest, inner, names, file_sha256(path), files)
    opened.check_files()
    return opened


def _checksum_mismatch() -> PackageRefused:
    return damaged(_("数据校验和不符", "payload checksum mismatch"))


def _unseal_whole(zf: zipfile.ZipFile, entry: zipfile.ZipInfo, payload: dict[str, Any],
                  info: bytes, recipient: crypto.KeyPair, folder: Path | None) -> Path | bytes:
    """Format 1: decryption takes the payload whole, read into memory (never copied to
    disk, where a full disk would make a sound package look damaged)."""
    ciphertext = _read_entry(zf, entry)
    if (hashlib.sha256(ciphertext).hexdigest() != payload.get("sha256")
            or len(ciphertext) != payload.get("size")):
        raise _checksum_mismatch()
    try:
        plain = crypto.decrypt(recipient, ciphertext, info)
    except crypto.CryptoError as exc:
        raise PackageRefused(str(exc)) from None
    del ciphertext
    if folder is None:
        return plain
    inner = folder / "payload.zip"  # the hub: the file, not a second gigabyte in memory
    with _staging_file(inner) as out:
        _write_staging(out, plain)
    return inner


def _unseal_segments(zf: zipfile.ZipFile, entry: zipfile.ZipInfo, payload: dict[str, Any],
                     info: bytes, recipient: crypto.KeyPair,
                     folder: Path | None) -> Path | bytes:
    """Format 2: the checksum in one pass, then the segments opened one at a time into
    memory (a station: return packages are small) or the staging folder (the hub)."""
    digest, size = hashlib.sha256(), 0
    with zf.open(entry) as src:
        capped = _Capped(src, entry.file_size)
        while chunk := capped.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    if digest.hexdigest() != payload.get("sha256") or size != payload.get("size"):
        raise _checksum_mismatch()
    target = None if folder is None else folder / "payload.zip"
    with zf.open(entry) as src, \
            (io.BytesIO() if target is None else _staging_file(target)) as out:
        try:
            crypto.open_stream(recipient, info, _Capped(src, entry.file_size),
                               lambda data: _write_staging(out, data))
        except crypto.CryptoError as exc:
            raise PackageRefused(str(exc)) from None
        if target is None:
            assert isinstance(out, io.BytesIO)
            return out.getvalue()
    return target


class _Capped:
    """An entry's bytes, never more than it declares."""

    def __init__(self, src: IO[bytes], size: int) -> None:
        self.src, self.left = src, size

    def read(self, n: int) -> bytes:
        data = self.src.read(n)
        if len(data) > self.left:
            raise damaged()
        self.left -= len(data)
        return data


def inner_files(kind: str, schema: int = PAYLOAD_SCHEMA) -> frozenset[str]:
    """The JSON Lines files defined for a package of ``kind`` and data ``schema`` (a
    station package's attachments' files: ``FILE_ENTRY``)."""
    if kind == "station":
        return frozenset(f"rows.{name}.jsonl" for name in entities(schema))
    later = ({FILES_ACKED, "visit_rules.jsonl"} if schema >= FILES_FROM_SCHEMA else set())
    return frozenset({"acks.jsonl", "reference.jsonl", "questionnaires.jsonl", *later,
                      *(f"corrections.{name}.jsonl" for name in entities(schema))})


def _check_inner(inner: Path | bytes,
                 manifest: dict[str, Any]) -> tuple[list[str], dict[str, int]]:
    """The inner JSON Lines files' names and the attachments' files (SHA-256 -> size),
    once names, counts, flags, methods and sizes are checked. A file the schema does not
    define is refused: its data would be lost."""
    kind, schema = manifest["kind"], manifest["schema"]
    with _inner_stream(inner) as file, zipfile.ZipFile(file) as zf:
        infos = zf.infolist()
    takes_files = (kind == "station" and schema >= FILES_FROM_SCHEMA
                   and manifest["format"] >= 2)
    check_entries(infos, lambda n: bool(INNER_NAME.match(n) or FILE_ENTRY.match(n)),
                  MAX_INNER_ENTRIES + MAX_FILE_ENTRIES, MAX_UNPACKED_BYTES, INNER_METHODS)
    if sum(not FILE_ENTRY.match(i.filename) for i in infos) > MAX_INNER_ENTRIES:
        raise PackageRefused(_("包内文件数量异常（{} 个）", "The package holds too many files "
                               "({})").format(len(infos)))
    known = inner_files(kind, schema)
    names: list[str] = []
    files: dict[str, int] = {}
    for info in infos:
        sha = FILE_ENTRY.match(info.filename)
        if sha and takes_files:
            if info.file_size > MAX_FILE_BYTES:
                raise PackageRefused(_("包内的附件文件 {} 过大（{} MB，最多 {} MB）",
                                       "The attachment file {} in the package is too large "
                                       "({} MB; at most {} MB)").format(
                    sha[1][:12], info.file_size // 1024**2, MAX_FILE_BYTES // 1024**2))
            files[sha[1]] = info.file_size
        elif info.filename in known:
            names.append(info.filename)
        else:
            raise PackageRefused(_("包内有本程序不认识的文件 {}（数据版本 {} 中没有）",
                                   "The package holds a file this program does not know: {} "
                                   "(not in data schema {})").format(info.filename, schema))
    return names, files


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
    if version not in READ_FORMATS:
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
        # A return package of a hub not upgraded yet would leave out what later schemas added.
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

