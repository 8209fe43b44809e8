"""``swdesk attach add FILE… --to KIND NUMBER [--caption TEXT] | list --to KIND NUMBER |
get HASH --out FILE``: photos and scans attached from the command line (issue 24).

KIND is client, case, log, record, group-session, activity, evaluation or complaint;
NUMBER as it is printed (``services/attachment_owners.py``). ``get`` writes the stored,
cleaned file (audited as an export).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from swdesk.db import open_station
from swdesk.handle import StationHandle
from swdesk.i18n import _
from swdesk.services import attachment_owners, attachments
from swdesk.services.actor import SYSTEM


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    group = subparsers.add_parser("attach", parents=[common], help=_(
        "附件（照片、扫描件）：添加、列出、取出", "attachments (photos, scans): add, list, get"))
    sub = group.add_subparsers(dest="attach_command", metavar="ACTION", required=True,
                               parser_class=type(group))
    p = sub.add_parser("add", parents=[common], help=_("添加照片或 PDF", "attach photos or PDFs"))
    p.add_argument("files", nargs="+", metavar="FILE", type=Path)
    _to(p)
    p.add_argument("--caption", metavar="TEXT", help=_("说明", "caption"))
    p.set_defaults(handler=cmd_add)
    p = sub.add_parser("list", parents=[common], help=_("列出附件", "list attachments"))
    _to(p)
    p.set_defaults(handler=cmd_list)
    p = sub.add_parser("get", parents=[common], help=_(
        "取出存储的（已清理的）文件", "write out the stored (cleaned) file"))
    p.add_argument("sha256", metavar="HASH", help=_("文件摘要（attach list 列出的）",
                                                    "the file's hash (as attach list shows)"))
    p.add_argument("--out", required=True, metavar="FILE", type=Path,
                   help=_("写到哪个文件", "the file to write"))
    p.set_defaults(handler=cmd_get)


def _to(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", nargs=2, required=True, metavar=("KIND", "NUMBER"), help=_(
        "附到哪里：类型（{}）和编号", "what to attach to: kind ({}) and number").format(
        attachment_owners.kinds_text()))


def _progress(done: int, total: int) -> None:
    if sys.stderr is not None and sys.stderr.isatty():
        end = "\n" if done == total else ""
        print("\r" + _("已处理 {}/{}", "processed {}/{}").format(done, total), end=end,
              file=sys.stderr, flush=True)


def cmd_add(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir) as sdb:
        station = StationHandle.of(sdb, SYSTEM)
        owner = attachment_owners.find_owner(*args.to)
        rows = attachments.attach(station, owner, args.files, caption=args.caption,
                                  progress=_progress)
        print(_("已添加 {} 个文件到{}", "Attached {} file(s) to {}").format(
            len(rows), attachment_owners.owner_label(owner)))
        for row in rows:
            print(f"{row.sha256}\t{row.file_name}")
    return 0


def cmd_list(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir, write=False) as sdb:
        station = StationHandle.of(sdb, SYSTEM)
        owner = attachment_owners.find_owner(*args.to)
        views = attachments.for_owner(station, owner)
        if not views:
            print(_("{}没有附件", "{} has no attachments").format(
                attachment_owners.owner_label(owner)))
        for v in views:
            when = v.taken_at.strftime("%Y-%m-%d %H:%M") if v.taken_at else "—"
            size = (_("{} 页", "{} page(s)").format(v.pages) if v.pages
                    else f"{v.width}×{v.height}")
            shown = _("（已遮蔽）", "(masked)") if v.masked else v.file_name
            print(f"{v.sha256}\t{v.media_type}\t{size}\t{when}\t{shown}\t{v.caption}")
    return 0


def cmd_get(args: argparse.Namespace, data_dir: Path) -> int:
    with open_station(data_dir) as sdb:
        station = StationHandle.of(sdb, SYSTEM)
        row = attachments.export_file(station, args.sha256, args.out)
        print(_("已写出：{}（{}）", "Written: {} ({})").format(args.out, row.file_name))
    return 0
