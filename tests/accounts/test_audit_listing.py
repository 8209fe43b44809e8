"""What the 审计 page reads: filtered pages of the audit log, labels, the backup to compare with."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from swdesk.db import StationDatabase
from swdesk.handle import StationHandle
from swdesk.model import AuditEntry, Client
from swdesk.services import accounts, audit_log, backups, crud, journal
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.audit_log import AuditFilter

LI = Actor("lihua", "worker")
WANG = Actor("wang", "head")
ADMIN = Actor("admin", "admin")


def _entries() -> None:
    for i in range(5):
        crud.create(Client, {"name": f"客户{i}"}, LI)
    row = Client.get(Client.name == "客户0")
    crud.update(Client, row, {"phone": "13800000000"}, WANG)


def test_pages_are_newest_first_and_follow_each_other(sdb: StationDatabase) -> None:
    _entries()
    everything = AuditFilter()
    total = audit_log.count(everything)
    assert total == AuditEntry.select().count() >= 6
    first = audit_log.page(everything, limit=4)
    rest = audit_log.page(everything, before_id=first[-1].id, limit=100)
    ids = [r.id for r in first + rest]
    assert ids == sorted(ids, reverse=True) and len(ids) == total
    newest = first[0]
    assert newest.actor == "wang" and newest.action == "修改" and newest.entity == "服务对象"
    assert "联系电话" in newest.details  # changed fields by their labels


def test_filters_by_user_action_and_dates(sdb: StationDatabase) -> None:
    _entries()
    assert audit_log.count(AuditFilter(actor="lihua")) == 5
    assert {r.actor for r in audit_log.page(AuditFilter(actor="lihua"))} == {"lihua"}
    assert audit_log.count(AuditFilter(action="update")) == 1
    today = dt.date.today()
    assert audit_log.count(AuditFilter(since=today, until=today)) == audit_log.count(
        AuditFilter())
    assert audit_log.count(AuditFilter(until=today - dt.timedelta(days=1))) == 0
    AuditEntry.update(at=dt.datetime(2026, 1, 15, 23, 59, 59)).where(
        AuditEntry.actor == "wang").execute()
    assert audit_log.count(AuditFilter(since=dt.date(2026, 1, 15),
                                       until=dt.date(2026, 1, 15))) == 1
    assert audit_log.count(AuditFilter(since=dt.date(2026, 1, 16),
                                       until=dt.date(2026, 1, 16))) == 0
    assert "lihua" in audit_log.actors() and "wang" in audit_log.actors()
    assert ("update", "修改") in audit_log.actions()


def test_entries_in_words_people_know(sdb: StationDatabase) -> None:
    from swdesk.model import Case

    accounts.create_user("admin", "管理员", "Jialian#2024x", "admin", SYSTEM)
    accounts.create_user("wanghong", "王红", "Jialian#2024x", "head", SYSTEM)
    accounts.authenticate("wanghong", "Jialian#2024x")
    client = crud.create(Client, {"name": "陈阿婆"}, LI)
    case = crud.create(Case, {"client": client.id, "opened_on": dt.date.today().isoformat(),
                              "stage": "intake", "problem": "独居"}, LI)
    crud.delete(Case, case, WANG)
    rows = audit_log.page(AuditFilter())
    deleted, created = rows[0], rows[1]
    assert deleted.action == "删除" and deleted.record == case.case_no  # (deleted: still named)
    assert created.entity == "个案" and created.record == case.case_no
    assert created.actor == "lihua" and created.username == "lihua"  # (no account: as kept)
    assert created.details.startswith("字段：") and "_" not in created.details
    new_user = next(r for r in rows if r.action == "新增用户")
    assert (new_user.actor, new_user.record, new_user.details) == ("系统", "王红", "角色：站长")
    assert ("wanghong", "王红") in audit_log.actor_choices()


def test_unknown_codes_show_as_they_are(sdb: StationDatabase) -> None:
    assert audit_log.action_label("sign_in_failed") == "登录失败"
    assert audit_log.action_label("frobnicate") == "frobnicate"
    assert audit_log.entity_label("user") == "用户"
    assert audit_log.entity_label("service_record") != "service_record"


def _made_earlier(path: Path, seconds: int) -> Path:
    """The backup renamed as if made ``seconds`` earlier (its time is in its name)."""
    made = dt.datetime.strptime(path.stem.split("-", 1)[1][:15], "%Y%m%d-%H%M%S")
    earlier = path.with_name(f"manual-{made - dt.timedelta(seconds=seconds):%Y%m%d-%H%M%S}.db")
    return path.rename(earlier)


def test_comparison_backup_skips_those_from_before_a_restore(sdb: StationDatabase) -> None:
    assert audit_log.comparison_backup(sdb.data_dir) is None
    _entries()
    first = backups.backup_now(StationHandle.of(sdb, ADMIN))
    assert audit_log.comparison_backup(sdb.data_dir) == first
    first = _made_earlier(first, 60)
    crud.create(Client, {"name": "之后"}, LI)
    later = backups.backup_now(StationHandle.of(sdb, ADMIN))
    backups.restore_into(StationHandle.of(sdb, ADMIN), first)
    # The later backup holds entries the restore rewound on purpose: not a tampering.
    _made_earlier(later, 30)
    assert audit_log.comparison_backup(sdb.data_dir) is None
    assert audit_log.verify(audit_log.comparison_backup(sdb.data_dir)).intact
    after = backups.backup_now(StationHandle.of(sdb, ADMIN))
    assert audit_log.comparison_backup(sdb.data_dir) == after
    assert audit_log.verify(after).intact
    assert journal.verify_audit_chain() == []


def test_the_pinyin_sort_key_is_not_a_field_people_are_told_of(sdb: StationDatabase) -> None:
    # The 审计 page read "字段：在岗、职业资格、姓名、name_sort、所在站点" for a new worker.
    from swdesk.model import Worker

    crud.create(Worker, {"name": "陈丽莉", "active": True}, SYSTEM)
    [created] = [r for r in audit_log.page(AuditFilter()) if r.entity == "社会工作者"]
    assert created.details.startswith("字段：") and "姓名" in created.details
    assert "name_sort" not in created.details
