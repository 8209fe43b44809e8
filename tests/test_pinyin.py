"""Tests for swdesk.pinyin: initials / full pinyin of personal names."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from swdesk.pinyin import COMPOUND_SURNAMES, SURNAMES, full_pinyin, initials, sort_key

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("张晓明", "zxm"),
        ("曾小贤", "zxx"),
        ("单田芳", "stf"),
        ("仇英", "qy"),
        ("解缙", "xj"),
        ("查良镛", "zly"),
        ("区志强", "ozq"),
        ("朴树", "ps"),
        ("翟志刚", "zzg"),
        ("卜一", "by"),
        ("阚清子", "kqz"),
        ("欧阳修", "oyx"),
        ("尉迟恭", "ycg"),
        ("万俟卨", "mqx"),
        ("长孙无忌", "zswj"),
        ("澹台灭明", "ttmm"),
        ("诸葛亮", "zgl"),
        ("曾", "z"),
        ("吕", "l"),
    ],
)
def test_initials(name: str, expected: str) -> None:
    assert initials(name) == expected


def test_override_only_applies_to_surname() -> None:
    # 曾 as a given-name character keeps its default reading (曾经 céng).
    assert initials("李曾") == "lc"
    assert full_pinyin("李曾") == "liceng"
    assert initials("王单") == "wd"


def test_latin_letters_kept_lowercased() -> None:
    assert initials("王 Mary") == "wmary"
    assert full_pinyin("王 Mary") == "wangmary"
    assert initials("Mary Wang") == "marywang"
    # Fullwidth and accented letters fold to ASCII.
    assert initials("Ｊｏｓé") == "jose"


def test_minority_name_drops_middle_dot() -> None:
    assert initials("阿依古丽·买买提") == "ayglmmt"
    assert full_pinyin("阿依古丽·买买提") == "ayigulimaimaiti"
    assert initials("阿依古丽•买买提") == "ayglmmt"  # bullet typed instead of ·
    assert initials("阿依古丽・买买提") == "ayglmmt"  # katakana middle dot


def test_digits_spaces_punctuation_dropped() -> None:
    assert initials(" 张三2号（临时）") == "zshls"
    assert initials("张-三, 3") == "zs"
    assert initials("!!!") == ""


def test_empty() -> None:
    assert initials("") == ""
    assert full_pinyin("") == ""
    assert initials("   ") == ""


def test_output_is_lowercase_ascii_letters() -> None:
    for name in ["张晓明", "吕绿女", "王 Mary", "〇", "阿依古丽·买买提", "😀张", "김철수"]:
        for out in (initials(name), full_pinyin(name)):
            assert out == "" or (out.isascii() and out.isalpha() and out.islower()), out


def test_full_pinyin() -> None:
    assert full_pinyin("张晓明") == "zhangxiaoming"
    assert full_pinyin("曾志伟") == "zengzhiwei"
    assert full_pinyin("单田芳") == "shantianfang"
    assert full_pinyin("尉迟恭") == "yuchigong"
    assert full_pinyin("吕布") == "lvbu"


def test_initials_match_full_pinyin() -> None:
    for name in ["张晓明", "曾志伟", "尉迟恭", "欧阳修", "阿依古丽·买买提", "王 Mary"]:
        full = full_pinyin(name)
        assert initials(name)[0] == full[0]


@pytest.mark.parametrize(("char", "reading"), sorted(SURNAMES.items()))
def test_single_surname_table(char: str, reading: str) -> None:
    assert full_pinyin(char + "明") == reading + "ming"
    assert initials(char + "明") == reading[0] + "m"


@pytest.mark.parametrize(
    ("surname", "reading"),
    [
        ("欧阳", "ouyang"),
        ("司马", "sima"),
        ("上官", "shangguan"),
        ("诸葛", "zhuge"),
        ("东方", "dongfang"),
        ("皇甫", "huangfu"),
        ("尉迟", "yuchi"),
        ("公孙", "gongsun"),
        ("慕容", "murong"),
        ("长孙", "zhangsun"),
        ("宇文", "yuwen"),
        ("司徒", "situ"),
        ("令狐", "linghu"),
        ("夏侯", "xiahou"),
        ("澹台", "tantai"),
        ("万俟", "moqi"),
        ("单于", "chanyu"),
        ("呼延", "huyan"),
        ("端木", "duanmu"),
        ("轩辕", "xuanyuan"),
        ("南宫", "nangong"),
        ("钟离", "zhongli"),
        ("独孤", "dugu"),
        ("百里", "baili"),
        ("东郭", "dongguo"),
        ("西门", "ximen"),
        ("闻人", "wenren"),
        ("申屠", "shentu"),
        ("太史", "taishi"),
        ("公冶", "gongye"),
        ("赫连", "helian"),
        ("拓跋", "tuoba"),
    ],
)
def test_compound_surnames(surname: str, reading: str) -> None:
    assert full_pinyin(surname + "明") == reading + "ming"


def test_compound_table_entries_are_two_characters() -> None:
    for surname, parts in COMPOUND_SURNAMES.items():
        assert len(surname) == 2 == len(parts)


def test_pypinyin_imported_lazily() -> None:
    code = textwrap.dedent(
        """
        import sys
        import swdesk.pinyin
        assert "pypinyin" not in sys.modules, "imported too early"
        assert swdesk.pinyin.initials("张晓明") == "zxm"
        assert "pypinyin" in sys.modules
        import os
        assert os.environ["PYPINYIN_NO_PHRASES"] == "true"
        """
    )
    env = {k: v for k, v in os.environ.items() if k != "PYPINYIN_NO_PHRASES"}
    subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, env=env, check=True, timeout=60)


# --- sort keys -------------------------------------------------------------------------------


def test_sort_key_orders_names_by_pinyin_not_code_point() -> None:
    names = ["张三", "李四", "王五", "阿明", "赵六"]
    assert sorted(names, key=sort_key) == ["阿明", "李四", "王五", "张三", "赵六"]
    assert sorted(names) != sorted(names, key=sort_key)  # code point order differs


@pytest.mark.parametrize(("first", "second"), [
    ("李", "李四"),  # a shorter name read the same way comes first
    ("西安", "先明"),  # syllable by syllable: xi < xian
    ("曾小贤", "张三"),  # the surname's reading (zeng), not the character's (ceng)
    ("单田芳", "石磊"),  # 单 as a surname is shan, before shi
    ("王 Mary", "王五"),  # a Latin word is one syllable: mary < wu
])
def test_sort_key_pairs(first: str, second: str) -> None:
    assert sort_key(first) < sort_key(second)


def test_sort_key_ends_with_the_name_so_homophones_keep_a_fixed_order() -> None:
    assert sort_key("李四") == "li si\t李四"
    assert sort_key("李思") != sort_key("李四")
    assert sort_key("  ") == "\t"
