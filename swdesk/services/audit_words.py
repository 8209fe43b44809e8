"""The audit log in words a station head reads: people by their names, records by the
numbers people know (a case number, a certificate number, a client's or worker's name),
actions and their details in the current language ("role=head" -> "角色：站长").

The log itself keeps user names, uids and JSON (the hash chain is over them); only what
the 审计 page shows is put into words, a page of entries at a time: one query per kind
of record on the page, not one per entry.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from swdesk import reference
from swdesk.i18n import _
from swdesk.model import ENTITIES, AuditEntry, User, describe
from swdesk.numbers import grouped
from swdesk.services import display

_ACTIONS: dict[str, tuple[str, str]] = {
    "create": ("新建", "create"), "update": ("修改", "update"), "delete": ("删除", "delete"),
    "export": ("导出", "export"), "print": ("打印", "print"), "import": ("导入", "import"),
    "unmask": ("查看完整信息", "unmask"), "view": ("查看敏感照片", "sensitive photo viewed"),
    "sign_in": ("登录", "sign in"),
    "sign_in_failed": ("登录失败", "failed sign-in"),
    "password_change": ("修改密码", "password change"),
    "password_reset": ("重置密码", "password reset"),
    "user_create": ("新增用户", "new user"), "user_disable": ("停用用户", "user disabled"),
    "user_enable": ("启用用户", "user enabled"), "setting": ("更改设置", "setting"),
    "settings": ("更改设置", "setting"), "sync": ("同步确认", "sync confirmed"),
    "sync-resolve": ("处理同步冲突", "conflict settled"), "demo": ("生成演示数据", "demo data"),
    "sync-enrol": ("登记到市级平台", "enrolled with the city"),
    "sync-city-key": ("更换市级平台密钥", "city hub key replaced"),
    "sync-export": ("写出同步包", "sync package written"),
    "sync-import": ("导入回执包", "return package imported"),
    "backup": ("备份", "backup"), "restore": ("从备份恢复", "restore"),
}

# The program's own actors, which have no account.
_PROGRAM: dict[str, tuple[str, str]] = {
    "system": ("系统", "the program"), "sync": ("市级同步", "city sync"),
}

_SETTINGS: dict[str, tuple[str, str]] = {
    "idle_lock_minutes": ("自动锁屏时间", "idle lock time"),
    "ui_language": ("界面语言", "language"),
    "upgrade_notice_seen": ("升级说明已读", "upgrade notice seen"),
    "backup_dir": ("备份文件夹", "backup folder"),
    "sync_folder": ("同步文件夹", "sync folder"),
}

# Detail keys as a person reads them. Keys not here are shown as they are.
_KEYS: dict[str, tuple[str, str]] = {
    "role": ("角色", "role"), "fields": ("字段", "fields"), "field": ("字段", "field"),
    "value": ("新值", "value"), "cleared": ("已清除", "cleared"), "reason": ("原因", "reason"),
    "count": ("条数", "count"), "rows": ("记录数", "records"),
    "masked_values": ("遮蔽的值", "masked values"), "unmasked": ("显示完整信息", "unmasked"),
    "from": ("起", "from"), "to": ("止", "to"), "report": ("报表", "report"),
    "number": ("包号", "package"), "acks": ("确认", "confirmed"),
    "corrected": ("更正", "corrected"), "conflicts": ("冲突", "conflicts"),
    "reference": ("参考数据", "reference items"), "seq_from": ("变更自", "changes from"),
    "seq_to": ("变更至", "changes to"), "file": ("文件", "file"),
    "saved": ("原数据另存为", "saved as"), "sync_epoch": ("同步编号重新起算", "sync epoch"),
    "confirmed": ("市级已确认", "confirmed"), "restored": ("已恢复", "restored"),
    "city": ("市级平台编码", "city code"), "city_name": ("市级平台", "city"),
    "again": ("重新登记", "again"), "fingerprint": ("密钥指纹", "fingerprint"),
    "old_fingerprint": ("原密钥指纹", "old fingerprint"),
    "from_version": ("原版本", "from version"), "to_version": ("新版本", "to version"),
    "clients": ("服务对象", "clients"), "records": ("服务记录", "service records"),
    "seed": ("随机种子", "seed"), "added": ("新增", "added"), "updated": ("更新", "updated"),
    "hours": ("志愿时长", "volunteer hours"), "participants": ("参与者", "participants"),
    "skipped": ("跳过", "skipped"), "duplicates": ("重复", "duplicates"),
    "errors": ("有错误", "errors"), "sheet": ("工作表", "sheet"),
}

_REASONS: dict[str, tuple[str, str]] = {
    "wrong_password": ("密码错误", "wrong password"),
    "unknown_user": ("没有这个用户", "no such user"),
    "locked": ("账户已锁定", "account locked"), "disabled": ("账户已停用", "account disabled"),
}

_REPORTS: dict[str, tuple[str, str]] = {
    "record": ("服务记录表", "service record sheet"), "case": ("个案档案", "case file"),
    "case_files": ("个案档案（批量）", "case files"),
}


def action_label(code: str) -> str:
    """What an action code means to a person (the code itself if unknown)."""
    pair = _ACTIONS.get(code)
    return _(*pair) if pair else code


def entity_label(name: str) -> str:
    """The entity's label from its description; other names (user, setting) as they are."""
    model = ENTITIES.get(name)
    if model is not None:
        return describe(model).label
    return {"user": _("用户", "user"), "setting": _("设置", "setting")}.get(name, name)


