"""argparse's own words ("usage:", "options:", its error messages) in the user's language.

argparse looks each of its texts up through ``gettext`` by the English text (its
module-level ``_`` and ``ngettext``), when a parser is built (group titles, the -h
help), when help is formatted ("usage: ") and when it reports an error.
:func:`speaking` puts a lookup in the user's language in their place for the
duration of one command line's parsing, and gives argparse's own back afterwards:
other argparse users in the same process (pytest) keep theirs.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from swdesk import i18n

# argparse's message ids (Python 3.11 to 3.13) and their Chinese. The ids are argparse's
# exact texts, placeholders included; an id not listed stays in English.
ZH: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "无效的选项：%(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, choose from %(choices)s":
        "无效的选项：%(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "ambiguous option: %(option)s could match %(matches)s":
        "有歧义的选项：%(option)s 可能是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "需要参数 %s 之一",
    "ignored explicit argument %r": "多余的值 %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "未知的命令 %(parser_name)r（可选：%(choices)s）",
    "unexpected option string: %s": "意外的选项：%s",
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(heading)s:": "%(heading)s：",  # (a group's title, translatable from Python 3.13)
}
# Texts argparse chooses by a count (ngettext): (singular, plural) -> Chinese.
ZH_COUNTED: dict[tuple[str, str], str] = {
    ("expected %s argument", "expected %s arguments"): "需要 %s 个值",
    ("conflicting option string: %s", "conflicting option strings: %s"): "选项冲突：%s",
}


def gettext(message: str) -> str:
    """argparse's text ``message`` in the current language."""
    if i18n.language() == "zh":
        return ZH.get(message, message)
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    if i18n.language() == "zh" and (singular, plural) in ZH_COUNTED:
        return ZH_COUNTED[singular, plural]
    return singular if n == 1 else plural


@contextmanager
def speaking() -> Iterator[None]:
    """argparse speaks the user's language inside the block (building a parser, parsing,
    printing help)."""
    module = vars(argparse)
    saved = module["_"], module["ngettext"]
    module["_"], module["ngettext"] = gettext, ngettext
    try:
        yield
    finally:
        module["_"], module["ngettext"] = saved
