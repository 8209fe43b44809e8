"""Issue 19, point 2: SQLite URIs for every Windows path form, and the live database
kept off network and removable drives (backups may still go to shares)."""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from swdesk import paths
from swdesk.cli import main
from swdesk.db import backup, location, open_station
from swdesk.db.diagnosis import Kind, diagnose
from swdesk.errors import NotLocalError
from swdesk.model import Client
from swdesk.services import backups, crud, station
from swdesk.services.actor import SYSTEM

# --- the read-only URI ---------------------------------------------------------------


@pytest.mark.parametrize(("path", "uri"), [
    (r"C:\Users\社工\AppData\Local\swdesk\swdesk.db",
     "file:///C:/Users/%E7%A4%BE%E5%B7%A5/AppData/Local/swdesk/swdesk.db?mode=ro"),
    # a mapped drive as the user typed it
    (r"Z:\备份\swdesk-2026-03-02.db",
     "file:///Z:/%E5%A4%87%E4%BB%BD/swdesk-2026-03-02.db?mode=ro"),
    # the same mapped drive after resolve(): the server goes in the path, not the authority
    (r"\\office-nas\共享\备份\swdesk.db",
     "file:////office-nas/%E5%85%B1%E4%BA%AB/%E5%A4%87%E4%BB%BD/swdesk.db?mode=ro"),
    (r"\\server\share\My Backups\a b.db",
     "file:////server/share/My%20Backups/a%20b.db?mode=ro"),
    (r"C:\data\#1 ?x %20\swdesk.db",
     "file:///C:/data/%231%20%3Fx%20%2520/swdesk.db?mode=ro"),
    (r"\\?\C:\long\swdesk.db", "file:///C:/long/swdesk.db?mode=ro"),
    (r"\\?\UNC\server\share\swdesk.db", "file:////server/share/swdesk.db?mode=ro"),
    ("//server/share/备份/a.db", "file:////server/share/%E5%A4%87%E4%BB%BD/a.db?mode=ro"),
    # Windows takes "UNC" in any case (Python 3.11 parses only upper case), and the
    # device namespace \\.\ as \\?\
    (r"\\?\unc\server\share\a.db", "file:////server/share/a.db?mode=ro"),
    (r"\\.\UNC\server\share\a.db", "file:////server/share/a.db?mode=ro"),
    (r"\\.\C:\swdesk\a.db", "file:///C:/swdesk/a.db?mode=ro"),
    (r"c:/Users\社工/a.db", "file:///c:/Users/%E7%A4%BE%E5%B7%A5/a.db?mode=ro"),
    (r"\\192.168.1.5\共享\a.db", "file:////192.168.1.5/%E5%85%B1%E4%BA%AB/a.db?mode=ro"),
])
def test_windows_uri(path: str, uri: str) -> None:
    assert location.sqlite_uri(PureWindowsPath(path)) == uri


def test_sqlite_refuses_the_uri_as_uri_made_for_a_share(tmp_path: Path) -> None:
    # as_uri() of a UNC path (what resolve() makes of a mapped drive) names the server
    # in the authority, which SQLite refuses
    made = PureWindowsPath(r"\\nas\share\swdesk.db").as_uri()
    assert made == "file://nas/share/swdesk.db"
    with pytest.raises(sqlite3.OperationalError, match="authority"):
        sqlite3.connect(made + "?mode=ro", uri=True)
    # the four-slash form has an empty authority; on Linux it is the path //tmp/…
    path = tmp_path / "s.db"
    sqlite3.connect(path).close()
    sqlite3.connect("file:///" + location.readonly_uri(path)[len("file://"):], uri=True).close()


def test_posix_uri() -> None:
    assert location.sqlite_uri(PurePosixPath("/home/社工/a #?%/s.db")) == \
        "file:///home/%E7%A4%BE%E5%B7%A5/a%20%23%3F%25/s.db?mode=ro"


