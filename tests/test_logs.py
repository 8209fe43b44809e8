"""One log file written by the window and the command line at once, as on Windows.

``winsim.refusing()`` makes renaming a file this process holds open fail with
WinError 32, as Windows does for a file the other swdesk process holds.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from winsim import refusing

from swdesk import logs

LINE = "x" * 60


def _all_text(log_file: Path) -> str:
    return "".join(p.read_text(encoding="utf-8")
                   for p in sorted(log_file.parent.glob(log_file.name + "*")))


@pytest.fixture
def small_logs(monkeypatch: pytest.MonkeyPatch, cli_env: None) -> None:
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)


@pytest.mark.usefixtures("small_logs")
def test_a_log_the_other_process_holds_is_written_and_rotated_later(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log_file = logs.setup_logging(tmp_path / "data")
    assert log_file is not None
    log = logging.getLogger("swdesk.test")
    with refusing(), open(log_file, "a", encoding="utf-8"):  # the window's handle
        for i in range(60):
            log.info("record %03d %s", i, LINE)
    assert "Logging error" not in capsys.readouterr().err
    assert not log_file.with_name("swdesk.log.1").exists()  # (refused: not rotated)
    with refusing():  # the window closed: the next record rotates
        log.info("after %s", LINE)
    assert log_file.with_name("swdesk.log.1").exists()
    assert log_file.stat().st_size < 200
    text = _all_text(log_file)
    assert all(f"record {i:03d}" in text for i in range(60)) and "after" in text


def test_two_handlers_on_one_file_rotate_it_between_them(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    """The window's handler and a command's, as if in two processes."""
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    log_file = tmp_path / "swdesk.log"
    loggers = []
    for name in ("window", "cli"):
        logger = logging.getLogger(f"swdesk.test.{name}")
        monkeypatch.setattr(logger, "propagate", False)
        monkeypatch.setattr(logger, "handlers", [logs.SharedLogHandler(log_file)])
        loggers.append(logger)
    with refusing():
        for i in range(200):
            loggers[i % 2].warning("record %03d %s", i, LINE)
    for logger in loggers:
        logger.handlers[0].close()
    assert "Logging error" not in capsys.readouterr().err
    assert log_file.with_name("swdesk.log.3").exists()  # rotated, by both
    text = _all_text(log_file)
    kept = [i for i in range(200) if f"record {i:03d}" in text]
    assert kept == list(range(200 - len(kept), 200)) and len(kept) > 100  # only the oldest


@pytest.mark.usefixtures("small_logs")
def test_a_refused_rotation_keeps_the_older_logs(tmp_path: Path) -> None:
    log_file = logs.setup_logging(tmp_path / "data")
    assert log_file is not None
    for i in range(1, logs.BACKUPS + 1):
        log_file.with_name(f"swdesk.log.{i}").write_text(f"old {i}\n", encoding="utf-8")
    log = logging.getLogger("swdesk.test")
    with refusing(), open(log_file, "a", encoding="utf-8"):
        for i in range(100):
            log.info("record %03d %s", i, LINE)
    for i in range(1, logs.BACKUPS + 1):
        assert log_file.with_name(f"swdesk.log.{i}").read_text(encoding="utf-8") == f"old {i}\n"
