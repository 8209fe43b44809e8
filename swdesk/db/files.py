"""The attachments' files, content-addressed beside the database (issue 24).

A file is stored once under its SHA-256, ``attachments/ab/abcdef…`` in the data dir: the
same photo attached twice, or sent back by a restore, is one file. A file is written to a
temporary name in ``attachments/tmp/`` and then renamed into place, so a killed run never
leaves a half file under a hash. What can be made again from a stored file (thumbnails)
lives in ``attachments/derived/`` and is never backed up, checked or sent.

Windows: a photo open in another program cannot be removed; ``remove`` says so instead of
failing and the file is taken away on a later pass.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

FOLDER = "attachments"
DERIVED = "derived"
TMP = "tmp"
_HASH = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1 << 20


def is_hash(text: str) -> bool:
    """Whether ``text`` is a SHA-256 as the store names files (64 lowercase hex digits)."""
    return bool(_HASH.match(text))


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class FileStore:
    """The content-addressed files under one folder (a data dir's, a backup's, the hub's)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @classmethod
    def of(cls, data_dir: Path) -> FileStore:
        """The store of a station's data dir."""
        return cls(Path(data_dir) / FOLDER)

    def path(self, sha256: str) -> Path:
        if not is_hash(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int:
        return self.path(sha256).stat().st_size

    def read(self, sha256: str) -> bytes:
        return self.path(sha256).read_bytes()

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path(sha256), "rb")

    def put(self, data: bytes) -> str:
        """Store ``data``; its SHA-256. Nothing is written when the store holds it."""
        sha = hashlib.sha256(data).hexdigest()
        if not self.has(sha):
            self._place(sha, lambda f: f.write(data))
        return sha

    def put_file(self, source: Path) -> str:
        """Store a copy of the file at ``source`` (read in chunks); its SHA-256."""
        sha = sha256_of(source)
        if not self.has(sha):
            def copy(f: BinaryIO) -> None:
                with open(source, "rb") as src:
                    while chunk := src.read(_CHUNK):
                        f.write(chunk)
            self._place(sha, copy)
            if sha256_of(self.path(sha)) != sha:  # the source changed while it was copied
                self.remove(sha)
                raise OSError(f"{source} changed while it was being stored")
        return sha

    def put_stream(self, sha256: str, stream: BinaryIO) -> None:
        """Store what ``stream`` holds under ``sha256``, refused if it does not match."""
        if self.has(sha256):
            return
        digest = hashlib.sha256()

        def copy(f: BinaryIO) -> None:
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
                f.write(chunk)
            if digest.hexdigest() != sha256:
                raise ValueError("content does not match its SHA-256")
        self._place(sha256, copy)

    def _place(self, sha256: str, write: Callable[[BinaryIO], object]) -> None:
        tmp_dir = self.root / TMP
        tmp_dir.mkdir(parents=True, exist_ok=True)
        tmp = tmp_dir / f"{uuid.uuid4().hex}.part"
        try:
            with open(tmp, "wb") as f:
                write(f)
                f.flush()
                os.fsync(f.fileno())
            target = self.path(sha256)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)

    def verify(self, sha256: str) -> bool:
        """Whether the stored file is there and still has its SHA-256."""
        path = self.path(sha256)
        return path.is_file() and sha256_of(path) == sha256

    def remove(self, sha256: str) -> bool:
        """Take the file (and what was derived from it) away; False when another program
        holds it open (Windows) and it stays for a later pass."""
        try:
            self.path(sha256).unlink(missing_ok=True)
        except PermissionError:
            return False
        for derived in self.derived_files(sha256):
            with contextlib.suppress(PermissionError):
                derived.unlink(missing_ok=True)
        return True

    def hashes(self) -> Iterator[str]:
        """The SHA-256 of every stored file (not the derived ones, nor half-written ones)."""
        if not self.root.is_dir():
            return
        for sub in sorted(self.root.iterdir()):
            if len(sub.name) != 2 or not sub.is_dir():
                continue
            for f in sorted(sub.iterdir()):
                if is_hash(f.name) and f.name.startswith(sub.name) and f.is_file():
                    yield f.name

    def derived_path(self, sha256: str, suffix: str) -> Path:
        """Where a file made from a stored one is kept: ``derived/ab/<sha>-<suffix>``."""
        if not is_hash(sha256):
            raise ValueError(f"not a SHA-256: {sha256!r}")
        return self.root / DERIVED / sha256[:2] / f"{sha256}-{suffix}"

    def derived_files(self, sha256: str) -> list[Path]:
        folder = self.root / DERIVED / sha256[:2]
        return sorted(folder.glob(f"{sha256}-*")) if folder.is_dir() else []

    def clear_tmp(self) -> None:
        """Remove what a killed run left half written."""
        tmp_dir = self.root / TMP
        if tmp_dir.is_dir():
            for f in tmp_dir.glob("*.part"):
                with contextlib.suppress(OSError):
                    f.unlink()

