"""Where a database file is: its read-only SQLite URI, and whether the disk is local.

SQLite accepts a ``file:`` URI only with an empty (or ``localhost``) authority, so
``Path.as_uri()`` fails for a Windows share: ``resolve()`` turns a mapped drive into
``\\\\server\\share`` and ``as_uri()`` makes that ``file://server/share/...``. The live
database must stay on a local disk (SQLite's locking is not reliable over SMB/NFS and a
dropped connection looks like damage); backups and packages may go to shares.
"""

from __future__ import annotations

import ctypes
import sys
from pathlib import Path, PurePath, PureWindowsPath
from urllib.parse import quote

from swdesk.errors import NotLocalError
from swdesk.i18n import _

MOUNTS_FILE = Path("/proc/mounts")
# Which device each mount is on (its major:minor), and where the kernel says whether a
# disk is removable (``/sys/dev/block/MAJ:MIN`` links to the device's folder).
MOUNTINFO_FILE = Path("/proc/self/mountinfo")
SYS_ROOT = Path("/sys")

# Filesystem types (the third field of /proc/mounts) that are not a local disk.
NETWORK_FS = frozenset({
    "nfs", "nfs4", "cifs", "smb3", "smbfs", "ncpfs", "afs", "ceph", "glusterfs",
    "davfs", "sshfs", "lustre",
})
# FUSE file systems are remote (sshfs, rclone, s3fs, gvfs …) except these local ones
# (rootless containers run on fuse-overlayfs).
LOCAL_FUSE = frozenset({"fuse.fuse-overlayfs", "fuse.lxcfs", "fuse.squashfuse"})

# GetDriveTypeW results (winbase.h).
DRIVE_REMOVABLE = 2
DRIVE_REMOTE = 4


def _encoded(text: str) -> str:
    # Everything but letters, digits, '/' and '-._~' is percent-encoded as UTF-8: '?', '#'
    # and '%' would otherwise end the path or start an escape (SQLite's "URI filenames").
    return quote(text, safe="/")


def _plain(path: PureWindowsPath) -> PureWindowsPath:
    """``path`` without an extended-length (``\\\\?\\``) or device (``\\\\.\\``) prefix:
    ``\\\\?\\UNC\\server\\share`` → ``\\\\server\\share``, ``\\\\.\\C:\\x`` → ``C:\\x``.
    Windows takes ``UNC`` in any case; Python 3.11 parses only ``UNC``."""
    text = str(path)
    if text[:4] in ("\\\\?\\", "\\\\.\\"):
        if text[4:8].upper() == "UNC\\":
            return PureWindowsPath("\\\\" + text[8:])
        return PureWindowsPath(text[4:])
    return path


def _plain_drive(path: PureWindowsPath) -> str:
    """``C:`` or ``\\\\server\\share``, any ``\\\\?\\`` or ``\\\\.\\`` prefix taken off."""
    return _plain(path).drive


def sqlite_uri(path: PurePath, mode: str = "ro") -> str:
    """The ``file:`` URI SQLite opens ``path`` by (absolute), for Windows and POSIX paths.

    ``C:\\a\\b.db`` → ``file:///C:/a/b.db``; ``\\\\server\\share\\b.db`` →
    ``file:////server/share/b.db`` (empty authority, the UNC name in the path).
    """
    if isinstance(path, PureWindowsPath):
        path = _plain(path)
    if not path.is_absolute():
        raise ValueError(f"not an absolute path: {path}")
    if isinstance(path, PureWindowsPath):
        drive = path.drive
        rest = _encoded("/".join(path.parts[1:]))
        if drive.startswith("\\\\"):  # UNC: the server goes in the path, not the authority
            body = "////" + _encoded(drive[2:].replace("\\", "/")) + "/" + rest
        else:
            body = "///" + drive + "/" + rest
    else:
        body = "//" + _encoded(path.as_posix())
    return f"file:{body}?mode={mode}"


def readonly_uri(path: Path) -> str:
    """A read-only SQLite URI for the file ``path`` (resolved to an absolute path)."""
    return sqlite_uri(path.resolve(), "ro")


def _unescape_mount(field: str) -> str:
    # /proc/mounts writes a space, tab, newline and backslash in octal (\040 ...).
    out, i = [], 0
    while i < len(field):
        if field[i] == "\\" and field[i + 1:i + 4].isdigit():
            out.append(chr(int(field[i + 1:i + 4], 8)))
            i += 4
        else:
            out.append(field[i])
            i += 1
    return "".join(out)


