"""User accounts: roles, sign-in with lockout, passwords, disabling; the idle-lock setting.

Roles come from the reference list ``role``: ``worker`` sees full personal data only
of the clients in their own cases, ``head`` and ``admin`` see everything, and only
``admin`` manages accounts. Every sign-in, successful or not, is audited.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable

from swdesk import reference, settings
from swdesk.errors import AuthError, PermissionDeniedError, ValidationError
from swdesk.i18n import _
from swdesk.model import User, Worker, database
from swdesk.model.base import now
from swdesk.services import crud, journal, passwords
from swdesk.services.actor import Actor
from swdesk.services.this_station import current_station

MAX_FAILURES = 5
LOCK_MINUTES = 15

# Letters, digits, Chinese characters and . _ -; what a station would type as a login.
_USERNAME = re.compile(r"^[A-Za-z0-9_.\-\u4e00-\u9fff]{2,40}$")
# Checked against when the user name is unknown, so both cases take the same time.
@functools.cache
def _dummy_hash() -> str:
    """A hash to check unknown names against, so they take as long as known ones (made once)."""
    return passwords.hash_password("not-a-real-password-0")

# The clock; tests move it forward to let a lock run out.
clock: Callable[[], dt.datetime] = now


def has_users() -> bool:
    """True once any account exists (before that, the program asks for the first admin)."""
    return bool(User.select().exists())


def list_users() -> list[User]:
    return list(User.select().order_by(User.username))


def _require_admin(actor: Actor) -> None:
    if actor.role != "admin":
        raise PermissionDeniedError(_("只有管理员可以管理账户", "Only an administrator can "
                                      "manage accounts"))


def _find(username: str) -> User:
    user = User.get_or_none(User.username == username.strip())
    if user is None:
        raise ValidationError(_("没有用户 {}", "There is no user {}").format(username),
                              "username")
    return user


def _worker_uid(worker_id: int | None) -> str | None:
    if worker_id is None:
        return None
    try:
        return str(crud.get(Worker, int(worker_id)).uid)
    except Exception as exc:  # NotFoundError, or a worker_id that is not a number
        raise ValidationError(_("找不到编号为 {} 的社工", "There is no social worker {}")
                              .format(worker_id), "worker_id") from exc


def _new_worker(name: str, actor: Actor) -> str:
    here = current_station()
    worker = crud.create(Worker, {"name": name, "station": here.id if here else None}, actor)
    return str(worker.uid)


def actor_of(user: User) -> Actor:
    """The Actor a signed-in user acts as (their worker id resolved from the worker's uid)."""
    worker_id = None
    if user.worker_uid:
        worker = Worker.get_or_none(Worker.uid == user.worker_uid)
        worker_id = int(worker.id) if worker is not None else None
    return Actor(str(user.username), str(user.role), worker_id)


def still_signed_in(actor: Actor) -> bool:
    """Whether ``actor``'s account is still there, active and in the same role: after a
    restore it may be gone or changed, and then the person must sign in again."""
    user = User.get_or_none(User.username == actor.username)
    return user is not None and bool(user.active) and str(user.role) == actor.role


def create_user(username: str, display_name: str, password: str, role: str, actor: Actor,
                worker_id: int | None = None, *, new_worker: bool = False) -> User:
    """Make an account. The first account must be an administrator; later ones need one.

    The account belongs to the social worker ``worker_id``, or with ``new_worker`` to a
    worker record made here (its name, this station): what fills in 负责社工 on the
    records its user creates. All or nothing.
    """
    username = (username or "").strip()
    display_name = (display_name or "").strip()
    first = not has_users()
    if not first:
        _require_admin(actor)
    errors: dict[str, str] = {}
    if not _USERNAME.match(username):
        errors["username"] = _("用户名应为 2-40 位字母、数字、汉字或 . _ -",
                               "The user name needs 2-40 letters, digits, Chinese characters "
                               "or . _ -")
    elif User.select().where(User.username == username).exists():
        errors["username"] = _("用户名 {} 已被使用", "The user name {} is taken").format(username)
    if not display_name or len(display_name) > 50:
        errors["display_name"] = _("姓名不能为空，且不超过 50 字",
                                   "The display name is required (at most 50 characters)")
    try:
        role = reference.resolve("role", role, _("角色", "role"))
    except ValidationError as exc:
        errors["role"] = str(exc)
    if first and role != "admin" and "role" not in errors:
        errors["role"] = _("第一个账户必须是管理员", "The first account must be an administrator")
    try:
        passwords.check_strength(password, username)
    except ValidationError as exc:
        errors.update(exc.errors)
    if errors:
        raise ValidationError(errors)
    uid = None if new_worker else _worker_uid(worker_id)
    with database.atomic():
        if new_worker:
            uid = _new_worker(display_name, actor)
        user = User.create(username=username, display_name=display_name, role=role,
                           password_hash=passwords.hash_password(password), worker_uid=uid)
        journal.audit(actor, "user_create", "user", username, {"role": role})
    return user


def _fail(username: str, reason: str, message: str) -> AuthError:
    journal.audit(Actor(username[:40] or "?", "worker"), "sign_in_failed", "user",
                  username[:36], {"reason": reason})
    return AuthError(message)


def _check(username: str, password: str) -> User:
    """The user if ``password`` is right; counts failures and locks; raises AuthError.

    The failure bookkeeping and its audit entry commit before the error is raised.
    """
    username = (username or "").strip()
    wrong = _("用户名或密码错误", "Wrong user name or password")
    at = clock()
    error: AuthError | None = None
    with database.atomic():
        user = User.get_or_none(User.username == username)
        if user is None:
            passwords.verify_password(password, _dummy_hash())
            error = _fail(username, "unknown_user", wrong)
        elif not user.active:
            # Say "disabled" only to someone who knows the password.
            if not passwords.verify_password(password, user.password_hash):
                error = _fail(username, "disabled", wrong)
            else:
                error = _fail(username, "disabled", _("账户 {} 已停用，请联系管理员",
                                                      "The account {} is disabled; ask "
                                                      "the administrator").format(username))
        elif user.locked_until is not None and user.locked_until > at:
            error = _fail(username, "locked", _locked_message(user.locked_until))
        elif not passwords.verify_password(password, user.password_hash):
            failures = (0 if user.locked_until is not None else user.failed_attempts) + 1
            user.locked_until = None
            if failures >= MAX_FAILURES:
                user.failed_attempts = 0
                user.locked_until = at + dt.timedelta(minutes=LOCK_MINUTES)
                message = _("密码连续输错 {} 次。", "{} wrong passwords in a row. ").format(
                    MAX_FAILURES) + _locked_message(user.locked_until)
            else:
                user.failed_attempts = failures
                message = wrong + _("（再错 {} 次将锁定 {} 分钟）",
                                    " ({} more and the account locks for {} minutes)").format(
                    MAX_FAILURES - failures, LOCK_MINUTES)
            user.save()
            error = _fail(username, "wrong_password", message)
        else:
            user.failed_attempts = 0
            user.locked_until = None
            user.save()
    if error is not None:
        raise error
    assert user is not None
    return user


def _locked_message(until: dt.datetime) -> str:
    return _("账户已锁定，请在 {} 后再试", "The account is locked until {}").format(
        until.strftime("%H:%M"))


def authenticate(username: str, password: str) -> Actor:
    """Sign in: the Actor on success; AuthError saying why not (audited either way)."""
    user = _check(username, password)
    actor = actor_of(user)
    with database.atomic():
        journal.audit(actor, "sign_in", "user", actor.username)
    return actor


def change_password(username: str, old: str, new: str) -> None:
    """A user changes their own password; the old one must be right (failures count)."""
    user = _check(username, old)
    passwords.check_strength(new, user.username)
    if new == old:
        raise ValidationError(_("新密码不能与旧密码相同", "The new password must differ from the "
                                "old one"), "password")
    with database.atomic():
        user.password_hash = passwords.hash_password(new)
        user.save()
        journal.audit(actor_of(user), "password_change", "user", user.username)


def reset_password(username: str, new: str, actor: Actor) -> None:
    """An administrator sets a new password; this also lifts a lock."""
    _require_admin(actor)
    user = _find(username)
    passwords.check_strength(new, user.username)
    with database.atomic():
        user.password_hash = passwords.hash_password(new)
        user.failed_attempts = 0
        user.locked_until = None
        user.save()
        journal.audit(actor, "password_reset", "user", user.username)


def _active_admins() -> int:
    return int(User.select().where((User.role == "admin") & (User.active == True))  # noqa: E712
               .count())


def disable_user(username: str, actor: Actor) -> None:
    """Stop an account from signing in; its history stays. The last admin stays active."""
    _require_admin(actor)
    user = _find(username)
    if not user.active:
        return
    if user.role == "admin" and _active_admins() <= 1:
        raise ValidationError(_("不能停用最后一个管理员账户",
                                "The last administrator account cannot be disabled"), "username")
    with database.atomic():
        user.active = False
        user.save()
        journal.audit(actor, "user_disable", "user", user.username)


def enable_user(username: str, actor: Actor) -> None:
    _require_admin(actor)
    user = _find(username)
    if user.active:
        return
    with database.atomic():
        user.active = True
        user.failed_attempts = 0
        user.locked_until = None
        user.save()
        journal.audit(actor, "user_enable", "user", user.username)


def idle_lock_minutes() -> int:
    """Minutes without keyboard or mouse after which the window asks for the password."""
    return settings.IDLE_LOCK_MINUTES.get()


def set_idle_lock_minutes(minutes: int, actor: Actor) -> None:
    _require_admin(actor)
    low, high = settings.IDLE_LOCK_RANGE
    if not low <= int(minutes) <= high:
        raise ValidationError(_("自动锁定时间应在 {}-{} 分钟之间",
                                "The idle lock must be between {} and {} minutes").format(
            low, high), "minutes")
    with database.atomic():
        settings.IDLE_LOCK_MINUTES.set(int(minutes))
        journal.audit(actor, "setting", "setting", settings.IDLE_LOCK_MINUTES.key,
                      {"value": int(minutes)})
