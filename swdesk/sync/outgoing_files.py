"""The attachments' files on their way to the city (station side, issue 24).

A stored file travels once: the export takes each file a live attachment row names that
the city has not acknowledged and no package carries yet (``attachment_sync``), fills
the package's size budget with them in a stable order (oldest attachment first) and
records the package that carried each. The city acknowledges each file it stored in its
return package (``files_acked.jsonl``): never sent again. A file a package carried that
the city has not acknowledged once it applied that package (the package was lost, or its
file could not be stored) is sent again.

Only the stored file (the cleaned, print-size one that ``attachment.sha256`` names)
travels; a kept original (``original_sha256``) stays at the station, in its backups.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from swdesk import settings
from swdesk.db.files import FileStore, is_hash
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.attachments import AttachmentSync
from swdesk.model.base import now
from swdesk.services import journal
from swdesk.services.actor import Actor
from swdesk.sync import zipwrite

# The files a package may carry next: named by a live row, not acknowledged, in no
# package the city has yet to apply; the oldest attachment's first.
_WAITING = """
SELECT a.sha256, min(a.id) AS first FROM attachment a
LEFT JOIN attachment_sync s ON s.sha256 = a.sha256
WHERE a.deleted = 0 AND s.acked_at IS NULL AND s.package_seq IS NULL
GROUP BY a.sha256 ORDER BY first, a.sha256
"""
# (room for the manifest and the container around the sealed payload, which adds 16
# bytes per MiB: the package file stays within its budget)
_CONTAINER = 64 * 1024


@dataclass(frozen=True)
class Waiting:
    files: int
    bytes: int


def waiting(store: FileStore) -> list[tuple[str, int]]:
    """(SHA-256, size) of the files the next package may carry, in the order it takes
    them; a file missing from the store is left out (``db check`` reports it)."""
    out: list[tuple[str, int]] = []
    for sha, _first in database.execute_sql(_WAITING):
        if is_hash(sha) and store.has(sha):
            out.append((sha, store.size(sha)))
    return out


def summary(data_dir: Path) -> Waiting:
    """How many files wait to be sent, and their bytes (the 同步 page's words)."""
    files = waiting(FileStore.of(data_dir))
    return Waiting(len(files), sum(size for _sha, size in files))


def budget_bytes() -> int:
    """The bytes the inner ZIP may hold so that the package stays within its budget."""
    budget = settings.SYNC_PACKAGE_MB.get() * 1024**2
    return budget - budget // 65536 - _CONTAINER


def set_budget(megabytes: int, actor: Actor) -> None:
    """A package's size budget in MiB (a stick's or a mail's limit), audited."""
    low, high = settings.SYNC_PACKAGE_MB_RANGE
    if not low <= megabytes <= high:
        raise ValidationError(_("同步包大小上限应在 {}–{} MB 之间", "A package's size budget is "
                                "from {} to {} MB").format(low, high))
    with database.atomic():
        old = settings.SYNC_PACKAGE_MB.get()
        settings.SYNC_PACKAGE_MB.set(megabytes)
        journal.audit(actor, "sync-budget", "", "", {"from": old, "to": megabytes})


def batch(data_dir: Path, budget: int | None = None) -> zipwrite.FileBatch:
    """The files of the next package, chosen as it is written (``zipwrite.FileBatch``)."""
    store = FileStore.of(data_dir)
    return zipwrite.FileBatch(waiting(store), store.open,
                              budget_bytes() if budget is None else budget)


def record_sent(chosen: Iterable[tuple[str, int]], number: int) -> None:
    """The files package ``number`` carried (in the caller's transaction)."""
    at = now()
    rows = [{"sha256": sha, "package_seq": number, "sent_at": at} for sha, _size in chosen]
    for part in range(0, len(rows), 500):
        AttachmentSync.insert_many(rows[part:part + 500]).on_conflict(
            conflict_target=[AttachmentSync.sha256],
            update={AttachmentSync.package_seq: number, AttachmentSync.sent_at: at},
        ).execute()


def acknowledged(hashes: Iterable[str], hub_applied: int) -> int:
    """The city holds these files: never sent again. Files a package up to
    ``hub_applied`` (the last station package the city applied) carried that the city did
    not acknowledge are sent again. Returns how many files were acknowledged."""
    at = now()
    rows = [{"sha256": sha, "acked_at": at} for sha in sorted(set(hashes))]
    for part in range(0, len(rows), 500):
        AttachmentSync.insert_many(rows[part:part + 500]).on_conflict(
            conflict_target=[AttachmentSync.sha256],
            update={AttachmentSync.acked_at: at},
        ).execute()
    AttachmentSync.update(package_seq=None).where(
        AttachmentSync.acked_at.is_null() & (AttachmentSync.package_seq <= hub_applied)
    ).execute()
    return len(rows)
