"""社区活动档案: an activity's plan, sign-in sheet (blank or filled), record and summary.

The papers an evaluator reads for a community activity, each on its own pages, or
all of them as one file. Phones on a sign-in sheet print masked whoever prints it:
the next person to sign reads the rows above.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import Flowable, PageBreak

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Client, CommunityActivity, VolunteerHour, describe
from swdesk.numbers import grouped
from swdesk.reports import layout as lay
from swdesk.reports import photos as ph
from swdesk.reports.context import report_info
from swdesk.reports.record_sheet import partners_table
from swdesk.services import activities, journal
from swdesk.services.activities import ActivityFile
from swdesk.services.actor import Actor
from swdesk.services.display import format_value, mask

PLAN_FIELDS = ("activity_no", "status", "title", "worker", "project", "category", "field",
               "planned_on", "place", "expected_turnout")
PLAN_TEXTS = ("aims", "plan", "partners_note", "volunteers_note")
RECORD_FIELDS = ("activity_no", "title", "planned_on", "place", "worker", "project")
VOLUNTEER_FIELDS = ("volunteer", "hours", "content")
BLANK_ROWS = 20  # a blank sheet's rows: one A4 page
ROW = 9 * lay.mm  # a line to sign on


def _plan_title() -> str:
    return _("社区活动方案", "Community activity plan")


def _sign_in_title() -> str:
    return _("社区活动签到表", "Community activity sign-in sheet")


def _record_title() -> str:
    return _("社区活动记录与总结", "Community activity record and summary")


def _file_title() -> str:
    return _("社区活动档案", "Community activity file")


def _number_line(activity: CommunityActivity) -> str:
    return _("活动编号：{}", "Activity no. {}").format(activity.activity_no or activity.id)


def plan_story(file: ActivityFile) -> list[Flowable]:
    activity = file.activity
    story: list[Flowable] = lay.title_block(_plan_title(), _number_line(activity))
    story.append(lay.heading(lay.section(1, _("基本情况", "The activity"))))
    story.append(lay.form_table(activity, PLAN_FIELDS, show_personal=True))
    entity = describe(CommunityActivity)
    for n, key in enumerate(PLAN_TEXTS, start=2):
        story.append(lay.heading(lay.section(n, entity.field(key).label)))
        story.append(lay.para(format_value(activity, entity.field(key)) or _("（无）",
                                                                             "(none)")))
    story.append(lay.signature_block([_("策划社工（签名）", "Planned by (signature)"),
                                      _("站点负责人（审核）", "Station head (checked)")]))
    return story


def _sign_in_head(activity: CommunityActivity) -> list[Flowable]:
    entity = describe(CommunityActivity)
    story: list[Flowable] = lay.title_block(_sign_in_title(), _number_line(activity))
    story.append(lay.pairs_table([
        (entity.field("title").label, activity.title, True),
        (entity.field("planned_on").label, format_value(activity, entity.field("planned_on")),
         False),
        (entity.field("place").label, activity.place or "", False)], lay.content_width()))
    story.append(lay.gap())
    return story


def _sign_in_header() -> list[object]:
    client = describe(Client)
    return [_("序号", "No."), client.field("name").label, client.field("phone").label,
            client.field("community").label, _("签名", "Signature")]


def sign_in_story(file: ActivityFile, *, blank: bool) -> list[Flowable]:
    """The sheet people sign at the door; ``blank`` leaves the rows to write in."""
    story = _sign_in_head(file.activity)
    data: list[list[object]] = [_sign_in_header()]
    if blank:
        data += [[n, "", "", "", ""] for n in range(1, BLANK_ROWS + 1)]
    else:
        data += [[n, s.name, mask(s.phone, "phone"), s.community, ""]
                 for n, s in enumerate(file.sign_ins, start=1)]
        if not file.sign_ins:
            data.append(["", _("（无具名签到）", "(no one signed in by name)"), "", "", ""])
    # The same columns blank or filled: room to write a name and a phone, most to sign.
    widths = lay.even(lay.content_width(), 1.1, 3, 3.4, 3.4, 4.1)
    story.append(lay.grid(data, widths, min_height=ROW))
    story.append(lay.gap(2))
    if blank:
        story.append(lay.note(_("未登记姓名的参与者人数：________ 人",
                                "Participants not named: ________")))
    else:
        unnamed = int(file.activity.unnamed_count or 0)
        story.append(lay.note(_("具名签到 {} 人，未登记姓名 {} 人，合计 {} 人。",
                                "{} signed in by name, {} not named, {} in all.").format(
            file.named, unnamed, file.turnout)))
    story.append(lay.signature_block([_("签到负责人（签名）", "Sign-in kept by (signature)")]))
    return story


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "—"


def activity_photos(file: ActivityFile, actor: Actor) -> list[ph.PrintPhoto]:
    """The held activity's record's photos, then the activity's own (a scanned sign-in
    sheet, the plan's papers)."""
    held = ph.photos_of(actor, "record", int(file.record.record.id)) if file.record else []
    return [*held, *ph.photos_of(actor, "activity", int(file.activity.id))]


