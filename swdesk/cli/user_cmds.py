"""``swdesk user add | passwd | list | disable | enable``.

The command line acts as the station's system account (an administrator): whoever
can run it on this PC can already read the database file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from swdesk import reference
from swdesk.db import open_station
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.services import accounts
from swdesk.services.actor import SYSTEM


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    user = subparsers.add_parser("user", parents=[common],
                                 help=_("账户管理：添加、改密码、列出、停用",
                                        "accounts: add, change password, list, disable"))
    sub = user.add_subparsers(dest="user_command", metavar="ACTION", required=True,
                              parser_class=type(user))
    pw_help = _("密码（不给时在终端中提示输入，不回显）",
                "password (prompted for, without echo, when not given)")
    p = sub.add_parser("add", parents=[common], help=_("添加账户", "add an account"))
    p.add_argument("username")
    p.add_argument("--name", required=True, help=_("姓名", "display name"))
    p.add_argument("--role", required=True,
                   help=_("角色：worker（社工）、head（站长）、admin（管理员）",
                          "role: worker, head or admin"))
    p.add_argument("--worker-id", type=int, default=None,
                   help=_("对应的社工编号（社工账户据此看到自己个案的对象）",
                          "the social worker this account belongs to"))
    p.add_argument("--password", help=pw_help)
    p.set_defaults(handler=cmd_add)
    p = sub.add_parser("passwd", parents=[common],
                       help=_("重设账户密码（同时解除锁定）", "reset a password (also unlocks)"))
    p.add_argument("username")
    p.add_argument("--password", help=pw_help)
    p.set_defaults(handler=cmd_passwd)
    p = sub.add_parser("list", parents=[common], help=_("列出账户", "list the accounts"))
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("disable", parents=[common], help=_("停用账户", "disable an account"))
    p.add_argument("username")
    p.set_defaults(handler=cmd_disable)
    p = sub.add_parser("enable", parents=[common], help=_("重新启用账户", "enable an account"))
    p.add_argument("username")
    p.set_defaults(handler=cmd_enable)


def _password(args: argparse.Namespace) -> str:
    if args.password is not None:
        return str(args.password)
    if not sys.stdin.isatty():
        raise SwdeskError(_("请用 --password 提供密码（非交互模式下无法提示输入）",
                            "Give the password with --password (cannot prompt without a "
                            "terminal)"))
    first = getpass.getpass(_("新密码：", "New password: "))
    if getpass.getpass(_("再输入一次：", "Repeat it: ")) != first:
        raise SwdeskError(_("两次输入的密码不一致", "The two passwords differ"))
    return first


def cmd_add(args: argparse.Namespace, data_dir: Path) -> int:
    password = _password(args)
    with open_station(data_dir):
        user = accounts.create_user(args.username, args.name, password, args.role, SYSTEM,
                                    worker_id=args.worker_id)
        role = reference.label("role", user.role)
    print(_("已添加账户 {}（{}，{}）", "Added the account {} ({}, {})").format(
        user.username, user.display_name, role))
    return 0


def cmd_passwd(args: argparse.Namespace, data_dir: Path) -> int:
    password = _password(args)
    with open_station(data_dir):
        accounts.reset_password(args.username, password, SYSTEM)
    print(_("已重设 {} 的密码", "The password of {} was reset").format(args.username))
    return 0


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False):
        users = accounts.list_users()
        if not users:
            print(_("还没有账户；用 swdesk user add 添加第一个管理员",
                    "No accounts yet; add the first administrator with swdesk user add"))
        for u in users:
            state = _("正常", "active") if u.active else _("已停用", "disabled")
            if u.active and u.locked_until is not None and u.locked_until > accounts.clock():
                state = _("锁定至 {}", "locked until {}").format(u.locked_until.strftime("%H:%M"))
            print(f"{u.username}\t{u.display_name}\t{reference.label('role', u.role)}\t{state}")
    return 0


def cmd_disable(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        accounts.disable_user(args.username, SYSTEM)
    print(_("已停用账户 {}", "Disabled the account {}").format(args.username))
    return 0


def cmd_enable(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir):
        accounts.enable_user(args.username, SYSTEM)
    print(_("已启用账户 {}", "Enabled the account {}").format(args.username))
    return 0
