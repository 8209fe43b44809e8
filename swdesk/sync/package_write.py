"""Writing a package (docs/package-format.md, sections 3 to 5): the inner ZIP made from
its entries (JSON lines compressed in a second thread, entries deflated elsewhere, the
attachments' files stored), sealed in segments to the recipient, signed, and put in
place atomically. What it writes, ``format`` opens.
"""

from __future__ import annotations

import hashlib
import queue
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from swdesk import outfiles
from swdesk.sync import crypto, zipwrite
from swdesk.sync.format import (
    INNER_NAME,
    MANIFEST,
    PAYLOAD,
    STAMP,
    canonical_json,
    hpke_info,
    prefix_digest,
)

_CHUNK = 1024 * 1024

# A package's inner ZIP stays in memory up to this size, then goes to the work folder:
# with the files' segments streamed, writing a 200 MB package then takes about 20 MB.
_SPOOL_BYTES = 16 * 1024**2


# (name, lines or already deflated data) of the inner ZIP, or ("files", a FileBatch)
Entries = Iterable[tuple[str, "Iterable[bytes] | zipwrite.Deflated | zipwrite.FileBatch"]]


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
    spool_dir = None if work_dir is None else str(work_dir)
    try:
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES, dir=spool_dir) as inner, \
                tempfile.TemporaryFile(dir=spool_dir) as sealed:
            writer = zipwrite.ZipWriter(inner)
            _deflate_concurrently(writer, entries)
            writer.close()
            if manifest["kind"] == "station":  # (information, like counts)
                count, size = writer.stored()
                manifest = dict(manifest, files={"count": count, "bytes": size})
            plain_size = inner.tell()
            inner.seek(0)
            digest = hashlib.sha256()

            def keep(data: bytes) -> None:
                digest.update(data)
                sealed.write(data)
            crypto.seal_stream(recipient, hpke_info(manifest), inner, keep)
            manifest = dict(manifest, payload={
                "sha256": digest.hexdigest(), "size": sealed.tell(), "plain_size": plain_size})
            sealed.seek(0)
            with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED) as zf:
                zf.comment = bytes(crypto.SIGNATURE_SIZE)
                zf.writestr(zipfile.ZipInfo(MANIFEST, STAMP), canonical_json(manifest))
                entry = zipfile.ZipInfo(PAYLOAD, STAMP)
                entry.file_size = manifest["payload"]["size"]  # (ZIP64 records if it needs)
                with zf.open(entry, "w") as dst:
                    shutil.copyfileobj(sealed, dst, _CHUNK)
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
    jobs: queue.Queue[tuple[str, bytes | zipwrite.Deflated | zipwrite.FileBatch] | None] = \
        queue.Queue(maxsize=8)
    failed: list[BaseException] = []

    def work() -> None:
        try:
            while (job := jobs.get()) is not None:
                name, data = job
                if isinstance(data, zipwrite.Deflated):
                    writer.add(name, data)
                elif isinstance(data, zipwrite.FileBatch):
                    writer.store_files(data)
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
            if isinstance(lines, zipwrite.FileBatch):
                jobs.put((name, lines))
                continue
            if not INNER_NAME.match(name):
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


def _sign_in_place(path: Path, signer: crypto.KeyPair) -> None:
    size = path.stat().st_size
    with path.open("r+b") as f:
        message = prefix_digest(f, size - crypto.SIGNATURE_SIZE)
        f.seek(size - crypto.SIGNATURE_SIZE)
        f.write(crypto.sign(signer, message))
        f.flush()
