"""Pinyin of Chinese personal names, for searching clients by typing ``zxm`` for 张晓明.

Two functions:

* :func:`initials` -- one lowercase letter per Chinese character (``张晓明`` -> ``zxm``);
* :func:`full_pinyin` -- toneless pinyin without separators (``张晓明`` -> ``zhangxiaoming``).

Both return lowercase ASCII letters only.  Latin letters in a name are kept, lowercased
(``王 Mary`` -> ``wmary``); fullwidth letters and accented letters are folded to ASCII
(``Ｊｏｓé`` -> ``jose``).  Digits, spaces, punctuation and the middle dot used in
minority names (``阿依古丽·买买提``) are dropped.  ü is written ``v`` (``吕`` -> ``lv``),
as pinyin input methods do.

The surname -- the first character of the name, or the first two when they form a
compound surname -- is read with :data:`SURNAMES` / :data:`COMPOUND_SURNAMES`, because a
character's everyday reading is often not its reading as a surname (曾 is ``ceng`` in
pypinyin, but the surname is Zēng).  The rest of the name uses pypinyin's default
single-character reading.

pypinyin is imported lazily, on first use, with ``PYPINYIN_NO_PHRASES`` set so that it
does not load its phrase dictionary, much the slower part of its import (bench/README.md).
Phrases are irrelevant here: names are read one character at a time, and the single
character readings are the same either way.  Results are cached per character, so the
cost after warm-up is a dict lookup per character.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable

__all__ = ["COMPOUND_SURNAMES", "SURNAMES", "full_pinyin", "initials", "sort_key"]

#: Readings of single-character surnames whose surname reading differs from (or, for the
#: last few, must not depend on) pypinyin's default reading of the character.
#: Where a character is a surname under two readings, the more common one is used:
#: 乐 Yuè (also Lè), 覃 Qín (also Tán), 翟 Zhái (also Dí), 盖 Gě (also Gài).
SURNAMES: dict[str, str] = {
    "曾": "zeng",  # pypinyin: ceng
    "单": "shan",  # dan
    "仇": "qiu",  # chou
    "解": "xie",  # jie
    "查": "zha",  # cha
    "区": "ou",  # qu
    "朴": "piao",  # pu
    "盖": "ge",  # gai
    "缪": "miao",  # mou
    "翟": "zhai",  # di
    "乐": "yue",  # le
    "覃": "qin",  # tan
    "召": "shao",  # zhao
    "秘": "bi",  # mi
    "句": "gou",  # ju
    "种": "chong",  # zhong
    "员": "yun",  # yuan
    "繁": "po",  # fan
    "折": "she",  # zhe
    "卜": "bu",  # bo
    "薄": "bo",  # bao
    "都": "du",  # dou
    "阚": "kan",  # han
    "蔚": "yu",  # wei
    "乜": "nie",  # mie
    "祭": "zhai",  # ji
    "洗": "xian",  # xi
    "郇": "xun",  # huan
    "佴": "nai",  # er
    "炅": "gui",  # jiong
    "粘": "nian",  # zhan
    # pypinyin already reads these correctly; pinned so an upgrade cannot change them.
    "纪": "ji",
    "谌": "chen",
    "华": "hua",
    "任": "ren",
    "晟": "cheng",
}

#: Compound surnames whose reading differs from reading each character on its own.
#: The other common compound surnames (欧阳 司马 上官 诸葛 东方 皇甫 公孙 慕容 宇文 司徒
#: 令狐 夏侯 呼延 端木 轩辕 南宫 钟离 独孤 百里 东郭 西门 闻人 申屠 太史 公冶 赫连 拓跋)
#: come out right character by character and need no entry (tests pin them).
#: Note that 单于 wins over 单 + a given name starting with 于.
COMPOUND_SURNAMES: dict[str, tuple[str, str]] = {
    "尉迟": ("yu", "chi"),  # pypinyin per character: wei chi
    "万俟": ("mo", "qi"),  # wan qi
    "单于": ("chan", "yu"),  # dan yu
    "澹台": ("tan", "tai"),  # dan tai
    "长孙": ("zhang", "sun"),  # right already; pinned (长 is also chang)
}

# (initials, full pinyin) of a surname override, precomputed.
_SURNAME_PAIRS: dict[str, tuple[str, str]] = {
    **{ch: (py[0], py) for ch, py in SURNAMES.items()},
    **{
        name: ("".join(p[0] for p in parts), "".join(parts))
        for name, parts in COMPOUND_SURNAMES.items()
    },
}

_EMPTY: tuple[str, str] = ("", "")

# character -> (initial, full pinyin); "" for characters that are dropped.
_cache: dict[str, tuple[str, str]] = {}

_reader: Callable[[str], list[str]] | None = None


def _load_reader() -> Callable[[str], list[str]]:
    """Import pypinyin (once) and return a function giving a character's default reading."""
    global _reader
    if _reader is None:
        # Must be set before pypinyin is first imported; setdefault respects an explicit
        # choice made by whoever runs us.
        os.environ.setdefault("PYPINYIN_NO_PHRASES", "true")
        from pypinyin import Style, lazy_pinyin  # (on first use: see the module's docstring)

        def read(ch: str) -> list[str]:
            return lazy_pinyin(ch, style=Style.NORMAL, errors="ignore")

        _reader = read
    return _reader


