"""Photos and scans attached to what they are evidence of (issue 24).

``attach`` checks and cleans every file first (``attachment_images``; in a few threads:
Pillow decodes and encodes without the GIL) into the store's ``tmp/``; one refused file
and nothing is written, neither row nor file. Then the files are placed under their hash
and the rows written through ``crud`` in one transaction (audit and change log). The
same photo attached to the same owner twice is refused ("已添加过"); attached to another
owner it is a second row over the one stored file.

Who sees a photo is ``attachment_privacy``'s rule: ``for_owner`` marks what the actor may
not see ``masked``, and ``stored_path`` refuses its file.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from swdesk import outfiles, settings
from swdesk.db.files import FileStore, is_hash
from swdesk.errors import NotFoundError, SwdeskError, ValidationError
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.model import Attachment, database
from swdesk.model.base import now
from swdesk.services import attachment_images as images
from swdesk.services import attachment_privacy as rule
from swdesk.services import crud

# CLI kind -> the attachment's link column (a group session is a service record).
OWNER_KINDS: dict[str, str] = {
    "client": "client", "case": "case", "log": "case_log", "record": "record",
    "group-session": "record", "activity": "activity", "evaluation": "evaluation",
    "complaint": "complaint",
}
THUMB = "thumb.jpg"  # the thumbnail's suffix in the store's derived/
_THUMBNAILS = threading.Lock()  # thumbnails made one at a time (see ``thumbnail``)


class AttachCancelled(SwdeskError):
    """The person cancelled an import: nothing of it was written."""

    def __init__(self) -> None:
        super().__init__(_("已取消，未添加任何文件", "Cancelled; nothing was attached"))


@dataclass(frozen=True)
class Owner:
    """What attachments belong to: a link column of ``Attachment`` and the row's id."""

    link: str
    id: int


@dataclass(frozen=True)
class AttachmentView:
    id: int
    uid: str
    sha256: str
    media_type: str
    file_name: str
    caption: str
    taken_at: dt.datetime | None
    width: int | None
    height: int | None
    pages: int | None
    masked: bool


@dataclass(frozen=True)
class PrintPhoto:
    path: Path  # the stored (cleaned, print-size) file; a PDF's, for the printout to render
    caption: str
    taken_at: dt.datetime | None
    masked: bool  # print a placeholder, never the file
    media_type: str = images.JPEG  # image/jpeg, image/png or application/pdf (render page 1)
    file_name: str = ""


def _check_owner(owner: Owner) -> None:
    if owner.link not in set(OWNER_KINDS.values()):
        raise ValueError(f"not an attachment owner: {owner.link!r}")


def _owner_rows(owner: Owner):  # type: ignore[no-untyped-def]  # (peewee's select)
    _check_owner(owner)
    return Attachment.live().where(getattr(Attachment, owner.link) == owner.id)


def store_of(station: StationHandle) -> FileStore:
    return FileStore.of(station.data_dir)


def attach(station: StationHandle, owner: Owner, files: Sequence[Path], *,
           caption: str | None = None, progress: Callable[[int, int], None] | None = None,
           cancelled: Callable[[], bool] | None = None, skip_duplicates: bool = False,
           workers: int | None = None) -> list[Attachment]:
    """Attach ``files`` to ``owner``; the rows made, in the order of ``files``.

    Every file is checked first: one refused (ValidationError naming it) and nothing is
    written. ``progress(done, total)`` is called as files are cleaned; ``cancelled()``
    is polled between files (AttachCancelled, nothing written). A file already attached
    to ``owner`` is refused ("已添加过"), or left out with ``skip_duplicates``.
    """
    _check_owner(owner)
    paths = [Path(p) for p in files]
    if not paths:
        raise ValidationError(_("没有选择文件", "No file chosen"))
    store = store_of(station)
    with station.bound():
        crud.get(_owner_model(owner), owner.id)  # (a deleted owner refused before any work)
        max_bytes = settings.ATTACHMENT_MAX_MB.get() * 1_000_000
        keep = settings.KEEP_ORIGINALS.get()
    prepared = _prepare_all(paths, store.root / "tmp", max_bytes, keep, progress, cancelled,
                            workers)
    placed: list[str] = []
    try:
        with station.bound():
            kept = _without_duplicates(owner, prepared, skip_duplicates)
            try:
                _place(store, kept, placed)
                rows = _write_rows(station, owner, kept, caption)
            except BaseException:
                for sha in placed:  # (files no row names: a half import leaves nothing)
                    store.remove(sha)
                raise
        _thumbnails(store, kept)
    finally:
        for item in prepared:
            for tmp in item.temporaries():
                tmp.unlink(missing_ok=True)
    return rows


