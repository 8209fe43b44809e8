"""``db check`` of the attachments' files: each file a row names is there and unchanged,
the stored files no row names (orphans), a killed run's half-written files.

A missing or changed file is named as people know it (the owner and the caption or
file name), never by a hash alone: a worker then knows which photo to attach again.
Runs with the models bound to the station (``open_station``, read-only is enough).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from swdesk.db.files import FileStore
from swdesk.i18n import _
from swdesk.model import OWNER_LINKS, Attachment, describe
from swdesk.services.display import row_title

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class FileProblem:
    """A file an attachment row names that is missing or no longer its hash."""

    sha256: str
    attachment_id: int
    owner: str  # 服务对象 张三 / 个案 GA2026001 …
    name: str  # the caption, else the file name it had

    @property
    def text(self) -> str:
        return _("{owner} 的附件“{name}”（{sha}）", "{owner}: attachment “{name}” ({sha})").format(
            owner=self.owner, name=self.name, sha=self.sha256[:12])


@dataclass
class FileCheck:
    missing: list[FileProblem] = field(default_factory=list)
    changed: list[FileProblem] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # stored files no row names
    checked: int = 0  # files compared with their hash

    @property
    def healthy(self) -> bool:
        """No attachment lacks its file (orphans waste room but lose nothing)."""
        return not self.missing and not self.changed

    def lines(self) -> list[str]:
        """What to tell a person, one problem a line, in the current language."""
        out = [_("附件文件缺失：{}", "attachment file missing: {}").format(p.text)
               for p in self.missing]
        out += [_("附件文件已被改动（与记录的摘要不符）：{}",
                  "attachment file changed (it no longer matches its hash): {}").format(p.text)
                for p in self.changed]
        if self.orphans:
            out.append(_("有 {} 个附件文件没有任何记录引用（可删除以腾出空间）：{}",
                         "{} attachment files are named by no record (they may be removed to "
                         "free space): {}").format(len(self.orphans), "、".join(
                             h[:12] for h in self.orphans[:10])
                         + ("…" if len(self.orphans) > 10 else "")))
        return out


def owner_text(row: Attachment) -> str:
    """The attachment's owner as people know it: 服务对象 张三, 个案 GA2026001 …"""
    for link in OWNER_LINKS:
        if getattr(row, f"{link}_id") is not None:
            target = getattr(row, link)  # (one query: db check is no hot path)
            return f"{describe(Attachment).field(link).label} {row_title(target)}".strip()
    return describe(Attachment).label


def _problem(row: Attachment, sha: str) -> FileProblem:
    name = row.caption or row.file_name or ""
    if sha != row.sha256:
        name += _("（原图）", " (original)")
    return FileProblem(sha, int(row.id), owner_text(row), name)


def _rows_naming() -> dict[str, list[Attachment]]:
    """Every file named by a row, with its rows (a tombstone's too: its file is kept until
    the city has the deletion, then purged, so it is neither an orphan nor missing)."""
    named: dict[str, list[Attachment]] = {}
    for row in Attachment.select().order_by(Attachment.deleted, Attachment.id):
        for sha in (row.sha256, row.original_sha256):
            if sha:
                named.setdefault(sha, []).append(row)
    return named


def check_files(data_dir: Path, *, verify: bool = True,
                progress: Progress | None = None) -> FileCheck:
    """Compare the files the rows name with the data dir's store; ``verify`` reads every
    file and compares its hash (else: only whether it is there)."""
    store = FileStore.of(data_dir)
    result = FileCheck()
    named = _rows_naming()
    for n, (sha, rows) in enumerate(sorted(named.items()), 1):
        if progress is not None:
            progress(n, len(named))
        rows = [r for r in rows if not r.deleted]
        if not rows:
            continue
        if not store.has(sha):
            result.missing.extend(_problem(r, sha) for r in rows)
        elif verify:
            result.checked += 1
            if not store.verify(sha):
                result.changed.extend(_problem(r, sha) for r in rows)
    result.orphans = [h for h in store.hashes() if h not in named]
    return result


def describe_files(hashes: Iterable[str]) -> list[str]:
    """Each live attachment that names one of ``hashes``, as people know it (a restore's
    files its backup folder lacked)."""
    wanted = set(hashes)
    if not wanted:
        return []
    out: list[str] = []
    for row in Attachment.live().order_by(Attachment.id):
        for sha in (row.sha256, row.original_sha256):
            if sha in wanted:
                out.append(_problem(row, sha).text)
    return out


def remove_orphans(data_dir: Path, orphans: Iterable[str]) -> int:
    """Remove the orphan files listed (the caller has said which); how many went (a file
    another program holds open stays for a later check)."""
    store = FileStore.of(data_dir)
    named = set(_rows_naming())
    return sum(1 for sha in orphans if sha not in named and store.remove(sha))
