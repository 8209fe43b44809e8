"""Create, update and delete through the core: validated, audited, journalled, atomic."""

from __future__ import annotations

import pytest

from swdesk import i18n
from swdesk.errors import DatabaseError, NotFoundError, ValidationError
from swdesk.model import AuditEntry, Case, ChangeLog, Client
from swdesk.services import crud, journal
from swdesk.services.actor import SYSTEM
from swdesk.validation import resident_id_check_digit


def make_id(first17: str = "35020319850307123") -> str:
    return first17 + resident_id_check_digit(first17)


def counts() -> tuple[int, int, int]:
    return Client.select().count(), ChangeLog.select().count(), AuditEntry.select().count()


def test_create_derives_sex_birth_and_pinyin(sdb: object) -> None:
    values = {"name": "张晓明", "id_number": make_id(), "phone": "138 0000 1234",
              "target_groups": "低保、老年人"}
    client = crud.create(Client, values, SYSTEM)
    stored = Client.get_by_id(client.id)
    assert (stored.sex, str(stored.birth_date)) == ("M", "1985-03-07")
    assert stored.name_initials == "zxm" and stored.name_pinyin == "zhangxiaoming"
    assert stored.phone == "13800001234"
    assert stored.target_groups == ",dibao,elderly,"
    assert stored.origin == "XM-SM-001" and stored.version == 1 and len(stored.uid) == 36
    change = ChangeLog.get(ChangeLog.row_uid == stored.uid)
    assert (change.entity, change.op, change.version) == ("client", "insert", 1)
    audit = AuditEntry.get(AuditEntry.row_uid == stored.uid)
    assert audit.action == "create" and "张晓明" not in audit.detail  # no personal values


def test_invalid_input_names_every_field_and_writes_nothing(sdb: object) -> None:
    before = counts()
    bad_id = make_id()[:-1] + ("0" if make_id()[-1] != "0" else "1")
    with pytest.raises(ValidationError) as caught:
        crud.create(Client, {"name": " ", "id_number": bad_id, "phone": "1380000123",
                             "target_groups": "富人"}, SYSTEM)
    errors = caught.value.errors
    assert set(errors) == {"name", "id_number", "phone", "target_groups"}
    assert errors["name"].startswith("姓名：") and "校验" in errors["id_number"]
    assert counts() == before


def test_messages_follow_the_language(sdb: object) -> None:
    i18n.set_language("en")
    with pytest.raises(ValidationError) as caught:
        crud.create(Client, {"name": ""}, SYSTEM)
    assert caught.value.errors["name"] == "Name: required"


def test_same_resident_id_refused(sdb: object) -> None:
    crud.create(Client, {"name": "张晓明", "id_number": make_id()}, SYSTEM)
    with pytest.raises(ValidationError, match="已登记"):
        crud.create(Client, {"name": "张小明", "id_number": make_id()}, SYSTEM)


def test_update_bumps_version_and_logs_changed_fields(sdb: object) -> None:
    client = crud.create(Client, {"name": "李华"}, SYSTEM)
    crud.update(Client, client.id, {"name": "李华", "community": "莲花社区"}, SYSTEM)
    stored = Client.get_by_id(client.id)
    assert stored.version == 2 and stored.community == "莲花社区"
    audit = AuditEntry.select().order_by(AuditEntry.id.desc()).first()
    assert audit.action == "update"
    assert '"community"' in audit.detail and '"name"' not in audit.detail
    # An edit that changes nothing writes nothing.
    before = counts()
    crud.update(Client, client.id, {"community": "莲花社区"}, SYSTEM)
    assert counts() == before


def test_stale_form_is_refused(sdb: object) -> None:
    client = crud.create(Client, {"name": "李华"}, SYSTEM)
    crud.update(Client, client.id, {"community": "A"}, SYSTEM)
    with pytest.raises(ValidationError, match="已被修改"):
        crud.update(Client, client.id, {"community": "B"}, SYSTEM, base_version=1)
    assert Client.get_by_id(client.id).community == "A"


def test_delete_is_a_tombstone(sdb: object) -> None:
    client = crud.create(Client, {"name": "王芳"}, SYSTEM)
    crud.delete(Client, client.uid, SYSTEM)
    stored = Client.get_by_id(client.id)
    assert stored.deleted and stored.version == 2
    assert ChangeLog.select().where(ChangeLog.op == "delete").count() == 1
    with pytest.raises(NotFoundError):
        crud.get(Client, client.id)


def test_client_with_open_case_cannot_be_deleted(sdb: object) -> None:
    client = crud.create(Client, {"name": "王芳"}, SYSTEM)
    crud.create(Case, {"client": client.id, "opened_on": "2026-01-05", "stage": "intake",
                       "problem": "独居，行动不便"}, SYSTEM)
    with pytest.raises(ValidationError, match="未结案"):
        crud.delete(Client, client.id, SYSTEM)
    assert not Client.get_by_id(client.id).deleted


def test_failure_mid_write_leaves_no_partial_rows(sdb: object, monkeypatch: pytest.MonkeyPatch
                                                  ) -> None:
    """The row and its change-log entry are written before the audit entry fails."""
    before = counts()

    def broken_audit(*args: object, **kwargs: object) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(journal, "audit", broken_audit)
    with pytest.raises(DatabaseError):  # the OS error, told in words
        crud.create(Client, {"name": "赵六"}, SYSTEM)
    assert counts() == before
    client_count = Client.select().count()
    with pytest.raises(DatabaseError):  # the OS error, told in words
        crud.update(Client, 1, {"name": "x"}, SYSTEM) if client_count else crud.create(
            Client, {"name": "y"}, SYSTEM)
    assert counts() == before


def test_unknown_link_is_a_validation_error(sdb: object) -> None:
    with pytest.raises(ValidationError) as caught:
        crud.create(Case, {"client": 999, "opened_on": "2026-01-05", "stage": "intake",
                           "problem": "x"}, SYSTEM)
    assert "服务对象" in caught.value.errors["client"]


def test_audit_chain_detects_tampering(sdb: object) -> None:
    for name in ("甲", "乙", "丙"):
        crud.create(Client, {"name": name}, SYSTEM)
    assert journal.verify_audit_chain() == []
    middle = AuditEntry.select().order_by(AuditEntry.id).offset(1).first()
    AuditEntry.update(actor="someone").where(AuditEntry.id == middle.id).execute()
    assert middle.id in journal.verify_audit_chain()