SHOWN_REFUSALS = 10  # a card's refused files named in one message, at most


def _refusal(messages: list[str]) -> ValidationError:
    shown = messages[:SHOWN_REFUSALS]
    if len(messages) > SHOWN_REFUSALS:
        shown.append(_("……另有 {} 个文件也不能添加", "… and {} more files cannot be "
                                                  "attached").format(len(messages)
                                                                     - SHOWN_REFUSALS))
    if len(messages) > 1:
        shown.insert(0, _("{} 个文件不能添加，未添加任何文件：", "{} files cannot be attached; "
                                                     "nothing was attached:").format(
            len(messages)))
    return ValidationError("\n".join(shown))


def _prepare_all(paths: list[Path], tmp_dir: Path, max_bytes: int, keep: bool,
                 progress: Callable[[int, int], None] | None,
                 cancelled: Callable[[], bool] | None,
                 workers: int | None) -> list[images.Prepared]:
    # every file's kind and size before any decoding: a refusal comes at once
    refused: list[str] = []
    for path in paths:
        try:
            images.check_kind(path, max_bytes)
        except ValidationError as exc:
            refused.append(str(exc))
    if refused:
        raise _refusal(refused)
    total = len(paths)
    futures: list[Future[images.Prepared]] = []
    # threads: Pillow decodes, scales and encodes without the GIL, and one thread's
    # fsync overlaps another's decoding
    threads = workers or min(4, 2 * (os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=threads) as pool:
        try:
            futures += [pool.submit(images.prepare, p, tmp_dir, max_bytes=max_bytes,
                                    keep_original=keep) for p in paths]
            for count, future in enumerate(futures, 1):
                if cancelled is not None and cancelled():
                    raise AttachCancelled()
                try:
                    future.result()
                except ValidationError as exc:  # (the others are still checked: all named)
                    refused.append(str(exc))
                if progress is not None:
                    progress(count, total)
            if refused:
                raise _refusal(refused)
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            for future in futures:  # (what was cleaned before the refusal goes)
                if future.done() and not future.cancelled() and future.exception() is None:
                    for tmp in future.result().temporaries():
                        tmp.unlink(missing_ok=True)
            raise
    return [f.result() for f in futures]


def _without_duplicates(owner: Owner, prepared: list[images.Prepared],
                        skip: bool) -> list[images.Prepared]:
    there = {r.sha256 for r in _owner_rows(owner).select(Attachment.sha256)}
    kept: list[images.Prepared] = []
    doubles: list[images.Prepared] = []
    for item in prepared:
        if item.sha256 in there:
            doubles.append(item)
        else:
            there.add(item.sha256)
            kept.append(item)
    if doubles and not skip:
        names = "、".join(dict.fromkeys(d.file_name for d in doubles))
        raise ValidationError(_("{}：已添加过，未重复添加", "{}: already attached; not added "
                                                        "again").format(names))
    for item in doubles:
        for tmp in item.temporaries():
            tmp.unlink(missing_ok=True)
    return kept


def _place(store: FileStore, prepared: list[images.Prepared], placed: list[str]) -> None:
    """Move the cleaned files under their hashes, adding to ``placed`` each one newly
    placed (as it goes: a failure halfway knows what to take back)."""
    for item in prepared:
        for tmp, sha in ((item.tmp, item.sha256), (item.original_tmp, item.original_sha256)):
            if tmp is None or sha is None or store.has(sha):
                continue
            target = store.path(sha)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)  # (written and fsynced in tmp/, on the same disk)
            placed.append(sha)


