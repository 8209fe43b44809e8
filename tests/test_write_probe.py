"""Whether a folder takes files is found by making one, not by asking os.access().

On Windows ``os.access`` reads only the read-only attribute: a share or a folder whose
ACLs refuse this user looks writable. Here the folder is a really read-only filesystem
and ``os.access`` is made to say yes, as Windows would.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from swdesk import outfiles
from swdesk.db import StationDatabase
from swdesk.errors import ValidationError
from swdesk.services import backups
from swdesk.services.actor import Actor
from swdesk.sync import folder as sync_folder


@pytest.fixture
def refusing_folder(small_disk: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    monkeypatch.setattr(os, "access", lambda *_a, **_k: True)  # what Windows' ACLs get
    return small_disk


def test_a_folder_that_takes_files_leaves_nothing_behind(tmp_path: Path) -> None:
    assert outfiles.can_write_in(tmp_path)
    assert list(tmp_path.iterdir()) == []
    assert not outfiles.can_write_in(tmp_path / "missing")


def test_a_backup_folder_that_refuses_files_is_refused(sdb: StationDatabase,
                                                       refusing_folder: Path) -> None:
    assert not outfiles.can_write_in(refusing_folder)
    with pytest.raises(ValidationError, match="不可写入"):
        backups.set_backup_folder(refusing_folder, Actor("admin", "admin"))
    assert backups.backup_folders(sdb.data_dir)[0].name == "backups"


def test_a_sync_folder_that_refuses_files_is_not_reachable(refusing_folder: Path,
                                                           tmp_path: Path) -> None:
    assert not sync_folder.reachable(refusing_folder)
    assert sync_folder.reachable(tmp_path)
