"""``swdesk db backup`` and ``db restore`` with the attachments' files."""

from __future__ import annotations

from pathlib import Path

import pytest

from swdesk.cli import main
from swdesk.db import open_station
from swdesk.db.backup_files import store_of
from swdesk.db.files import FileStore
from swdesk.model import Attachment, Client
from swdesk.services import crud, station
from swdesk.services.actor import SYSTEM

pytestmark = pytest.mark.usefixtures("cli_env")


def test_backup_to_a_folder_and_restore_elsewhere(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "站点 数据"
    with open_station(data_dir, create=True):
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        client = crud.create(Client, {"name": "黄伯"}, SYSTEM)
        hashes = []
        for caption in ("体检单", "合影"):
            sha = FileStore.of(data_dir).put(caption.encode() * 300)
            crud.create(Attachment, {"caption": caption, "client": client.id}, SYSTEM,
                        derived={"sha256": sha, "size": 600, "media_type": "image/jpeg"})
            hashes.append(sha)
    usb = tmp_path / "U盘 备份"
    usb.mkdir()
    assert main(["--data-dir", str(data_dir), "db", "backup", "--out", str(usb)]) == 0
    out = capsys.readouterr().out
    assert "附件文件：新复制 2 个" in out
    made = next(usb.glob("*.db"))
    assert sorted(store_of(usb).hashes()) == sorted(hashes)

    store_of(usb).path(hashes[1]).unlink()  # the 合影 lost from the USB disk
    other = tmp_path / "新电脑"
    assert main(["--data-dir", str(other), "db", "restore", str(made)]) == 0
    out = capsys.readouterr().out
    assert "已从备份取回 1 个附件文件" in out
    assert "备份文件夹中没有这个附件的文件" in out and "黄伯" in out and "合影" in out
    assert FileStore.of(other).read(hashes[0]) == "体检单".encode() * 300
    assert main(["--data-dir", str(other), "db", "check"]) == 1  # the row stays, listed
    assert "附件文件缺失" in capsys.readouterr().out
