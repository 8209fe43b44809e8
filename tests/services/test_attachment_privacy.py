"""Who sees an attached photo: a photo in a case, or of a minor, is a placeholder for a
worker who may not see the client; a head's look outside their own cases and every
export are in the audit log."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from attachment_files import jpeg

from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.handle import StationHandle
from swdesk.model import AuditEntry, Case, CaseLog, Client, ServiceRecord, Worker
from swdesk.services import attachment_privacy, attachments, crud, records
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.attachments import Owner
from swdesk.validation.ids import resident_id_check_digit


def _resident_id(born: dt.date) -> str:
    first17 = f"350203{born:%Y%m%d}123"
    return first17 + resident_id_check_digit(first17)


class People:
    def __init__(self) -> None:
        self.mine = crud.create(Worker, {"name": "李社工"}, SYSTEM)
        self.other = crud.create(Worker, {"name": "陈社工"}, SYSTEM)
        self.adult = crud.create(Client, {"name": "王芳"}, SYSTEM)
        today = dt.date.today()
        self.child = crud.create(Client, {"name": "小明", "id_number": _resident_id(
            today.replace(year=today.year - 10, day=1))}, SYSTEM)
        self.case = crud.create(Case, {"client": self.adult.id, "worker": self.mine.id,
                                       "opened_on": "2026-01-05", "stage": "intake",
                                       "problem": "独居"}, SYSTEM)
        self.log = crud.create(CaseLog, {"case": self.case.id, "date": "2026-01-06",
                                         "way": "home_visit", "content": "入户"}, SYSTEM)

    def actor(self, worker: Worker, role: str = "worker") -> Actor:
        return Actor(f"w{worker.id}", role, worker_id=int(worker.id))


@pytest.fixture
def people(sdb: StationDatabase) -> People:
    return People()


def _audits(action: str) -> list[AuditEntry]:
    return list(AuditEntry.select().where((AuditEntry.action == action)
                                          & (AuditEntry.entity == "attachment")))


def test_a_case_photo_is_masked_for_a_worker_who_may_not_see_the_case(
        sdb: StationDatabase, people: People, tmp_path: Path) -> None:
    admin = StationHandle.of(sdb, SYSTEM)
    case_owner = Owner("case", int(people.case.id))
    [row] = attachments.attach(admin, case_owner, [jpeg(tmp_path / "家访.jpg")])
    attachments.attach(admin, Owner("case_log", int(people.log.id)), [tmp_path / "家访.jpg"])

    stranger = admin.acting(people.actor(people.other))
    for owner in (case_owner, Owner("case_log", int(people.log.id))):
        [view] = attachments.for_owner(stranger, owner)
        assert view.masked
    with pytest.raises(ValidationError, match="您无权查看这张照片"):
        attachments.stored_path(stranger, view)
    with pytest.raises(ValidationError, match="您无权查看这张照片"):
        attachments.thumbnail(stranger, row.sha256)
    with pytest.raises(ValidationError, match="您无权查看这张照片"):
        attachments.export_file(stranger, row.sha256, tmp_path / "out.jpg")
    assert not (tmp_path / "out.jpg").exists()
    assert [p.masked for p in attachments.print_photos(stranger, case_owner)] == [True]

    own = admin.acting(people.actor(people.mine))
    [view] = attachments.for_owner(own, case_owner)
    assert not view.masked
    assert attachments.stored_path(own, view).is_file()
    assert _audits("view") == []  # the case's own worker looking is not an event


def test_a_heads_look_and_every_export_are_audited(sdb: StationDatabase, people: People,
                                                   tmp_path: Path) -> None:
    admin = StationHandle.of(sdb, SYSTEM)
    case_owner = Owner("case", int(people.case.id))
    [row] = attachments.attach(admin, case_owner, [jpeg(tmp_path / "家访.jpg")])
    head = admin.acting(Actor("zhang", "head"))
    [view] = attachments.for_owner(head, case_owner)
    assert not view.masked
    attachments.stored_path(head, view)
    [entry] = _audits("view")
    assert (entry.actor, entry.row_uid) == ("zhang", row.uid)
    assert '"sensitive": true' in entry.detail

    own = admin.acting(people.actor(people.mine))
    attachments.export_file(own, row.sha256, tmp_path / "导出 照片.jpg")
    assert (tmp_path / "导出 照片.jpg").read_bytes() == attachments.stored_path(
        own, view).read_bytes()
    [export] = _audits("export")
    assert (export.actor, export.row_uid) == (f"w{people.mine.id}", row.uid)
    assert len(_audits("view")) == 1  # (the case's worker looking is not)

    # an activity's photo of adults: not sensitive, its export still audited
    complaint_photo = Owner("client", int(people.adult.id))
    [plain] = attachments.attach(admin, complaint_photo, [jpeg(tmp_path / "p.jpg", (99, 99))])
    attachments.stored_path(head, int(plain.id))
    assert len(_audits("view")) == 1
    attachments.export_file(head, plain.sha256, tmp_path / "p-out.jpg")
    assert len(_audits("export")) == 2


def test_a_minors_photo(sdb: StationDatabase, people: People, tmp_path: Path) -> None:
    admin = StationHandle.of(sdb, SYSTEM)
    assert attachment_privacy.is_minor(people.child.birth_date)
    assert not attachment_privacy.is_minor(dt.date(2000, 1, 1))
    child = Owner("client", int(people.child.id))
    adult = Owner("client", int(people.adult.id))
    photo = jpeg(tmp_path / "a.jpg")
    attachments.attach(admin, child, [photo])
    attachments.attach(admin, adult, [photo])
    mine = admin.acting(people.actor(people.mine))
    assert [v.masked for v in attachments.for_owner(mine, child)] == [True]
    assert [v.masked for v in attachments.for_owner(mine, adult)] == [False]

    # a session with the child in it: its own worker sees it, another worker does not
    record = records.save_service_record(
        {"date": "2026-01-10", "kind": "individual", "category": "扶幼", "field": "社会福利",
         "title": "课业辅导",
         "worker": people.other.id}, [int(people.child.id)], [], [], SYSTEM)
    session = Owner("record", int(record.id))
    attachments.attach(admin, session, [photo])
    assert [v.masked for v in attachments.for_owner(mine, session)] == [True]
    theirs = admin.acting(people.actor(people.other))
    assert [v.masked for v in attachments.for_owner(theirs, session)] == [False]
    assert ServiceRecord.get_by_id(record.id).worker_id == people.other.id
