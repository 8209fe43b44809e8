"""``swdesk``: one entry point, grouped subcommands, one-line errors, never a traceback.

Each command group lives in its own module and adds its subparsers through
``register(subparsers, common)``; a handler receives the parsed arguments and
returns the exit code.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from swdesk import __version__, i18n, paths
from swdesk.cli import (
    argparse_words,
    city_cmds,
    contract_cmds,
    db_cmds,
    excel_cmds,
    matching_cmds,
    project_cmds,
    questionnaire_cmds,
    report_cmds,
    station_cmds,
    streams,
    sync_cmds,
    task_cmds,
    user_cmds,
)
from swdesk.cli.usage import UsageError
from swdesk.db import faults
from swdesk.errors import SwdeskError
from swdesk.i18n import _
from swdesk.logs import setup_logging

log = logging.getLogger("swdesk.cli")

GROUPS = (station_cmds, db_cmds, user_cmds, excel_cmds, report_cmds, project_cmds,
          questionnaire_cmds, sync_cmds, contract_cmds, task_cmds, matching_cmds,
          city_cmds)
WindowOpener = Callable[[Path], int]


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line in the user's language."""

    def format_help(self) -> str:
        text = super().format_help()
        if i18n.language() == "zh":  # argparse ends each group's title with its own ":"
            for group in self._action_groups:
                if group.title:
                    text = text.replace(f"\n{group.title}:\n", f"\n{group.title}：\n")
        return text

    def error(self, message: str) -> NoReturn:
        # (argparse worded ``message`` in the user's language: argparse_words.speaking)
        raise UsageError(_("{}（用 {} --help 查看用法）", "{} (see {} --help)").format(
            message, self.prog))


def _common() -> argparse.ArgumentParser:
    # SUPPRESS keeps a value given before the subcommand when it is not repeated after it.
    common = Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help=_("数据目录（默认：系统用户数据目录，或环境变量 SWDESK_DATA_DIR）",
                               "data folder (default: the user data dir, or $SWDESK_DATA_DIR)"))
    return common


def build_parser() -> Parser:
    """The whole command line; build it inside ``argparse_words.speaking()`` for argparse's
    own words in the user's language."""
    common = _common()
    parser = Parser(
        prog="swdesk", parents=[common],
        description=_("社工站桌面：不带参数运行时打开桌面窗口。",
                      "Social-work station desktop. With no command it opens the window."))
    parser.add_argument("--version", action="version", version=f"swdesk {__version__}",
                        help=_("显示版本号并退出", "show the version number and exit"))
    parser.add_argument("--lang", choices=i18n.LANGUAGES,
                        help=_("界面与消息语言（默认中文）", "language of messages (default zh)"))
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for group in GROUPS:
        group.register(subparsers, common)
    return parser


def main(argv: Sequence[str] | None = None, open_window: WindowOpener | None = None) -> int:
    """Run one command; returns the exit code (0 ok, 1 failed, 2 bad usage, 141 the
    reader of the output went away, as in ``swdesk … | head -1``)."""
    streams.make_safe()
    try:
        code = _run(argv, open_window)
        sys.stdout.flush()  # (a small output meets the closed pipe only here)
    except BrokenPipeError:
        return streams.output_closed()
    return code


def _run(argv: Sequence[str] | None, open_window: WindowOpener | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    _early_language(argv)
    with argparse_words.speaking():
        parser = build_parser()
        try:
            args = parser.parse_args(argv)
        except UsageError as exc:
            print(_("swdesk：{}", "swdesk: {}").format(exc), file=sys.stderr)
            return 2
        if args.command is None and open_window is None:
            parser.print_help()
            return 0
    data_dir = paths.data_dir(getattr(args, "data_dir", None))
    if args.command is None and open_window is not None:
        return open_window(data_dir)
    # Only log into a data dir that exists (or that init is about to make): a
    # mistyped --data-dir must not grow a logs/ folder.
    log_file = setup_logging(data_dir) if data_dir.is_dir() or args.command == "init" else None
    try:
        return int(args.handler(args, data_dir))
    except BrokenPipeError:
        log.info("%s: the reader of the output went away", args.command)
        raise
    except UsageError as exc:  # options that only go wrong together (init without a station)
        print(_("swdesk：{}", "swdesk: {}").format(exc), file=sys.stderr)
        return 2
    except SwdeskError as exc:
        log.info("%s failed: %s", args.command, type(exc).__name__)
        print(_("swdesk：错误：{}", "swdesk: error: {}").format(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(_("swdesk：已取消", "swdesk: cancelled"), file=sys.stderr)
        return 130
    except Exception as exc:
        translated = faults.translate(exc)  # a full disk, a locked or damaged file …
        if translated is not None:
            log.warning("%s failed: %s", args.command, type(translated).__name__)
            print(_("swdesk：错误：{}", "swdesk: error: {}").format(translated), file=sys.stderr)
            return 1
        log.exception("unexpected error in %s", args.command)
        where = str(log_file) if log_file else _("（日志不可写）", "(log not writable)")
        # The handler may have committed before it failed (while reporting, say): a
        # change is kept whole or not at all, so say that, not "nothing was saved".
        print(_("swdesk：发生意外错误。修改要么完整保存、要么完全没有保存，请核对结果。"
                "详情已记入日志：{}",
                "swdesk: unexpected error. A change is saved whole or not at all; check the "
                "result. Details are in the log: {}").format(where), file=sys.stderr)
        return 1


def _early_language(argv: list[str]) -> None:
    """Honour ``--lang`` before parsing, so usage errors come in that language too."""
    for i, arg in enumerate(argv):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None)
        if value in i18n.LANGUAGES:
            i18n.set_language(value)
