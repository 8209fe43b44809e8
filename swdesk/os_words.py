"""Why a file operation failed, in the user's language.

The operating system words its errors in its own language (``strerror``: "No such
file or directory", or a Windows message in the system's), and SQLite in English
("file is not a database"). :func:`reason` gives the same fact in the user's language,
from the Windows error number, the errno or SQLite's message, for every message that
names why a file could not be read or written.
"""

from __future__ import annotations

import errno
import sqlite3

from swdesk.i18n import _

# Windows error numbers (``OSError.winerror``) that say more than their errno.
_WINERROR: dict[int, tuple[str, str]] = {
    2: ("文件不存在", "the file does not exist"),
    3: ("找不到文件夹", "the folder does not exist"),
    5: ("没有权限（拒绝访问）", "access denied"),
    19: ("磁盘处于写保护状态", "the disk is write-protected"),
    21: ("设备未就绪（U 盘或光盘未插好？）", "the device is not ready (a USB disk or disc "
         "not inserted?)"),
    32: ("文件正被另一个程序使用，请关闭该程序（如 WPS、Excel 或 PDF 阅读器）后再试",
         "the file is in use by another program; close it (WPS, Excel, a PDF reader) and "
         "try again"),
    33: ("文件的一部分被另一个程序锁定，请关闭该程序后再试",
         "part of the file is locked by another program; close it and try again"),
    39: ("磁盘已满", "the disk is full"),
    53: ("找不到网络路径（共享文件夹所在的电脑没开或网络不通？）",
         "the network path was not found (is the sharing computer on, the network up?)"),
    64: ("网络连接已断开", "the network connection was lost"),
    67: ("找不到网络名称（共享文件夹名不对？）", "the network name was not found"),
    80: ("文件已存在", "the file already exists"),
    112: ("磁盘空间不足", "there is not enough space on the disk"),
    123: ("文件名、文件夹名或路径的写法不正确", "the file name, folder name or path is not "
          "valid"),
    206: ("文件名或路径太长", "the file name or path is too long"),
    1224: ("文件正被另一个程序使用，请关闭该程序后再试",
           "the file is in use by another program; close it and try again"),
}

_ERRNO: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("文件或文件夹不存在", "no such file or folder"),
    errno.EACCES: ("没有权限", "permission denied"),
    errno.EPERM: ("不允许这样操作（没有权限）", "operation not permitted"),
    errno.ENOSPC: ("磁盘空间不足", "there is no space left on the disk"),
    errno.EDQUOT: ("磁盘配额已用完", "the disk quota is used up"),
    errno.EROFS: ("磁盘是只读的", "the disk is read-only"),
    errno.EIO: ("读写磁盘时出错（U 盘被拔出或磁盘故障？）", "the disk could not be read or "
                "written (a USB disk removed, a failing drive?)"),
    errno.EEXIST: ("文件已存在", "the file already exists"),
    errno.EISDIR: ("这是一个文件夹，不是文件", "this is a folder, not a file"),
    errno.ENOTDIR: ("路径中有一部分不是文件夹", "part of the path is not a folder"),
    errno.ENAMETOOLONG: ("文件名或路径太长", "the file name or path is too long"),
    errno.EBUSY: ("文件或设备正被占用", "the file or device is busy"),
    errno.ENOTEMPTY: ("文件夹不是空的", "the folder is not empty"),
    errno.EXDEV: ("不能跨磁盘移动", "cannot move across disks"),
    errno.EINVAL: ("文件名或参数无效", "the file name or an argument is not valid"),
    errno.EMFILE: ("打开的文件太多", "too many files are open"),
    errno.ETXTBSY: ("文件正被另一个程序使用", "the file is in use by another program"),
    errno.EFBIG: ("文件太大", "the file is too large"),
    errno.ENODEV: ("设备不存在（U 盘已拔出？）", "no such device (a USB disk removed?)"),
    errno.ENXIO: ("设备不存在（U 盘已拔出？）", "no such device (a USB disk removed?)"),
    errno.ETIMEDOUT: ("连接超时（共享文件夹所在的电脑没开？）", "the connection timed out "
                      "(is the sharing computer on?)"),
}

# SQLite's messages, by words they contain.
_SQLITE: tuple[tuple[str, tuple[str, str]], ...] = (
    ("file is not a database", ("这不是 swdesk 的数据库文件（或文件已损坏）",
                                "this is not a database file (or it is damaged)")),
    ("malformed", ("数据库文件已损坏", "the database file is damaged")),
    ("disk is full", ("磁盘空间不足", "the disk is full")),
    ("disk i/o error", ("读写磁盘时出错", "the disk could not be read or written")),
    ("is locked", ("数据库正被另一个程序占用", "the database is in use by another program")),
    ("readonly", ("数据库或其文件夹是只读的", "the database or its folder is read-only")),
    ("unable to open", ("无法打开数据库文件（不存在或没有权限）",
                        "the database file cannot be opened (missing, or no permission)")),
)


def reason(exc: BaseException) -> str:
    """Why ``exc`` (an OSError or SQLite's error) happened, as a short phrase in the
    user's language; the system's own text when it is none that is known here."""
    if isinstance(exc, OSError):
        winerror = getattr(exc, "winerror", None)
        words = _WINERROR.get(winerror) if isinstance(winerror, int) else None
        if words is None and exc.errno is not None:
            words = _ERRNO.get(exc.errno)
        if words is not None:
            return _(*words)
        return exc.strerror or str(exc)
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        for part, found in _SQLITE:
            if part in text:
                return _(*found)
    return str(exc)
