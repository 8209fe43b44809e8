"""The content-addressed attachment store."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pytest

from swdesk.db.files import FileStore, is_hash


def test_a_file_is_stored_once_under_its_hash(tmp_path: Path) -> None:
    store = FileStore.of(tmp_path)
    data = "照片".encode() * 1000
    sha = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert store.path(sha) == tmp_path / "attachments" / sha[:2] / sha
    assert store.read(sha) == data
    assert store.put(data) == sha
    assert list(store.hashes()) == [sha]
    assert not list((tmp_path / "attachments" / "tmp").iterdir())


def test_a_copied_file_and_a_stream_are_checked(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "s")
    src = tmp_path / "扫描件.pdf"
    src.write_bytes(b"%PDF-1.4 x")
    sha = store.put_file(src)
    assert store.verify(sha)
    other = FileStore(tmp_path / "t")
    other.put_stream(sha, io.BytesIO(src.read_bytes()))
    assert other.verify(sha)
    with pytest.raises(ValueError):
        other.put_stream("0" * 64, io.BytesIO(b"not that"))
    assert not other.has("0" * 64)


def test_a_changed_file_fails_verification_and_derived_files_go_with_it(
        tmp_path: Path) -> None:
    store = FileStore.of(tmp_path)
    sha = store.put(b"abc")
    thumb = store.derived_path(sha, "thumb.jpg")
    thumb.parent.mkdir(parents=True)
    thumb.write_bytes(b"t")
    assert list(store.hashes()) == [sha]  # derived files are not stored files
    store.path(sha).write_bytes(b"abd")
    assert not store.verify(sha)
    assert store.remove(sha)
    assert not store.has(sha) and not thumb.exists()


def test_only_hashes_name_files() -> None:
    assert is_hash("a" * 64) and not is_hash("A" * 64) and not is_hash("../x")
    with pytest.raises(ValueError):
        FileStore(Path("x")).path("../../etc/passwd")