def photos_story(file: ActivityFile, actor: Actor, per_page: int = ph.FILE_PER_PAGE, *,
                 new_page: bool = True) -> list[Flowable]:
    """活动照片及佐证材料 (from a new page); nothing when there are none."""
    return ph.photo_section(_("活动照片及佐证材料", "Photos and scanned papers"),
                            activity_photos(file, actor), per_page, new_page=new_page)


def record_story(file: ActivityFile, actor: Actor,
                 photos: int = ph.FILE_PER_PAGE) -> list[Flowable]:
    """活动记录 and 活动总结: turnout against the plan, partners, volunteers, satisfaction;
    then the photos as ``actor`` may see them, ``photos`` to a page (0: none)."""
    activity = file.activity
    story: list[Flowable] = lay.title_block(_record_title(), _number_line(activity))
    story.append(lay.heading(lay.section(1, _("基本情况", "The activity"))))
    story.append(lay.form_table(activity, RECORD_FIELDS, show_personal=True))
    if file.record is None:
        story.append(lay.note(_("（活动尚未开展，暂无记录）", "(not held yet: no record)")))
        return story + (photos_story(file, actor, photos) if photos else [])
    record = file.record.record
    expected = activity.expected_turnout
    unnamed = int(activity.unnamed_count or 0)
    story.append(lay.heading(lay.section(2, _("参与情况", "Turnout"))))
    story.append(lay.pairs_table([
        (_("实际参与人数", "Turnout"), _("{} 人（具名签到 {} 人，未登记姓名 {} 人）",
                                         "{} ({} named, {} not named)").format(
            grouped(file.turnout), grouped(file.named), grouped(unnamed)), True),
        (_("预计参与人数", "Expected"), _("{} 人", "{}").format(grouped(expected))
         if expected is not None else "—", False),
        (_("达成率", "Reached"), _percent(file.turnout, expected or 0), False)],
        lay.content_width()))
    story.append(lay.heading(lay.section(3, _("活动过程记录", "What was done"))))
    story.append(lay.para(record.content or _("（无）", "(none)")))
    story.append(lay.heading(lay.section(4, _("联动资源", "Partners"))))
    story.append(partners_table(record, lay.content_width()))
    story.append(lay.heading(lay.section(5, _("志愿者", "Volunteers"))))
    hours = list(VolunteerHour.live().where(VolunteerHour.record == record.id)
                 .order_by(VolunteerHour.id))
    story.append(lay.list_table(hours, VolunteerHour, VOLUNTEER_FIELDS,
                                show_personal=lambda _r: True, stretch=("content",)))
    story.append(lay.heading(lay.section(6, _("满意度调查", "Satisfaction survey"))))
    result = file.satisfaction
    story.append(lay.pairs_table([
        (_("收回问卷", "Returned"), _("{} 份", "{}").format(grouped(result.surveyed)), False),
        (_("满意", "Satisfied"), _("{} 份", "{}").format(grouped(result.satisfied)), False),
        (_("满意率", "Satisfaction rate"), f"{result.rate}%" if result.rate is not None
         else "—", False),
        (_("其中", "Of which"), _("纸质问卷 {}/{} 份，系统问卷 {}/{} 份",
                                 "paper {}/{}, questionnaires {}/{}").format(
            result.paper_satisfied, result.paper_surveyed, result.forms_satisfied,
            result.forms), False)], lay.content_width()))
    story.append(lay.heading(lay.section(7, _("活动总结", "Summary"))))
    story.append(lay.para(activity.summary or _("（未填写）", "(not written)")))
    story.append(lay.signature_block([_("负责社工（签名）", "Worker (signature)"),
                                      _("站点负责人（审核）", "Station head (checked)")]))
    if photos:
        story += photos_story(file, actor, photos)
    return story


def file_story(file: ActivityFile, actor: Actor,
               photos: int = ph.FILE_PER_PAGE) -> list[Flowable]:
    """The whole file: plan, the filled sign-in sheet, record and summary, photos
    (``photos`` to a page; 0: none)."""
    story = plan_story(file)
    for part in (sign_in_story(file, blank=False), record_story(file, actor, photos)):
        story.append(PageBreak())
        story.extend(part)
    return story


# paper -> (title, story of the file as the actor may see it); "file" is the whole file.
PAPERS: dict[str, tuple[Callable[[], str], Callable[[ActivityFile, Actor], list[Flowable]]]] = {
    "file": (_file_title, file_story),
    "plan": (_plan_title, lambda f, _a: plan_story(f)),
    "sign-in-blank": (_sign_in_title, lambda f, _a: sign_in_story(f, blank=True)),
    "sign-in": (_sign_in_title, lambda f, _a: sign_in_story(f, blank=False)),
    "record": (_record_title, record_story),
}


def activity_paper(ref: int | str, paper: str, actor: Actor, out: Path) -> int:
    """Write ``paper`` (see PAPERS) of activity ``ref`` (its number or id) to ``out``;
    returns the page count."""
    if paper not in PAPERS:
        raise ValidationError(_("没有这种活动表格：{}", "No such activity paper: {}")
                              .format(paper))
    lay.check_out_path(out, ".pdf")
    file = activities.activity_file(ref)
    title, story = PAPERS[paper]
    pages = lay.write_pdf(out, report_info(title()), story(file, actor))
    journal.audit(actor, "print", "community_activity", file.activity.uid,
                  {"report": f"activity-{paper}"})
    return pages
