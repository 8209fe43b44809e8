"""Accounts: roles, password hashing and strength, lockout after five failures, admin actions."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from swdesk import settings
from swdesk.errors import AuthError, PermissionDeniedError, ValidationError
from swdesk.model import AuditEntry, Setting, User, Worker
from swdesk.services import accounts, crud, passwords
from swdesk.services.actor import SYSTEM, Actor

ADMIN_PW = "Jialian2026"


@pytest.fixture
def admin(sdb: object) -> Actor:
    accounts.create_user("admin", "王站管", ADMIN_PW, "admin", SYSTEM)
    return accounts.authenticate("admin", ADMIN_PW)


def _audits(action: str) -> list[AuditEntry]:
    return list(AuditEntry.select().where(AuditEntry.action == action).order_by(AuditEntry.id))


def test_hash_is_scrypt_salted_and_verifies() -> None:
    first, second = passwords.hash_password("abc12345x"), passwords.hash_password("abc12345x")
    assert first.startswith(f"scrypt${passwords.SCRYPT_N}$") and first != second
    assert passwords.verify_password("abc12345x", first)
    assert not passwords.verify_password("abc12345y", first)
    assert not passwords.verify_password("abc12345x", "garbage")
    assert not passwords.verify_password("abc12345x", "scrypt$1$2$3$!!$!!")


@pytest.mark.parametrize("weak", ["short1", "onlyletters", "1234567890", "password1",
                                  "zhangsan2026", " Spaced123"])
def test_weak_passwords_refused_in_chinese(weak: str) -> None:
    with pytest.raises(ValidationError) as info:
        passwords.check_strength(weak, "zhangsan")
    assert "密码" in str(info.value)


def test_first_account_must_be_admin_then_only_admins_add(sdb: object) -> None:
    assert not accounts.has_users()
    with pytest.raises(ValidationError, match="第一个账户必须是管理员"):
        accounts.create_user("li", "李华", "Shegong2026x", "worker", SYSTEM)
    accounts.create_user("boss", "站管", ADMIN_PW, "管理员", SYSTEM)  # the label works too
    assert accounts.has_users()
    head = Actor("boss2", "head")
    with pytest.raises(PermissionDeniedError):
        accounts.create_user("li", "李华", "Shegong2026x", "worker", head)
    assert [u.username for u in accounts.list_users()] == ["boss"]


def test_create_validates_everything_at_once(admin: Actor) -> None:
    with pytest.raises(ValidationError) as info:
        accounts.create_user("x", "", "weak", "janitor", admin, worker_id=999)
    assert set(info.value.errors) == {"username", "display_name", "role", "password"}
    with pytest.raises(ValidationError, match="已被使用"):
        accounts.create_user("admin", "重复", "Another2026", "head", admin)
    with pytest.raises(ValidationError, match="社工"):
        accounts.create_user("li", "李华", "Shegong2026x", "worker", admin, worker_id=999)
    assert User.select().count() == 1


def test_worker_account_signs_in_as_its_worker(admin: Actor) -> None:
    me = crud.create(Worker, {"name": "李社工"}, SYSTEM)
    user = accounts.create_user("lihua", "李华", "Shegong2026x", "worker", admin, worker_id=me.id)
    stored = User.get(User.username == "lihua")
    assert stored.worker_uid == me.uid and "Shegong2026x" not in stored.password_hash
    assert user.role == "worker"
    actor = accounts.authenticate("lihua", "Shegong2026x")
    assert actor == Actor("lihua", "worker", me.id)
    signed = _audits("sign_in")
    assert [e.actor for e in signed] == ["admin", "lihua"]


def test_still_signed_in_until_the_account_goes_or_changes(admin: Actor) -> None:
    accounts.create_user("lihua", "李华", "Shegong2026x", "worker", admin)
    lihua = accounts.authenticate("lihua", "Shegong2026x")
    assert accounts.still_signed_in(lihua) and accounts.still_signed_in(admin)
    assert not accounts.still_signed_in(Actor("lihua", "head"))  # a restore changed the role
    assert not accounts.still_signed_in(Actor("zhao", "worker"))  # not in the restored data
    accounts.disable_user("lihua", admin)
    assert not accounts.still_signed_in(lihua)


def test_wrong_password_and_unknown_user_are_audited(admin: Actor) -> None:
    with pytest.raises(AuthError, match=r"用户名或密码错误.*再错 4 次"):
        accounts.authenticate("admin", "Wrong2026x")
    with pytest.raises(AuthError, match=r"^用户名或密码错误$"):
        accounts.authenticate("nobody", "Wrong2026x")
    failed = _audits("sign_in_failed")
    assert [(e.actor, json.loads(e.detail)["reason"]) for e in failed] == [
        ("admin", "wrong_password"), ("nobody", "unknown_user")]
    assert "Wrong2026x" not in "".join(e.detail for e in AuditEntry.select())


def test_five_failures_lock_for_fifteen_minutes(admin: Actor,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    start = dt.datetime(2026, 3, 2, 9, 0, 0)
    monkeypatch.setattr(accounts, "clock", lambda: start)
    for _ in range(4):
        with pytest.raises(AuthError, match="用户名或密码错误"):
            accounts.authenticate("admin", "Wrong2026x")
    with pytest.raises(AuthError, match="账户已锁定，请在 09:15 后再试"):
        accounts.authenticate("admin", "Wrong2026x")
    # Locked: even the right password is refused until 09:15.
    monkeypatch.setattr(accounts, "clock", lambda: start + dt.timedelta(minutes=14))
    with pytest.raises(AuthError, match="09:15"):
        accounts.authenticate("admin", ADMIN_PW)
    monkeypatch.setattr(accounts, "clock", lambda: start + dt.timedelta(minutes=15, seconds=1))
    assert accounts.authenticate("admin", ADMIN_PW).role == "admin"
    user = User.get(User.username == "admin")
    assert user.failed_attempts == 0 and user.locked_until is None
    reasons = [json.loads(e.detail)["reason"] for e in _audits("sign_in_failed")]
    assert reasons == ["wrong_password"] * 5 + ["locked"]


def test_admin_reset_unlocks_and_disable_refuses(admin: Actor,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    accounts.create_user("lihua", "李华", "Shegong2026x", "worker", admin)
    for _ in range(5):
        with pytest.raises(AuthError):
            accounts.authenticate("lihua", "Wrong2026x")
    with pytest.raises(PermissionDeniedError):
        accounts.reset_password("lihua", "Fresh2026x", Actor("lihua", "worker"))
    accounts.reset_password("lihua", "Fresh2026x", admin)
    assert accounts.authenticate("lihua", "Fresh2026x").username == "lihua"
    accounts.disable_user("lihua", admin)
    with pytest.raises(AuthError, match="已停用"):
        accounts.authenticate("lihua", "Fresh2026x")
    with pytest.raises(AuthError, match=r"^用户名或密码错误$"):  # no hint without the password
        accounts.authenticate("lihua", "Wrong2026x")
    with pytest.raises(ValidationError, match="最后一个管理员"):
        accounts.disable_user("admin", admin)
    accounts.enable_user("lihua", admin)
    assert accounts.authenticate("lihua", "Fresh2026x").username == "lihua"
    assert [e.row_uid for e in _audits("user_disable")] == ["lihua"]
    assert [e.row_uid for e in _audits("password_reset")] == ["lihua"]


def test_change_own_password(admin: Actor) -> None:
    with pytest.raises(AuthError):
        accounts.change_password("admin", "Wrong2026x", "Brandnew2026")
    with pytest.raises(ValidationError, match="密码至少"):
        accounts.change_password("admin", ADMIN_PW, "short")
    accounts.change_password("admin", ADMIN_PW, "Brandnew2026")
    with pytest.raises(AuthError):
        accounts.authenticate("admin", ADMIN_PW)
    assert accounts.authenticate("admin", "Brandnew2026").role == "admin"


def test_idle_lock_setting(admin: Actor) -> None:
    assert accounts.idle_lock_minutes() == 10
    accounts.set_idle_lock_minutes(5, admin)
    assert accounts.idle_lock_minutes() == 5
    with pytest.raises(ValidationError):
        accounts.set_idle_lock_minutes(0, admin)
    with pytest.raises(PermissionDeniedError):
        accounts.set_idle_lock_minutes(30, Actor("head", "head"))
    Setting.replace(key=settings.IDLE_LOCK_MINUTES.key, value="junk").execute()
    assert accounts.idle_lock_minutes() == 10
