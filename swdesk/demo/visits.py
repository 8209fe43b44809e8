"""Demo 邻里守望: visitors for the clients a visit rule covers, and their care visits.

Each active client whose target groups have a rule gets a visiting worker (and one in
three a volunteer too) and the last two or three care visits at the rule's interval,
the last one within the interval for most, so that a trainer's 工作台 shows this
week's visits with a few overdue (``OVERDUE_SHARE``) and a few never visited yet.

The visits come on top of the records asked for, drawn from a random source of their
own seeded from the run's: the rest of a run with a given seed is what it was before
visits were added (tests and printouts rely on the demo's projects and figures).
"""

from __future__ import annotations

import random

from swdesk import visit_rules
from swdesk.demo.base import GeneratorBase
from swdesk.demo.bulk import Row
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.described import text_to_codes

OVERDUE_SHARE = 0.06  # visits missed: past their due day
NEVER_SHARE = 0.02  # registered lately, not visited yet
VOLUNTEER_SHARE = 0.33
# A visit's record by the client's first group: 近邻 category and service field.
_HOME = ("入户探访，老人精神状态良好，居家环境整洁，提醒按时服药。",
         "入户探访，了解近期饮食起居，协助清理过期药品。",
         "入户探访，检查燃气和用电安全，叮嘱夜间注意防滑。",
         "入户探访，陪伴聊天，了解子女近期联系情况。",
         "入户探访，孩子学习情况稳定，与监护人沟通作业辅导安排。")
_PHONE = ("电话问候，身体状况平稳，无紧急需求。",
          "电话问候，提醒近期降温注意保暖。",
          "电话问候，告知社区义诊时间，对方表示会参加。")


class Visits(GeneratorBase):
    """Visitors and care visits by the station's visit rules."""

    def care_visits(self) -> None:
        """Assign the visitors and write the visits (after the year's other records)."""
        by = visit_rules.table(database)
        if not by or not self.client_ids or not self.active_worker_ids:
            return
        # (a source of its own: the main one's next draws stay as they were)
        rng = random.Random(repr(self.rng.getstate()[1][:4]))
        random_ = rng.random
        workers, vols = self.active_worker_ids, self.volunteer_ids
        reg = dict(zip(self.client_ids, self.client_reg, strict=True))
        visitors: list[Row] = []
        visits: list[Row] = []
        for cid, groups in self.cur.execute(
                "SELECT id, target_groups FROM client WHERE id >= ? AND status = 'active' "
                "AND deleted = 0 ORDER BY id", (self.client_ids[0],)).fetchall():
            codes = text_to_codes(groups)
            rule = visit_rules.shortest(by, codes, "")
            if rule is None:
                continue
            every, way = rule
            worker = workers[int(random_() * len(workers))]
            volunteer = vols[int(random_() * len(vols))] if vols and \
                random_() < VOLUNTEER_SHARE else None
            visitors.append((worker, volunteer, cid))
            r = random_()
            if r < NEVER_SHARE:
                continue
            if r < NEVER_SHARE + OVERDUE_SHARE:
                day = self.today_ord - every - rng.randint(1, every)
            else:
                day = self.today_ord - rng.randint(0, every - 1)
            category, fieldcode = visit_rules.care_category(codes)
            phone = way == "phone"
            title = _("电话问候", "Phone call") if phone else _("邻里守望入户探访",
                                                             "Care home visit")
            for _k in range(rng.randint(2, 3)):
                if day < reg.get(cid, day):
                    break
                visits.append((self.day(day), "individual", category, fieldcode, title,
                               rng.choice(_PHONE if phone else _HOME), None,
                               rng.choice((10, 15, 20) if phone else (30, 45, 60)), 1, 1,
                               worker, None, self.station_id, cid))
                day -= every + rng.randint(-1, 2)
        self.cur.executemany("UPDATE client SET visitor_worker_id = ?, visitor_volunteer_id = ? "
                             "WHERE id = ?", visitors)
        visits.sort(key=lambda v: v[0])  # (entered in date order, as a station does)
        main, self.rng = self.rng, rng  # (their uids too)
        try:
            heads = self.heads("service_record", len(visits))
        finally:
            self.rng = main
        self.synced("service_record", ("date", "kind", "category", "field", "title", "content",
                                       "place", "duration_min", "headcount", "care_visit",
                                       "worker_id", "project_id", "station_id",
                                       "work_group_id", "session_no", "observations",
                                       "activity_id"),  # (the columns the records' SQL has)
                    [(*h, *v[:-1], None, None, None, None)
                     for h, v in zip(heads, visits, strict=True)])
        self.insert("service_participant", ("record_id", "client_id"),
                    [(h[0], v[-1]) for h, v in zip(heads, visits, strict=True)])
        self.report(_("邻里守望探访", "care visits"), len(visits), len(visits))