def _thumbnails(store: FileStore, prepared: list[images.Prepared]) -> None:
    """The thumbnails made on the way in (the strip shows them next): derived, so one that
    cannot be written now is made on demand later."""
    for item in prepared:
        target = store.derived_path(item.sha256, THUMB)
        if item.thumb is not None and not target.is_file():
            with contextlib.suppress(OSError):
                images.write_derived(target, item.thumb)


def _write_rows(station: StationHandle, owner: Owner, prepared: list[images.Prepared],
                caption: str | None) -> list[Attachment]:
    actor = station.actor
    rows: list[Attachment] = []
    at = now()
    with database.atomic():
        for item in prepared:
            values: dict[str, object] = {owner.link: owner.id}
            if caption:
                values["caption"] = caption
            rows.append(crud.create(Attachment, values, actor, derived={
                "sha256": item.sha256, "size": item.size, "media_type": item.media_type,
                "file_name": item.file_name[:200], "taken_at": item.taken_at,
                "width": item.width, "height": item.height, "pages": item.pages,
                "original_sha256": item.original_sha256, "attached_at": at,
                "attached_by": actor.worker_id}))
    return rows


def _owner_model(owner: Owner):  # type: ignore[no-untyped-def]  # (the linked model)
    return Attachment._meta.fields[owner.link].rel_model


def _view(row: Attachment, masked: bool) -> AttachmentView:
    return AttachmentView(int(row.id), str(row.uid), str(row.sha256), str(row.media_type),
                          str(row.file_name or ""), str(row.caption or ""), row.taken_at,
                          row.width, row.height, row.pages, masked)


def _order_key(row: Attachment) -> tuple[dt.datetime, dt.datetime, int]:
    return (row.taken_at or row.attached_at, row.attached_at, int(row.id))


def for_owner(station: StationHandle, owner: Owner) -> list[AttachmentView]:
    """``owner``'s attachments in the order they were taken (else attached), each masked
    when the actor may not see it."""
    with station.bound():
        rows = sorted(_owner_rows(owner), key=_order_key)
        if not rows:
            return []
        may = rule.may_view(station.actor, rule.subjects(rows[0]))  # (one owner: one rule)
        return [_view(r, not may) for r in rows]


def shown(station: StationHandle, owner: Owner) -> bool:
    """Audit that ``owner``'s photos were shown (a strip of thumbnails opened) when they
    are sensitive and not in the actor's own cases: one ``view`` entry for the strip,
    not one per thumbnail. Whether an entry was written."""
    with station.bound():
        rows = list(_owner_rows(owner).limit(1))
        if not rows:
            return False
        who = rule.subjects(rows[0])
        if not rule.may_view(station.actor, who):
            return False  # (placeholders show nothing)
        count = _owner_rows(owner).count()
        return rule.audit_view(station.actor, rows[0], who, strip=count)


def get(station: StationHandle, ref: AttachmentView | int | str) -> Attachment:
    """A live attachment by its view, id or uid."""
    with station.bound():
        return crud.get(Attachment, ref.id if isinstance(ref, AttachmentView) else ref)


def thumbnail(station: StationHandle, sha256: str) -> Path:
    """The JPEG thumbnail (longest side 256 px) of a stored file, made on first asking.

    Refused (ValidationError) when the actor may see none of the rows over this file.
    """
    if not is_hash(sha256):
        raise NotFoundError(_("没有这个附件：{}", "No such attachment: {}").format(sha256))
    with station.bound():
        rows = list(Attachment.live().where(Attachment.sha256 == sha256))
        if not rows:
            raise NotFoundError(_("没有这个附件：{}", "No such attachment: {}").format(sha256))
        if all(rule.masked(station.actor, r) for r in rows):
            raise _masked_refusal()
    store = store_of(station)
    target = store.derived_path(sha256, THUMB)
    # One at a time: two strips asking for the same thumbnail at once would each make it,
    # and the second's rename would replace a file the first has open (Windows refuses).
    with _THUMBNAILS:
        if not target.is_file():
            images.make_thumbnail(_present(store, sha256), str(rows[0].media_type), target)
    return target