def _mount_field(path: PurePath, text: str, point_at: int, wanted: int) -> str | None:
    """Field ``wanted`` of the line of a mount table (/proc/mounts, mountinfo) whose mount
    point (field ``point_at``) holds ``path``, the deepest one."""
    best, found = "", None
    target = path.as_posix()
    for line in text.splitlines():
        fields = line.split()
        if len(fields) <= max(point_at, wanted):
            continue
        point = _unescape_mount(fields[point_at])
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        # (a later mount on the same point hides the earlier one: >= keeps the last)
        if inside and len(point) >= len(best):
            best, found = point, fields[wanted]
    return found


def mount_fs_type(path: PurePath, mounts_text: str) -> str | None:
    """The filesystem type of the mount holding ``path`` (absolute), from /proc/mounts text."""
    return _mount_field(path, mounts_text, 1, 2)


def mount_device(path: PurePath, mountinfo_text: str) -> str | None:
    """The device (``major:minor``) of the mount holding ``path``, from mountinfo text."""
    return _mount_field(path, mountinfo_text, 4, 2)


def is_removable_device(device: str, sys_root: Path) -> bool:
    """Whether the kernel marks the disk of ``device`` (``major:minor``; a partition's
    flag is its disk's) removable: a USB stick, a memory card."""
    try:
        folder = (sys_root / "dev" / "block" / device).resolve(strict=True)
    except (OSError, RuntimeError):
        return False  # (no such device: a virtual file system)
    for candidate in (folder, folder.parent):
        try:
            if (candidate / "removable").read_text(encoding="ascii").strip() == "1":
                return True
        except OSError:
            continue
    return False


def _is_network_fs(fs_type: str) -> bool:
    return fs_type in NETWORK_FS or (fs_type.startswith("fuse.") and fs_type not in LOCAL_FUSE)


def _windows_drive_type(root: str) -> int:
    """GetDriveTypeW of a drive root such as ``C:\\`` (0, unknown, off Windows)."""
    if sys.platform != "win32":
        return 0
    return int(ctypes.windll.kernel32.GetDriveTypeW(root))


def _existing(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    return path.resolve()


def not_local_reason(data_dir: PurePath) -> str | None:
    """Why ``data_dir`` is not on a local disk ("network drive", …), or None if it is.

    A ``PureWindowsPath`` is judged by Windows' rules (UNC, the drive's type); anything
    else by its mount: the filesystem type in /proc/mounts, and whether the kernel marks
    the mount's disk removable (/proc/self/mountinfo, /sys).
    """
    if isinstance(data_dir, PureWindowsPath):
        drive = _plain_drive(data_dir)
        if drive.startswith("\\\\"):
            return _("网络共享文件夹", "a network share")
        if len(drive) == 2 and drive[1] == ":":
            kind = _windows_drive_type(drive + "\\")
            if kind == DRIVE_REMOTE:
                return _("网络驱动器 {}", "the network drive {}").format(drive)
            if kind == DRIVE_REMOVABLE:
                return _("可移动磁盘 {}（U 盘等）", "the removable drive {} (a USB stick …)"
                         ).format(drive)
        return None
    try:
        mounts = MOUNTS_FILE.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None  # (no /proc: not Linux; nothing to tell by)
    where = _existing(Path(data_dir)) if isinstance(data_dir, Path) else data_dir
    fs_type = mount_fs_type(where, mounts)
    if fs_type is not None and _is_network_fs(fs_type):
        return _("网络文件系统（{}）", "a network file system ({})").format(fs_type)
    try:
        device = mount_device(where, MOUNTINFO_FILE.read_text(encoding="utf-8",
                                                              errors="replace"))
    except OSError:
        return None
    if device is not None and is_removable_device(device, SYS_ROOT):
        return _("可移动磁盘（U 盘等）", "a removable drive (a USB stick …)")
    return None


def live_location_problem(data_dir: Path) -> str | None:
    """Why the live database may not be kept in ``data_dir`` (a network or removable
    drive), for a person; None if the folder is on a local disk."""
    where: PurePath = data_dir
    if sys.platform == "win32":  # (resolve() shows a mapped drive as its UNC name)
        where = PureWindowsPath(_existing(data_dir))
    reason = not_local_reason(where)
    if reason is None:
        return None
    return _(
        "数据目录 {} 在{}上。站点数据库必须放在本机硬盘上：网络或可移动磁盘断开时数据库会"
        "被写坏。数据库没有被打开，也没有被改动。请把数据目录放在本机硬盘（例如 C 盘）上；"
        "备份和数据包可以放在网络共享文件夹里",
        "The data folder {} is on {}. The station database must be on this computer's own "
        "disk: when a network or removable drive drops, the database is damaged. It was not "
        "opened and not changed. Keep the data folder on a local disk (such as C:); backups "
        "and packages may go to a network share").format(data_dir, reason)


def refuse_if_not_local(data_dir: Path) -> None:
    """Before the live database is written, made or replaced: only on a local disk."""
    problem = live_location_problem(data_dir)
    if problem is not None:
        raise NotLocalError(problem)