def test_relative_paths_are_refused() -> None:
    with pytest.raises(ValueError):
        location.sqlite_uri(PureWindowsPath(r"data\swdesk.db"))
    with pytest.raises(ValueError):
        location.sqlite_uri(PureWindowsPath(r"C:data\swdesk.db"))  # (relative to C:'s cwd)
    with pytest.raises(ValueError):
        location.sqlite_uri(PurePosixPath("data/swdesk.db"))


def test_a_real_open_through_the_uri(tmp_path: Path) -> None:
    folder = tmp_path / "站点 #1 ?备份% 2026"
    folder.mkdir()
    path = folder / "社工站#?%.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (name TEXT)")
    con.execute("INSERT INTO t VALUES ('嘉莲')")
    con.commit()
    con.close()
    ro = sqlite3.connect(location.readonly_uri(path), uri=True)
    try:
        assert ro.execute("SELECT name FROM t").fetchall() == [("嘉莲",)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            ro.execute("INSERT INTO t VALUES ('x')")
    finally:
        ro.close()
    assert sorted(p.name for p in folder.iterdir()) == ["社工站#?%.db"]  # nothing made beside


# --- where the live database may be ----------------------------------------------------

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
proc /proc proc rw 0 0
//nas/share /mnt/office cifs rw,vers=3.0 0 0
nas:/export /mnt/nfs nfs4 rw 0 0
/dev/sdb1 /mnt/office/local ext4 rw 0 0
user@host:/x /home/u/remote\\040dir fuse.sshfs rw 0 0
/dev/sdc1 /media/u/U\\040盘 vfat rw 0 0
"""


@pytest.mark.parametrize(("path", "fs_type"), [
    ("/home/u/swdesk", "ext4"),
    ("/mnt/office", "cifs"),
    ("/mnt/office/swdesk/data", "cifs"),
    ("/mnt/officer", "ext4"),  # (a longer name, not inside /mnt/office)
    ("/mnt/office/local/data", "ext4"),  # a local disk mounted inside the share
    ("/mnt/nfs/a", "nfs4"),
    ("/home/u/remote dir/swdesk", "fuse.sshfs"),
    ("/media/u/U 盘/swdesk", "vfat"),
])
def test_mount_type_from_proc_mounts(path: str, fs_type: str) -> None:
    assert location.mount_fs_type(PurePosixPath(path), MOUNTS) == fs_type


@pytest.fixture
def mounts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """/proc/mounts as on a machine where ``tmp_path/share`` is an office share (CIFS)."""
    real = Path("/proc/mounts").read_text(encoding="utf-8") if Path("/proc/mounts").exists() \
        else "/dev/sda1 / ext4 rw 0 0\n"
    share = tmp_path / "share"
    share.mkdir()
    fake = tmp_path / "mounts"
    fake.write_text(real + f"//nas/swdesk {share.resolve()} cifs rw,vers=3.0 0 0\n",
                    encoding="utf-8")
    monkeypatch.setattr(location, "MOUNTS_FILE", fake)
    return share


@pytest.mark.parametrize("fs_type", ["nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs",
                                     "fuse.rclone", "sshfs"])
def test_network_file_systems_are_not_local(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                            fs_type: str) -> None:
    fake = tmp_path / "mounts"
    fake.write_text(f"/dev/sda1 / ext4 rw 0 0\nsrv:/x {tmp_path.resolve()} {fs_type} rw 0 0\n")
    monkeypatch.setattr(location, "MOUNTS_FILE", fake)
    problem = location.live_location_problem(tmp_path / "not-yet" / "data")
    assert problem is not None and fs_type in problem and "本机硬盘" in problem


@pytest.mark.parametrize("fs_type", ["ext4", "xfs", "btrfs", "tmpfs", "overlay",
                                     "fuse.fuse-overlayfs"])
def test_a_local_disk_is_accepted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                  fs_type: str) -> None:
    fake = tmp_path / "mounts"
    fake.write_text(f"//nas/s /mnt/s cifs rw 0 0\nx {tmp_path.resolve()} {fs_type} rw 0 0\n")
    monkeypatch.setattr(location, "MOUNTS_FILE", fake)
    assert location.live_location_problem(tmp_path / "data") is None


def test_this_machines_temporary_folder_is_local(tmp_path: Path) -> None:
    assert location.live_location_problem(tmp_path / "data") is None


@pytest.mark.parametrize(("drive_type", "words"), [
    (location.DRIVE_REMOTE, "网络驱动器 Z:"),
    (location.DRIVE_REMOVABLE, "可移动磁盘 Z:"),
    (3, None),  # DRIVE_FIXED
    (0, None),  # unknown: not refused on a guess
])
def test_windows_drive_types(monkeypatch: pytest.MonkeyPatch, drive_type: int,
                             words: str | None) -> None:
    asked: list[str] = []

    def drive_type_of(root: str) -> int:
        asked.append(root)
        return drive_type

    monkeypatch.setattr(location, "_windows_drive_type", drive_type_of)
    reason = location.not_local_reason(PureWindowsPath(r"Z:\社工站\data"))
    assert asked == ["Z:\\"]
    assert reason == words if words is None else words in (reason or "")


@pytest.mark.parametrize("path", [r"\\server\share\swdesk", r"//server/share/swdesk",
                                  r"\\?\UNC\server\share\swdesk",
                                  r"\\?\unc\server\share\swdesk",
                                  r"\\.\UNC\server\share\swdesk",
                                  r"\\192.168.1.5\共享\swdesk"])
def test_windows_unc_paths_are_network(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    monkeypatch.setattr(location, "_windows_drive_type", lambda root: pytest.fail(root))
    assert location.not_local_reason(PureWindowsPath(path)) == "网络共享文件夹"


@pytest.mark.parametrize("path", [r"\\.\C:\swdesk", r"\\?\C:\swdesk", r"c:/swdesk"])
def test_device_and_long_paths_are_judged_by_their_drive(monkeypatch: pytest.MonkeyPatch,
                                                         path: str) -> None:
    asked: list[str] = []
    monkeypatch.setattr(location, "_windows_drive_type",
                        lambda root: asked.append(root) or 3)  # DRIVE_FIXED
    assert location.not_local_reason(PureWindowsPath(path)) is None
    assert [a.upper() for a in asked] == ["C:\\"]


def test_writing_on_a_share_is_refused_and_nothing_written(mounts: Path) -> None:
    data_dir = mounts / "data"
    with pytest.raises(NotLocalError, match="本机硬盘"):
        open_station(data_dir, create=True)
    assert not data_dir.exists()


def test_init_on_a_share_says_why_in_the_users_language(
        mounts: Path, capsys: pytest.CaptureFixture[str], cli_env: None) -> None:
    data_dir = mounts / "data"
    code = main(["--lang", "en", "--data-dir", str(data_dir), "init", "--station",
                 "XM-SM-001", "--name", "嘉莲街道社工站", "--level", "station",
                 "--district", "思明区"])
    err = capsys.readouterr().err
    assert code != 0
    assert "network file system (cifs)" in err and "local disk" in err
    assert "Traceback" not in err
    # (the CLI's log and start-up tidy may touch the folder; the database never)
    assert not list(data_dir.glob("swdesk.db*"))


def _station(data_dir: Path) -> Path:
    with open_station(data_dir, create=True) as sdb:
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        crud.create(Client, {"name": "客户"}, SYSTEM)
        made = backups.auto_backup(sdb, "start")
    assert made.path is not None
    return made.path


def test_a_station_on_a_share_is_its_own_state_never_damaged(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = tmp_path / "data"
    saved = _station(data_dir)  # made while the folder was local
    live = paths.db_path(data_dir)
    before = live.read_bytes()
    fake = tmp_path / "mounts"
    fake.write_text(f"/dev/sda1 / ext4 rw 0 0\n//nas/s {data_dir.resolve()} cifs rw 0 0\n")
    monkeypatch.setattr(location, "MOUNTS_FILE", fake)

    state = diagnose(data_dir)
    assert state.kind is Kind.NOT_LOCAL
    assert not state.replaceable
    assert "损坏" not in state.message.replace("数据库会被写坏", "")
    report = backups.startup_check(data_dir)
    assert report.kind is Kind.NOT_LOCAL and report.newest_backup is None
    with pytest.raises(NotLocalError):
        open_station(data_dir)
    with pytest.raises(NotLocalError):
        backups.restore_file(data_dir, saved)
    assert live.read_bytes() == before
    assert not (data_dir / "backups" / "damaged").exists()
    assert not any(p.name.startswith("damaged-") for p in (data_dir / "backups").iterdir())
    # reading (db check, a backup) still works: only the live database must be local
    with open_station(data_dir, write=False):
        assert [c.name for c in Client.select()] == ["客户"]


def test_backups_may_go_to_a_share(data_dir: Path, mounts: Path) -> None:
    _station(data_dir)
    copy = backup.backup_file(paths.db_path(data_dir), mounts / "备份 #1.db")
    assert backup.check(copy).healthy


# --- removable drives on Linux (a fake /sys and mountinfo) --------------------------------

USB_DISK = "devices/pci0000:00/0000:00:14.0/usb1/1-2/1-2:1.0/host6/target6:0:0/6:0:0:0/block/sdb"
SATA_DISK = "devices/pci0000:00/0000:00:17.0/ata1/host0/target0:0:0/0:0:0:0/block/sda"


def _fake_sys(root: Path, device: str, disk: str, partition: str | None,
              removable: str) -> None:
    folder = root / disk
    folder.mkdir(parents=True)
    (folder / "removable").write_text(removable + "\n", encoding="ascii")
    if partition:  # (a partition has no flag of its own: its disk's counts)
        folder = folder / partition
        folder.mkdir()
    link = root / "dev" / "block" / device
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(Path("../..") / folder.relative_to(root))


@pytest.fixture
def usb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path/usb`` is a USB stick's partition (8:17), ``tmp_path/disk`` a fixed disk
    mounted whole (8:0); the rest is this machine's own mounts."""
    sys_root = tmp_path / "sys"
    _fake_sys(sys_root, "8:17", USB_DISK, "sdb1", "1")
    _fake_sys(sys_root, "8:0", SATA_DISK, None, "0")
    stick, disk = tmp_path / "usb", tmp_path / "disk"
    stick.mkdir()
    disk.mkdir()
    real = Path("/proc/self/mountinfo").read_text(encoding="utf-8")
    fake = tmp_path / "mountinfo"
    fake.write_text(real + f"90 27 8:17 / {stick.resolve()} rw,nosuid - vfat /dev/sdb1 rw\n"
                    f"91 27 8:0 / {disk.resolve()} rw - ext4 /dev/sda rw\n", encoding="utf-8")
    monkeypatch.setattr(location, "MOUNTINFO_FILE", fake)
    monkeypatch.setattr(location, "SYS_ROOT", sys_root)
    return stick


def test_mount_device_from_mountinfo() -> None:
    text = ("22 27 0:21 / /proc rw - proc proc rw\n"
            "27 1 259:2 / / rw - ext4 /dev/nvme0n1p2 rw\n"
            "90 27 8:17 / /media/u/U\\040盘 rw - vfat /dev/sdb1 rw\n")
    assert location.mount_device(PurePosixPath("/home/u/swdesk"), text) == "259:2"
    assert location.mount_device(PurePosixPath("/media/u/U 盘/swdesk"), text) == "8:17"
    assert location.mount_device(PurePosixPath("/media/u/U"), text) == "259:2"


def test_a_usb_stick_is_not_local(usb: Path) -> None:
    problem = location.live_location_problem(usb / "swdesk" / "data")
    assert problem is not None and "可移动磁盘" in problem and "本机硬盘" in problem
    with pytest.raises(NotLocalError, match="可移动磁盘"):
        open_station(usb / "data", create=True)
    assert not (usb / "data").exists()


def test_a_fixed_disk_is_local(usb: Path, tmp_path: Path) -> None:
    assert location.live_location_problem(tmp_path / "disk" / "data") is None
    assert location.live_location_problem(tmp_path / "elsewhere") is None
    assert not location.is_removable_device("8:99", tmp_path / "sys")  # (no such device)