def _present(store: FileStore, sha256: str) -> Path:
    path = store.path(sha256)
    if not path.is_file():
        raise NotFoundError(_("附件文件不见了（{}…），请用“数据检查”查看",
                              "The attachment's file is missing ({}…); run db check").format(
            sha256[:12]))
    return path


def _masked_refusal() -> ValidationError:
    return ValidationError(_("您无权查看这张照片（只有负责该个案的社工、站长和管理员可以查看）",
                             "You may not see this photo (only the case's own worker, the "
                             "station head and administrators may)"))


def stored_path(station: StationHandle, view_or_id: AttachmentView | int | str, *,
                export: bool = False) -> Path:
    """The stored (cleaned) file to open or copy out. Refused when the actor may not see
    it; a sensitive one looked at outside the actor's own cases is audited, and every
    ``export`` (the file saved elsewhere) is."""
    with station.bound():
        row = crud.get(Attachment, view_or_id.id if isinstance(view_or_id, AttachmentView)
                       else view_or_id)
        who = rule.subjects(row)
        if not rule.may_view(station.actor, who):
            raise _masked_refusal()
        path = _present(store_of(station), str(row.sha256))
        if export:
            rule.audit_export(station.actor, row, who)
        else:
            rule.audit_view(station.actor, row, who)
    return path


def export_file(station: StationHandle, sha256: str, out: Path) -> Attachment:
    """Copy the stored file of hash ``sha256`` (a row the actor may see) to ``out``, whole
    or not at all, and audit the export; the row it was taken through."""
    out = Path(out)
    if not out.parent.is_dir():
        raise ValidationError(_("文件夹不存在：{}", "No such folder: {}").format(out.parent))
    with station.bound():
        rows = list(Attachment.live().where(Attachment.sha256 == sha256.strip().lower()))
        if not rows:
            raise NotFoundError(_("没有这个附件：{}", "No such attachment: {}").format(sha256))
        seen = [(r, who) for r, who in ((r, rule.subjects(r)) for r in rows)
                if rule.may_view(station.actor, who)]
        if not seen:
            raise _masked_refusal()
        row, who = seen[0]
        outfiles.copy(_present(store_of(station), str(row.sha256)), out)
        rule.audit_export(station.actor, row, who)
    return row


def set_caption(station: StationHandle, id: int, text: str) -> Attachment:
    with station.bound():
        return crud.update(Attachment, id, {"caption": text.strip() or None}, station.actor)


def remove(station: StationHandle, id: int) -> None:
    """The row deleted (a tombstone for the city); the file stays until the deletion is
    acknowledged and the integrity pass takes it away."""
    with station.bound():
        crud.delete(Attachment, id, station.actor)


def print_photos(station: StationHandle, owner: Owner) -> list[PrintPhoto]:
    """``owner``'s photos and scans as a printout takes them (masked ones as placeholders)."""
    store = store_of(station)
    return [PrintPhoto(store.path(v.sha256), v.caption, v.taken_at, v.masked, v.media_type,
                       "" if v.masked else v.file_name) for v in for_owner(station, owner)]


PHOTO_SUFFIXES = frozenset({".jpg", ".jpeg", ".jpe", ".png", ".heic", ".heif", ".hif"})


def photos_in_folder(folder: Path) -> dict[dt.date, list[Path]]:
    """The photos of a folder and its subfolders (a camera card's DCIM) by the day they
    were taken: by EXIF, else the file's time; days and photos in order."""
    by_day: dict[dt.date, list[Path]] = {}
    root = Path(folder)
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in PHOTO_SUFFIXES or not path.is_file():
            continue
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue  # a phone's DCIM/.thumbnails, a Mac's ._IMG_0001.JPG: not photos taken
        day = images.exif_day(path)
        if day is None:
            try:
                day = dt.datetime.fromtimestamp(path.stat().st_mtime).date()
            except OSError:
                continue
        by_day.setdefault(day, []).append(path)
    return dict(sorted(by_day.items()))
