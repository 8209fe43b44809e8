"""The attachments' files in backups, restores, ``db check`` and after deletions (issue 24).

Rows and files are made directly (the store and ``crud``): the attachment service
(part A1) is not needed to see that a file survives a backup and a restore, that a
changed one is caught and that a deleted one goes only once the city has the deletion.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from attachment_files import jpeg

from swdesk import paths, settings
from swdesk.cli import main
from swdesk.db import StationDatabase, backup, backup_files, open_station
from swdesk.db.files import FileStore
from swdesk.errors import DatabaseError
from swdesk.handle import StationHandle
from swdesk.model import Attachment, AuditEntry, Case, ChangeLog, Client
from swdesk.services import (
    attachment_purge,
    attachments,
    audit_words,
    backups,
    cases,
    crud,
    file_check,
)
from swdesk.services.actor import SYSTEM
from swdesk.services.attachments import Owner

MORNING = dt.datetime(2026, 3, 2, 8, 30, 0)


def _photo(n: int) -> bytes:
    """Distinct bytes standing for a photo (the store does not look inside)."""
    return b"\xff\xd8\xff\xe0" + f"照片{n}".encode() * 500 + os.urandom(16)


def _attach(data_dir: Path, client: Client, data: bytes, caption: str) -> Attachment:
    sha = FileStore.of(data_dir).put(data)
    return crud.create(Attachment, {"caption": caption, "client": client.id}, SYSTEM,
                       derived={"sha256": sha, "size": len(data), "media_type": "image/jpeg",
                                "file_name": f"{caption}.jpg"})


def _client(name: str = "王芳") -> Client:
    return crud.create(Client, {"name": name}, SYSTEM)


def _acknowledge_all() -> None:
    """The city acknowledged every change so far (what a return package's ack sets)."""
    settings.ACKED_SEQ.set(ChangeLog.select().order_by(ChangeLog.seq.desc()).first().seq)


def test_backup_and_restore_bring_files_back_byte_identical(
        sdb: StationDatabase, tmp_path: Path) -> None:
    client = _client()
    photos = {f"活动{n}": _photo(n) for n in range(3)}
    rows = {c: _attach(sdb.data_dir, client, data, c) for c, data in photos.items()}
    made = backups.auto_backup(sdb, "close", MORNING)
    assert made.path is not None and made.files.copied == 3 and not made.files.lacking
    assert backup.check(made.path).complete
    folder_store = backup_files.store_of(made.path.parent)
    assert sorted(folder_store.hashes()) == sorted(r.sha256 for r in rows.values())

    # Into the running station, whose files were lost meanwhile.
    live = FileStore.of(sdb.data_dir)
    for row in rows.values():
        live.path(row.sha256).unlink()
    result = backups.restore_into(StationHandle.of(sdb), made.path)
    assert result.files.copied == 3 and result.lacking == []
    for caption, row in rows.items():
        assert live.read(row.sha256) == photos[caption] and live.verify(row.sha256)
    assert file_check.check_files(sdb.data_dir).healthy
    entry = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert entry.action == "restore" and "取回的附件文件：3" in audit_words.detail_text(entry)

    # Into a fresh data dir (a new computer): the backup folder copied over with its store.
    fresh = tmp_path / "新电脑 数据"
    report = backups.restore_file(fresh, made.path)
    assert report.files.copied == 3 and report.lacking == []
    for caption, row in rows.items():
        assert FileStore.of(fresh).read(row.sha256) == photos[caption]


def test_a_second_backup_copies_only_new_files(sdb: StationDatabase,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    client = _client()
    for n in range(4):
        _attach(sdb.data_dir, client, _photo(n), f"照片{n}")
    written: list[Path] = []  # every file any store writes, counted where it is written
    real_place = FileStore._place

    def place(self: FileStore, sha: str, write: object) -> None:
        written.append(self.path(sha))
        real_place(self, sha, write)  # type: ignore[arg-type]

    monkeypatch.setattr(FileStore, "_place", place)
    first = backups.auto_backup(sdb, "close", MORNING)
    assert first.files.copied == 4 and len(written) == 4
    written.clear()
    second = backups.auto_backup(sdb, "close", MORNING.replace(hour=9))
    assert written == [] and second.files.copied == 0  # nothing written again
    _attach(sdb.data_dir, client, _photo(9), "新照片")
    written.clear()
    third = backups.auto_backup(sdb, "close", MORNING.replace(hour=10))
    assert third.files.copied == 1
    assert [p.parent.parent.parent for p in written] == [paths.backups_dir(sdb.data_dir)]
    assert len(list(backup_files.store_of(paths.backups_dir(sdb.data_dir)).hashes())) == 5


def test_rotation_removes_files_no_kept_backup_names(sdb: StationDatabase) -> None:
    client = _client()
    old = _attach(sdb.data_dir, client, _photo(1), "旧照片")
    kept = _attach(sdb.data_dir, client, _photo(2), "留着的照片")
    start = MORNING - dt.timedelta(days=400)
    backups.auto_backup(sdb, "close", start)  # names both photos
    crud.delete(Attachment, old, SYSTEM)
    _acknowledge_all()
    assert attachment_purge.purge_acknowledged(StationHandle.of(sdb)) == 1
    store = backup_files.store_of(paths.backups_dir(sdb.data_dir))
    assert store.has(old.sha256)  # the old backup still names it
    # Backups on many later days (none naming the old photo) rotate the first one out.
    for day in range(1, 40):
        made = backups.auto_backup(sdb, "close", start + dt.timedelta(days=day * 10))
    assert made.path is not None
    names = [p.name for p in paths.backups_dir(sdb.data_dir).glob("*.db")]
    assert f"auto-{start:%Y%m%d-%H%M%S}-close.db" not in names
    assert not store.has(old.sha256) and store.has(kept.sha256)
    assert FileStore.of(sdb.data_dir).has(kept.sha256)  # never the data dir's own


def test_a_file_that_cannot_be_read_fails_the_backup_clearly(
        sdb: StationDatabase, monkeypatch: pytest.MonkeyPatch) -> None:
    client = _client()
    bad = _attach(sdb.data_dir, client, _photo(1), "读不出的照片")
    real_open = FileStore.open

    def failing(self: FileStore, sha: str):  # type: ignore[no-untyped-def]
        if sha == bad.sha256:
            raise OSError(5, "Input/output error")
        return real_open(self, sha)

    monkeypatch.setattr(FileStore, "open", failing)
    with pytest.raises(DatabaseError, match=bad.sha256):
        backups.auto_backup(sdb, "close", MORNING)
    assert list(paths.backups_dir(sdb.data_dir).glob("*.db")) == []  # no half backup


def test_a_file_held_open_by_another_program_is_backed_up(
        sdb: StationDatabase, held_files: object) -> None:
    client = _client()
    row = _attach(sdb.data_dir, client, _photo(1), "看图软件里开着")
    held_files.hold(FileStore.of(sdb.data_dir).path(row.sha256))  # type: ignore[attr-defined]
    made = backups.auto_backup(sdb, "close", MORNING)
    assert made.files.copied == 1


def test_restore_from_a_folder_lacking_files_says_which(
        sdb: StationDatabase, tmp_path: Path) -> None:
    client = _client("李明")
    present = _attach(sdb.data_dir, client, _photo(1), "签到表")
    lost = _attach(sdb.data_dir, client, _photo(2), "同意书")
    made = backups.auto_backup(sdb, "close", MORNING)
    assert made.path is not None
    backup_files.store_of(made.path.parent).path(lost.sha256).unlink()
    assert backup.check(made.path).missing_files == [lost.sha256]
    fresh = tmp_path / "fresh"
    report = backups.restore_file(fresh, made.path)
    assert report.files.copied == 1 and report.files.missing == [lost.sha256]
    assert len(report.lacking) == 1 and "李明" in report.lacking[0]
    assert "同意书" in report.lacking[0]
    with open_station(fresh):
        assert Attachment.live().count() == 2  # the rows stay; db check lists the file
        check = file_check.check_files(fresh)
        assert [p.name for p in check.missing] == ["同意书"]
        assert FileStore.of(fresh).read(present.sha256) == _photo_bytes(sdb, present)


def _photo_bytes(sdb: StationDatabase, row: Attachment) -> bytes:
    return FileStore.of(sdb.data_dir).read(row.sha256)


def test_check_catches_a_changed_and_a_missing_file_and_lists_an_orphan(
        sdb: StationDatabase, capsys: pytest.CaptureFixture[str]) -> None:
    client = _client("张秀英")
    changed = _attach(sdb.data_dir, client, _photo(1), "入户照片")
    missing = _attach(sdb.data_dir, client, _photo(2), "身份证复印件")
    fine = _attach(sdb.data_dir, client, _photo(3), "合影")
    store = FileStore.of(sdb.data_dir)
    with open(store.path(changed.sha256), "r+b") as fh:
        fh.seek(100)
        fh.write(b"XX")
    store.path(missing.sha256).unlink()
    orphan = store.put(b"no row names this")
    result = file_check.check_files(sdb.data_dir)
    assert [p.name for p in result.changed] == ["入户照片"]
    assert [p.name for p in result.missing] == ["身份证复印件"]
    assert result.orphans == [orphan] and not result.healthy
    assert result.missing[0].owner == "服务对象 张秀英"
    assert fine.sha256 not in {p.sha256 for p in result.changed + result.missing}

    # The command line, with the program closed: the tmp leftovers go, the problems show.
    (store.root / "tmp").mkdir(exist_ok=True)
    (store.root / "tmp" / "half.part").write_bytes(b"half a photo")
    data_dir = sdb.data_dir
    sdb.close()
    code = main(["--data-dir", str(data_dir), "db", "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "附件文件已被改动" in out and "入户照片" in out and "张秀英" in out
    assert "附件文件缺失" in out and "身份证复印件" in out
    assert "没有任何记录引用" in out and orphan[:12] in out
    assert not (store.root / "tmp" / "half.part").exists()
    code = main(["--lang", "en", "--data-dir", str(data_dir), "db", "check",
                 "--remove-orphans"])
    out = capsys.readouterr().out
    assert "attachment file missing" in out and "Removing the 1 unreferenced" in out
    assert not store.has(orphan) and store.has(fine.sha256)


def test_purge_waits_for_the_acknowledgement_and_keeps_shared_files(
        sdb: StationDatabase) -> None:
    client = _client()
    same = _photo(1)
    gone = _attach(sdb.data_dir, client, _photo(2), "删掉的照片")
    twice_a = _attach(sdb.data_dir, client, same, "同一张照片")
    twice_b = _attach(sdb.data_dir, _client("另一位"), same, "同一张照片再附")
    store = FileStore.of(sdb.data_dir)
    thumb = store.derived_path(gone.sha256, "thumb.jpg")
    thumb.parent.mkdir(parents=True, exist_ok=True)
    thumb.write_bytes(b"thumbnail")
    handle = StationHandle.of(sdb)
    _acknowledge_all()  # the rows are at the city
    crud.delete(Attachment, gone, SYSTEM)
    crud.delete(Attachment, twice_a, SYSTEM)
    assert attachment_purge.purge_acknowledged(handle) == 0  # deletions not acknowledged
    assert store.has(gone.sha256) and store.has(same_sha := twice_b.sha256)
    _acknowledge_all()
    assert attachment_purge.purge_acknowledged(handle) == 1
    assert not store.has(gone.sha256) and not thumb.exists()
    assert store.has(same_sha)  # another live row still names it
    assert file_check.check_files(sdb.data_dir).healthy  # a purged tombstone is no problem


def test_deleting_an_owner_deletes_its_attachments(sdb: StationDatabase) -> None:
    client = _client()
    other = _client("另一位")
    a = _attach(sdb.data_dir, client, _photo(1), "同意书")
    b = _attach(sdb.data_dir, other, _photo(2), "别人的")
    crud.delete(Client, client, SYSTEM)
    assert Attachment.get_by_id(a.id).deleted and not Attachment.get_by_id(b.id).deleted
    ops = [c.op for c in ChangeLog.select().where(ChangeLog.row_uid == a.uid)]
    assert ops == ["insert", "delete"]  # the deletion goes to the city like any other
    _acknowledge_all()
    assert attachment_purge.purge_acknowledged(StationHandle.of(sdb)) == 1
    assert not FileStore.of(sdb.data_dir).has(a.sha256)
    assert FileStore.of(sdb.data_dir).has(b.sha256)


def test_deleting_a_case_deletes_its_logs_attachments(sdb: StationDatabase) -> None:
    client = _client()
    case = crud.create(Case, {"client": client.id, "opened_on": "2026-03-01",
                              "stage": "intake", "problem": "独居"}, SYSTEM)
    log = cases.add_case_log(case.id, {"date": "2026-03-02", "way": "home_visit",
                                       "content": "上门探访"}, SYSTEM)
    store = FileStore.of(sdb.data_dir)
    made = {}
    for owner, key, n in ((case, "case", 1), (log, "case_log", 2), (client, "client", 3)):
        data = _photo(n)
        made[key] = crud.create(Attachment, {"caption": key, key: owner.id}, SYSTEM, derived={
            "sha256": store.put(data), "size": len(data), "media_type": "image/jpeg",
            "file_name": f"{key}.jpg"})
    crud.delete(Case, case, SYSTEM)
    gone = {k: bool(Attachment.get_by_id(a.id).deleted) for k, a in made.items()}
    assert gone == {"case": True, "case_log": True, "client": False}
    _acknowledge_all()
    assert attachment_purge.purge_acknowledged(StationHandle.of(sdb)) == 2
    assert not store.has(made["case_log"].sha256) and store.has(made["client"].sha256)


def test_a_backup_folder_that_is_the_data_dir_never_loses_files(
        sdb: StationDatabase) -> None:
    client = _client()
    row = _attach(sdb.data_dir, client, _photo(1), "照片")
    backups.set_backup_folder(sdb.data_dir, SYSTEM)
    start = MORNING - dt.timedelta(days=400)
    for day in range(30):
        backups.auto_backup(sdb, "close", start + dt.timedelta(days=day * 10))
    crud.delete(Attachment, row, SYSTEM)  # no kept backup names it once rotated
    for day in range(30, 60):
        backups.auto_backup(sdb, "close", start + dt.timedelta(days=day * 10))
    assert FileStore.of(sdb.data_dir).has(row.sha256)  # (only the purge may remove it)



def test_attached_photos_with_originals_survive_a_backup_and_go_after_the_ack(
        sdb: StationDatabase, tmp_path: Path) -> None:
    """Through the attachment service (part A1): the cleaned photo and its kept original are
    backed up and restored; the thumbnail is not backed up; removal waits for the ack."""
    station_ = StationHandle.of(sdb)
    settings.KEEP_ORIGINALS.set(True)
    owner = Owner("client", int(_client("林大姐").id))
    made_rows = attachments.attach(station_, owner, [jpeg(tmp_path / "入户 1.jpg", (2600, 1800)),
                                                     jpeg(tmp_path / "入户 2.jpg")])
    live = FileStore.of(sdb.data_dir)
    named = {h for r in made_rows for h in (r.sha256, r.original_sha256) if h}
    assert len(named) >= 3  # (the large one keeps a different, full-size original)
    thumb = attachments.thumbnail(station_, made_rows[0].sha256)
    assert thumb.is_file()
    made = backups.auto_backup(sdb, "close", MORNING)
    assert made.path is not None and made.files.copied == len(named)
    folder = backup_files.store_of(made.path.parent)
    assert set(folder.hashes()) == named and not (folder.root / "derived").exists()

    fresh = tmp_path / "fresh"
    report = backups.restore_file(fresh, made.path)
    assert report.lacking == [] and set(FileStore.of(fresh).hashes()) == named
    assert all(FileStore.of(fresh).read(h) == live.read(h) for h in named)

    with station_.bound():
        _acknowledge_all()
        attachments.remove(station_, int(made_rows[0].id))
        assert attachment_purge.purge_acknowledged(station_) == 0
        _acknowledge_all()
        gone = {made_rows[0].sha256, made_rows[0].original_sha256} - {None}
        assert attachment_purge.purge_acknowledged(station_) == len(gone)
    assert not any(live.has(h) for h in gone) and not thumb.exists()
    assert live.has(made_rows[1].sha256)