def _char(ch: str) -> tuple[str, str]:
    """(initial, full pinyin) of one character of a given name; cached."""
    result = _cache.get(ch)
    if result is not None:
        return result
    if ch.isascii():
        result = (ch.lower(), ch.lower()) if ch.isalpha() else _EMPTY
    else:
        readings = _load_reader()(ch)
        py = readings[0] if readings else ""
        if py.isascii() and py.isalpha():
            py = py.lower()
            result = (py[0], py)
        else:
            # Not a character pypinyin knows: fold compatibility forms (fullwidth Ａ,
            # CJK compatibility ideographs) and accents (é -> e + combining mark).
            folded = unicodedata.normalize("NFKD", ch)
            if folded != ch:
                parts = [_char(c) for c in folded]
                result = ("".join(p[0] for p in parts), "".join(p[1] for p in parts))
            else:
                result = _EMPTY
    _cache[ch] = result
    return result


def _convert(name: str, which: int) -> str:
    name = name.lstrip()
    if not name:
        return ""
    head = _SURNAME_PAIRS.get(name[:2])
    if head is not None:
        rest = name[2:]
    else:
        head = _SURNAME_PAIRS.get(name[0])
        rest = name[1:] if head is not None else name
    cache = _cache
    parts = [(cache.get(ch) or _char(ch))[which] for ch in rest]
    if head is not None:
        return head[which] + "".join(parts)
    return "".join(parts)


def initials(name: str) -> str:
    """Pinyin initials of a personal name: ``张晓明`` -> ``zxm``, ``曾小贤`` -> ``zxx``.

    One lowercase letter per Chinese character; Latin letters kept (lowercased); anything
    else dropped.  The surname uses its surname reading (see :data:`SURNAMES`).
    """
    return _convert(name, 0)


def full_pinyin(name: str) -> str:
    """Toneless pinyin of a personal name, no separators: ``曾志伟`` -> ``zengzhiwei``.

    Same rules as :func:`initials`, but with each character's whole syllable.
    """
    return _convert(name, 1)


def sort_key(name: str) -> str:
    """The key that orders names as a Chinese reader expects: by pinyin, syllable by syllable.

    ``李四`` -> ``"li si\t李四"``: each character's syllable (the surname's surname reading),
    separated by spaces, so that 西安 (``xi an``) comes before 先 (``xian``) and 李 before
    李四; a run of Latin letters stays one word. The name itself follows a tab, which sorts
    below every letter and the space: names read alike are ordered by their characters,
    and the key alone decides the order, so an index on it gives the list in order.
    """
    name = name.strip()
    words: list[str] = []
    rest = name
    if name[:2] in COMPOUND_SURNAMES:
        words.extend(COMPOUND_SURNAMES[name[:2]])
        rest = name[2:]
    elif name[:1] in SURNAMES:
        words.append(SURNAMES[name[0]])
        rest = name[1:]
    latin = False  # the previous character was a Latin letter: continue its word
    for ch in rest:
        syllable = (_cache.get(ch) or _char(ch))[1]
        if not syllable:
            latin = False
            continue
        is_latin = ch.isascii() or unicodedata.normalize("NFKD", ch)[:1].isascii()
        if is_latin and latin and words:
            words[-1] += syllable
        else:
            words.append(syllable)
        latin = is_latin
    return " ".join(words) + "\t" + name