def people(usernames: Iterable[str]) -> dict[str, str]:
    """User name -> the name people know (the account's display name; the program's own
    actors in words; a name typed at a failed sign-in as it was typed)."""
    wanted = set(usernames)
    names = {u: _(*_PROGRAM[u]) for u in wanted if u in _PROGRAM}
    accounts = [u for u in wanted if u not in names]
    for chunk in range(0, len(accounts), 500):
        for user in (User.select(User.username, User.display_name)
                     .where(User.username.in_(accounts[chunk:chunk + 500]))):
            names[str(user.username)] = str(user.display_name or user.username)
    return {u: names.get(u, u) for u in wanted}


def _case_no(row: Any) -> str:
    case = getattr(row, "case", None)
    return str(case.case_no) if case is not None and case.case_no else ""


def _record_date_title(row: Any) -> str:
    return f"{row.date:%Y-%m-%d} {display.row_title(row)}" if row.date else \
        display.row_title(row)


# How a row of each kind is named where its own title says little.
_NAMED: dict[str, Callable[[Any], str]] = {
    "case": lambda row: str(row.case_no or display.row_title(row)),
    "case_log": lambda row: _("个案 {} 的记录", "log of case {}").format(_case_no(row)),
    "referral": lambda row: _("个案 {} 的转介", "referral of case {}").format(_case_no(row)),
    "case_goal": lambda row: _("个案 {} 的服务目标", "goal of case {}").format(_case_no(row)),
    "service_record": _record_date_title,
    "volunteer_certificate": lambda row: str(row.cert_no),
    "station": lambda row: f"{row.code} {row.name}",
    "project": lambda row: " ".join(p for p in (row.code, row.name) if p),
}


def _row_name(entity: str, row: Any) -> str:
    named = _NAMED.get(entity)
    if named is not None:
        return named(row)
    client = getattr(row, "client", None) if hasattr(row, "client_id") else None
    own = display.row_title(row)
    if client is not None and own.startswith("#"):  # a need, a complaint: whose it is
        return _("{}的{}", "{1} of {0}").format(client.name, describe(type(row)).label)
    return own


def records(pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], str]:
    """(entity, row uid or key) -> the name or number people know it by; a row not found
    keeps the first 8 characters of its uid."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for entity, key in pairs:
        if key:
            wanted[entity].add(key)
    out: dict[tuple[str, str], str] = {}
    for entity, keys in wanted.items():
        model = ENTITIES.get(entity)
        if entity == "user":
            out.update({("user", u): n for u, n in people(keys).items()})
        elif entity == "setting":
            out.update({("setting", k): _(*_SETTINGS[k]) if k in _SETTINGS else k
                        for k in keys})
        elif model is not None:
            found: dict[str, str] = {}
            listed = sorted(keys)
            for chunk in range(0, len(listed), 500):
                # (deleted rows too: an entry about a deletion names what was deleted)
                for row in model.select().where(model.uid.in_(listed[chunk:chunk + 500])):
                    found[str(row.uid)] = _row_name(entity, row)
            out.update({(entity, k): found.get(k) or k[:8] for k in keys})
        else:
            out.update({(entity, k): k for k in keys})  # a file name, a station code
    return out


def detail_text(entry: AuditEntry) -> str:
    """The JSON detail as a person reads it: keys and codes in words, field names by
    their labels in the entity description."""
    try:
        detail: Any = json.loads(entry.detail or "{}")
    except ValueError:
        return str(entry.detail)
    if not isinstance(detail, dict):
        return str(detail)
    return _("；", "; ").join(f"{_key(k, v)}{_('：', ': ')}{_value(entry.entity, k, v)}"
                             for k, v in detail.items())


def _key(key: str, value: Any) -> str:
    if isinstance(value, dict):  # the demo's rows per table
        return _("各类记录", "rows by kind")
    pair = _KEYS.get(key)
    return _(*pair) if pair else key


def _value(entity: str, key: str, value: Any) -> str:
    if key in ("fields", "field"):
        names = value if isinstance(value, list) else [value]
        labels = (_field_label(entity, str(k)) for k in names)
        return _("、", ", ").join(label for label in labels if label)
    if isinstance(value, bool):
        return _("是", "yes") if value else _("否", "no")
    if key == "role":
        return reference.label("role", str(value))
    if key == "reason" and str(value) in _REASONS:
        return _(*_REASONS[str(value)])
    if key == "report" and str(value) in _REPORTS:
        return _(*_REPORTS[str(value)])
    if key == "value" and entity == "setting" and str(value) in ("zh", "en"):
        return {"zh": "中文", "en": "English"}[str(value)]
    if isinstance(value, dict):  # the demo's rows per table
        return " ".join(f"{entity_label(str(k))} {_number(v)}" for k, v in value.items())
    if isinstance(value, list):
        return _("、", ", ").join(str(v) for v in value)
    return _number(value)


def _number(value: Any) -> str:
    return grouped(value) if isinstance(value, int | float) else str(value)


def _field_label(entity: str, key: str) -> str:
    """The field's label; "" for a column the program keeps for itself (``name_sort``, the
    pinyin sort key, is not described: a person never typed it)."""
    model = ENTITIES.get(entity)
    if model is None:
        return key
    try:
        return describe(model).field(key).label
    except KeyError:
        return "" if key in model._meta.fields else key
