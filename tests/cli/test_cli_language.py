"""The command line speaks the user's language: argparse's own words, the demo's output,
the operating system's reasons, and messages that say what is really wrong."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import gettext
import sqlite3
from pathlib import Path

import pytest

from swdesk import os_words
from swdesk.cli import main
from swdesk.db import open_station
from swdesk.i18n import set_language
from swdesk.model import Case
from swdesk.services import crud
from swdesk.services.actor import SYSTEM

pytestmark = pytest.mark.usefixtures("cli_env")

INIT = ["init", "--station", "XM-SM-001", "--name", "嘉莲街道社工站", "--district", "思明区"]
ENGLISH_WORDS = ("usage:", "options:", "show this help message and exit",
                 "positional arguments", "the following arguments are required",
                 "invalid choice", "unrecognized arguments", "expected one argument")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def help_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exited:
        main([*argv, "--help"])
    assert exited.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def english_in(text: str) -> list[str]:
    return [w for w in ENGLISH_WORDS if w in text]


# --- argparse's own words ------------------------------------------------------------------


@pytest.mark.parametrize("argv", [(), ("report",), ("report", "monthly"), ("db", "restore")])
def test_help_is_in_chinese(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...]) -> None:
    out = help_of(capsys, *argv)
    assert out.startswith("用法：swdesk")
    assert "\n选项：\n" in out and "显示本帮助并退出" in out
    assert english_in(out) == []


def test_help_is_in_english_with_lang_en(capsys: pytest.CaptureFixture[str]) -> None:
    out = help_of(capsys, "--lang", "en", "report")
    assert out.startswith("usage: swdesk report")
    assert "options:" in out and "show this help message and exit" in out
    assert "用法" not in out and "显示本帮助" not in out


@pytest.mark.parametrize(("argv", "zh", "en"), [
    (("report",), "缺少必需的参数：KIND", "the following arguments are required: KIND"),
    (("bogus",), "无效的选项：'bogus'（可选：'init'", "invalid choice: 'bogus' (choose from"),
    (("report", "monthly", "--out"), "参数 --out：需要一个值",
     "argument --out: expected one argument"),
    (("init", "--station", "X", "--what"), "无法识别的参数：--what",
     "unrecognized arguments: --what"),
    (("--lang", "fr"), "参数 --lang：无效的选项：'fr'", "argument --lang: invalid choice: 'fr'"),
])
def test_usage_errors_in_both_languages(capsys: pytest.CaptureFixture[str],
                                        argv: tuple[str, ...], zh: str, en: str) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert zh in err and english_in(err) == [], err
    code, out, err = run(capsys, "--lang", "en", *argv)
    assert code == 2 and en in err, err
    assert "缺少" not in err and "无效" not in err


def test_argparse_keeps_its_own_words_outside_swdesk(capsys: pytest.CaptureFixture[str]
                                                    ) -> None:
    # Only swdesk's own parsing speaks Chinese; another parser in the process is untouched.
    help_of(capsys)
    assert argparse._ is gettext.gettext  # type: ignore[attr-defined]
    other = argparse.ArgumentParser(prog="other")
    assert other.format_help().startswith("usage: other")


# --- what demo and init print ---------------------------------------------------------------


def test_demo_prints_its_tables_in_chinese(capsys: pytest.CaptureFixture[str],
                                           data_dir: Path) -> None:
    assert run(capsys, "--data-dir", str(data_dir), *INIT)[0] == 0
    code, out, err = run(capsys, "--data-dir", str(data_dir), "demo", "--clients", "40",
                         "--records", "60", "--seed", "3")
    assert code == 0, err
    assert "服务对象：40" in out and "服务记录：60" in out and "待同步的变更：" in out
    for table in ("client", "service_record", "case_log", "change_log", "volunteer_hour"):
        assert f"{table}:" not in out
    assert "服务对象：40" in err  # the stages as they finish
    code, out, err = run(capsys, "--lang", "en", "--data-dir", str(data_dir), "demo",
                         "--clients", "10", "--records", "10")
    assert code == 0 and "Client: 10" in out and "Service record: 10" in out


def test_demo_options_are_explained(capsys: pytest.CaptureFixture[str]) -> None:
    out = help_of(capsys, "demo")
    assert "服务对象人数" in out and "随机种子" in out


# --- the operating system's reasons --------------------------------------------------------


def _winerror(number: int) -> OSError:
    exc = OSError(errno.EACCES, "The process cannot access the file because it is being "
                  "used by another process")
    exc.winerror = number  # type: ignore[attr-defined]
    return exc


@pytest.mark.parametrize(("exc", "zh", "en"), [
    (FileNotFoundError(errno.ENOENT, "No such file or directory"), "文件或文件夹不存在",
     "no such file or folder"),
    (PermissionError(errno.EACCES, "Permission denied"), "没有权限", "permission denied"),
    (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足", "no space left"),
    (IsADirectoryError(errno.EISDIR, "Is a directory"), "文件夹，不是文件", "a folder"),
    (_winerror(32), "正被另一个程序使用", "in use by another program"),
    (_winerror(112), "磁盘空间不足", "not enough space"),
    (sqlite3.DatabaseError("file is not a database"), "不是 swdesk 的数据库文件",
     "not a database"),
    (sqlite3.DatabaseError("database disk image is malformed"), "已损坏", "damaged"),
])
def test_os_reasons_in_the_user_s_language(exc: BaseException, zh: str, en: str) -> None:
    assert zh in os_words.reason(exc)
    set_language("en")
    assert en in os_words.reason(exc)


def test_a_file_that_is_not_a_database_is_told_in_chinese(
        capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> None:
    assert run(capsys, "--data-dir", str(data_dir), *INIT)[0] == 0
    fake = tmp_path / "备份.db"
    fake.write_text("这不是数据库" * 100, encoding="utf-8")
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "db", "restore", str(fake))
    assert code == 1 and "不是 swdesk 的数据库文件" in err
    assert "file is not a database" not in err


def test_a_folder_given_as_the_excel_file_is_told_in_chinese(
        capsys: pytest.CaptureFixture[str], data_dir: Path, tmp_path: Path) -> None:
    assert run(capsys, "--data-dir", str(data_dir), *INIT)[0] == 0
    folder = tmp_path / "台账.xlsx"
    folder.mkdir()
    code, _out, err = run(capsys, "--data-dir", str(data_dir), "excel", "import", "clients",
                          str(folder))
    assert code == 1 and "这是一个文件夹，不是文件" in err, err
    assert "Is a directory" not in err


# --- messages that say what is really wrong ------------------------------------------------


@pytest.fixture
def station(capsys: pytest.CaptureFixture[str], data_dir: Path) -> Path:
    assert run(capsys, "--data-dir", str(data_dir), *INIT)[0] == 0
    return data_dir


def test_a_year_out_of_range_says_the_range(capsys: pytest.CaptureFixture[str], station: Path,
                                            tmp_path: Path) -> None:
    code, _out, err = run(capsys, "--data-dir", str(station), "report", "training",
                          "--year", "1800", "--out", str(tmp_path / "t.pdf"))
    assert code == 1 and "1900 至 2999" in err and "四位数字" not in err
    code, _out, err = run(capsys, "--data-dir", str(station), "report", "training",
                          "--year", "二〇二六", "--out", str(tmp_path / "t.pdf"))
    assert code == 1 and "四位数字" in err
    assert not (tmp_path / "t.pdf").exists()


def test_a_wrong_ending_names_what_the_report_can_write(
        capsys: pytest.CaptureFixture[str], station: Path, tmp_path: Path) -> None:
    code, _out, err = run(capsys, "--data-dir", str(station), "report", "monthly",
                          "--month", "2026-01", "--out", str(tmp_path / "m.docx"))
    assert code == 1 and ".pdf 或 .xlsx" in err, err
    code, _out, err = run(capsys, "--data-dir", str(station), "report", "training",
                          "--year", "2026", "--out", str(tmp_path / "t.xlsx"))
    assert code == 1 and "只能保存为 .pdf 文件" in err and ".xlsx 文件" not in err, err
    assert list(tmp_path.glob("*.docx")) == [] and list(tmp_path.glob("t.*")) == []


def test_a_case_that_never_was_is_not_said_to_be_deleted(
        capsys: pytest.CaptureFixture[str], station: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "c.pdf")
    code, _out, err = run(capsys, "--data-dir", str(station), "report", "case", "--case", "77",
                          "--out", out)
    assert code == 1 and "找不到编号为 77 的个案" in err and "删除" not in err
    with open_station(station):
        from swdesk.model import Client

        client = crud.create(Client, {"name": "王阿姨"}, SYSTEM)
        case = crud.create(Case, {"client": client.id, "opened_on": dt.date.today(),
                                  "stage": "intake", "problem": "独居"}, SYSTEM)
        crud.delete(Case, case.id, SYSTEM)
    code, _out, err = run(capsys, "--data-dir", str(station), "report", "case",
                          "--case", str(case.id), "--out", out)
    assert code == 1 and "已被删除" in err and "没有编号" not in err


def test_a_month_not_yet_begun_is_refused(capsys: pytest.CaptureFixture[str], station: Path,
                                          tmp_path: Path) -> None:
    today = dt.date.today()
    m = today.year * 12 + today.month  # next month, 1-based
    next_month = f"{m // 12}-{m % 12 + 1:02d}"
    for out in (tmp_path / "m.pdf", tmp_path / "m.xlsx"):
        code, _out, err = run(capsys, "--data-dir", str(station), "report", "monthly",
                              "--month", next_month, "--out", str(out))
        assert code == 1 and "还没有开始" in err and "最多可报到本月" in err, err
        assert not out.exists()
    this_month = f"{today.year}-{today.month:02d}"
    code, _out, err = run(capsys, "--data-dir", str(station), "report", "monthly",
                          "--month", this_month, "--out", str(tmp_path / "m.pdf"))
    assert code == 0, err
