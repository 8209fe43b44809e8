"""个案档案: the whole case file (接案登记表 … 结案评估表 in order), one case or a batch of
them in one PDF; and each of its documents alone (:mod:`swdesk.reports.case_documents`).

A case is named by the number people see (XM-SM-001-2026-0141), its id or its uid.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import peewee as pw
from reportlab.platypus import Flowable, PageBreak

from swdesk import privacy
from swdesk.errors import NotFoundError, SwdeskError
from swdesk.i18n import _
from swdesk.model import Case, Client, Worker
from swdesk.reports import case_names
from swdesk.reports import layout as lay
from swdesk.reports.case_documents import STORIES, Paper, whole_file
from swdesk.reports.context import report_info, station_info
from swdesk.reports.photos import FILE_PER_PAGE
from swdesk.services import cases, journal
from swdesk.services.actor import Actor

# The longest case files on paper hold hundreds of logs; that is still one query each.
Progress = Callable[[int, int], None]


def _title() -> str:
    return _("个案档案", "Case file")


def paper_of(case: Case, actor: Actor, *, show_personal: bool | None = None,
             station: str | None = None, photos: int = FILE_PER_PAGE) -> Paper:
    see = privacy.may_see(actor, int(case.client_id)) if show_personal is None else show_personal
    return Paper(case, station if station is not None else station_info().name, see, actor,
                 photos)


def case_story(case: Case, actor: Actor, *, show_personal: bool | None = None,
               station: str | None = None, photos: int = FILE_PER_PAGE) -> list[Flowable]:
    """The flowables of one whole case file; personal data (and the photos) masked
    unless ``actor`` may see the client's; ``photos`` to a page (0: none)."""
    return whole_file(paper_of(case, actor, show_personal=show_personal, station=station,
                               photos=photos))


def case_file(case_ref: int | str, actor: Actor, out: Path) -> int:
    """Write the whole case file of ``case_ref`` to ``out``; returns the page count."""
    case = cases.find(case_ref)
    pages = lay.write_pdf(out, report_info(_title()), case_story(case, actor))
    journal.audit(actor, "print", "case", case.uid, {"report": "case"})
    return pages


def case_document(key: str, case_ref: int | str, actor: Actor, out: Path) -> int:
    """Write one document of a case file (``key``: one of ``case_names.DOCUMENTS``)."""
    case = cases.find(case_ref)
    story = STORIES[key](paper_of(case, actor))
    pages = lay.write_pdf(out, report_info(case_names.title(key)), story)
    journal.audit(actor, "print", "case", case.uid, {"report": "case", "document": key})
    return pages


def case_files(case_ids: Sequence[int], actor: Actor, out: Path,
               progress: Progress | None = None) -> int:
    """Many case files in one PDF, each starting on a new page; returns the page count."""
    if not case_ids:
        raise SwdeskError(_("没有选择个案", "No case was chosen"))
    found = {int(c.id): c for c in Case.select(Case, Client, Worker).join_from(Case, Client)
             .join_from(Case, Worker, pw.JOIN.LEFT_OUTER)
             .where(Case.id.in_(list(case_ids)) & (Case.deleted == False))}  # noqa: E712
    missing = [i for i in case_ids if int(i) not in found]
    if missing:
        raise NotFoundError(_("找不到个案：{}", "Cases not found: {}").format(
            "、".join(str(m) for m in missing[:10])))
    visible = privacy.visible_clients(actor)
    station = station_info().name
    story: list[Flowable] = []
    for n, case_id in enumerate(case_ids, start=1):
        case = found[int(case_id)]
        if story:
            story.append(PageBreak())
        story.extend(case_story(case, actor, show_personal=visible is None
                                or int(case.client_id) in visible, station=station))
        if progress is not None:
            progress(n, len(case_ids))
    pages = lay.write_pdf(out, report_info(_title()), story)
    journal.audit(actor, "print", "case", "", {"report": "case_files", "count": len(case_ids)})
    return pages
