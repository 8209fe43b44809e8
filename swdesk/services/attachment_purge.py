"""Removing a deleted attachment's file once the city has its deletion.

Deleting an attachment (or what it belongs to) leaves its row as a tombstone, like
every synced row, and keeps its file: until the city has acknowledged the deletion
the deletion may yet be undone (a conflict settled the city's way brings the row
back). Once the change log's acknowledged number has passed the row's last change,
its files go, unless a live row (or a tombstone still waiting) names the same file:
one photo attached twice is one file. Derived files (thumbnails) go with it.

Called after a return package is applied (``sync/apply.py``) and by ``db check``.
A restore starts the acknowledgements from nothing (``db/epochs.py``), so nothing
is removed for a deletion the city has not had in the current numbering.
"""

from __future__ import annotations

import logging

from swdesk import settings
from swdesk.db.files import FileStore
from swdesk.handle import StationHandle
from swdesk.model import Attachment, database

log = logging.getLogger(__name__)

# (tombstone, its last change number): the newest change of each attachment row.
_LAST_CHANGE = (
    "SELECT a.deleted, a.sha256, a.original_sha256, "
    "(SELECT max(c.seq) FROM change_log c WHERE c.entity = ? AND c.row_uid = a.uid) "
    "FROM attachment a")


def purgeable(acked_seq: int) -> set[str]:
    """The files only acknowledged tombstones name (whether or not still stored)."""
    keep: set[str] = set()
    gone: set[str] = set()
    table = Attachment._meta.table_name
    for deleted, sha, original, last in database.execute_sql(_LAST_CHANGE, (table,)):
        names = {h for h in (sha, original) if h}
        if deleted and last is not None and last <= acked_seq:
            gone |= names
        else:  # a live row, or a deletion the city has not acknowledged yet
            keep |= names
    return gone - keep


def purge_acknowledged(station: StationHandle) -> int:
    """Remove the files of deleted attachments whose deletion the city acknowledged and
    that no other row still needs; how many files went (one held open by another
    program on Windows stays for the next time)."""
    store = FileStore.of(station.data_dir)
    with station.bound():
        acked = settings.ACKED_SEQ.get()
        if acked <= 0:
            return 0
        candidates = purgeable(acked)
    removed = 0
    for sha in sorted(candidates):
        stored = store.has(sha)
        if stored or store.derived_files(sha):
            if store.remove(sha):
                removed += stored
            else:
                log.info("file %s held open; removed on a later pass", sha[:12])
    if removed:
        log.info("removed %d files of acknowledged deletions", removed)
    return removed
