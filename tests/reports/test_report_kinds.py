"""The report registry: the command line offers exactly its kinds, and a kind registered
anywhere (here, in a test) is a subcommand with its parameters, made through the registry."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from swdesk import reports
from swdesk.cli import build_parser, main
from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.reports import kinds
from swdesk.reports.kinds import Choice, Made, Param, ReportKind
from swdesk.services.actor import SYSTEM, Actor

SHIPPED = ("monthly", "record", "case", "volunteer", "volunteer-hours", "project", "training",
           "activity", "group", "blank", "questionnaire", "binder", "rota")


def _tally(values: kinds.Values, actor: Actor, out: Path) -> Made:
    out.write_text(f"{values['month']} {values['side']} {values['year']} {actor.username}",
                   encoding="utf-8")
    return Made(f"tally {out.name}", note=f"tally of {values['month']}")


TALLY = ReportKind(
    "tally", "服务次数清点", "Service tally", "按月清点服务次数。", "Services counted per month.",
    (Param("month", "month", "月份", "month"),
     Param("side", "choice", "范围", "side", flag="--side",
           choices=(Choice("all", "全部", "all"), Choice("mine", "本人", "mine"))),
     Param("year", "year", "年度", "year", required=False)),
    _tally)


@pytest.fixture
def tally() -> Iterator[ReportKind]:
    kinds.register(TALLY)
    yield TALLY
    kinds.unregister(TALLY.key)


def _report_parser() -> argparse.ArgumentParser:
    """The ``report`` subcommand's parser, as ``swdesk`` builds it now."""
    for action in build_parser()._subparsers._group_actions:  # type: ignore[union-attr]
        if isinstance(action, argparse._SubParsersAction) and "report" in action.choices:
            return action.choices["report"]
    raise AssertionError("no report command")


def _kind_parsers() -> dict[str, argparse.ArgumentParser]:
    for action in _report_parser()._subparsers._group_actions:  # type: ignore[union-attr]
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no report kinds")


def test_the_command_line_offers_exactly_the_registry() -> None:
    assert kinds.keys() == SHIPPED
    assert tuple(_kind_parsers()) == kinds.keys()


def test_a_kind_registered_in_a_test_is_a_subcommand(tally: ReportKind, cli_env: None,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert tuple(_kind_parsers()) == (*SHIPPED, "tally")
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    listing = capsys.readouterr().out
    assert "tally" in listing and "服务次数清点" in listing
    with pytest.raises(SystemExit):
        main(["report", "tally", "--help"])
    usage = capsys.readouterr().out
    assert "--month YYYY-MM" in usage and "--side all|mine" in usage and "按月清点服务次数" in usage


def test_a_registered_kind_is_made_from_the_command_line(
        tally: ReportKind, sdb: StationDatabase, tmp_path: Path, cli_env: None,
        capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = sdb.data_dir
    sdb.close()
    out = tmp_path / "t.pdf"
    assert main(["--data-dir", str(data_dir), "report", "tally", "--month", "2026-05",
                 "--side", "mine", "--out", str(out)]) == 0
    assert "tally t.pdf" in capsys.readouterr().out
    assert out.read_text(encoding="utf-8") == "2026-05 mine  system"
    # A value outside the choices is refused before the report runs.
    assert main(["--data-dir", str(data_dir), "report", "tally", "--month", "2026-05",
                 "--side", "every", "--out", str(out)]) == 2


def test_a_request_is_checked_against_its_kind(tally: ReportKind, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="月份"):
        reports.make(reports.ReportRequest.of("tally", side="all"), SYSTEM, tmp_path / "t.pdf")
    with pytest.raises(ValidationError, match="范围"):
        reports.make(reports.ReportRequest.of("tally", month="2026-05", side="both"), SYSTEM,
                     tmp_path / "t")
    with pytest.raises(ValidationError, match="未知的报表类型"):
        reports.make(reports.ReportRequest.of("nothing"), SYSTEM, tmp_path / "t.pdf")
    made = reports.make(reports.ReportRequest.of("tally", month=" 2026-05 ", side="all"),
                        SYSTEM, tmp_path / "t.pdf")
    assert made.note == "tally of 2026-05"


def test_a_key_is_registered_once(tally: ReportKind) -> None:
    with pytest.raises(ValueError, match="tally"):
        kinds.register(tally)
