"""Demo community activities: the file (plan, sign-in counts, summary, satisfaction) of
every community activity a service record holds, a few cancelled and a few planned ahead.

An activity held is written beside the record that holds it (``ServiceRecord.activity``):
its date, title and worker are the record's, its unnamed head count is the record's
head count less the named sign-ins, the expected turnout close to who came. Numbers
(``<station>-A<year>-<seq>``) follow the dates, as a station gives them plan by plan.
"""

from __future__ import annotations

from swdesk.demo.base import GeneratorBase
from swdesk.demo.bulk import Row
from swdesk.demo.file_texts import (
    ACTIVITY_AIMS,
    ACTIVITY_CANCELLED,
    ACTIVITY_PLAN,
    ACTIVITY_SUMMARIES,
)
from swdesk.demo.seasons import in_season

ACTIVITY_COLUMNS = ("activity_no", "title", "worker_id", "project_id", "category", "field",
                    "status", "planned_on", "place", "expected_turnout", "aims", "plan",
                    "partners_note", "volunteers_note", "unnamed_count", "summary",
                    "surveyed", "satisfied")


class Community(GeneratorBase):
    """Community activities' rows, made as the service records are."""

    def start_activities(self, community: list[Row], expected: int) -> None:
        """Get ready for a run of about ``expected`` activities held: the templates to
        draw cancelled and planned ones from, and the days of those cancelled."""
        self.activity_templates = community
        self.next_activity = self.next_id("community_activity")
        self.activity_no: dict[int, int] = {}
        self.pending: list[Row] = []  # rows not yet written, in id order
        self.partner_names: dict[int, str] = dict(
            self.cur.execute("SELECT id, name FROM partner").fetchall())
        cancelled = max(1, round(expected * 0.03)) if expected else 0
        self.cancelled_days = sorted(self.days_ago(1, 360) for _i in range(cancelled))

    def number(self, ordinal: int) -> str:
        year = self.date_of(ordinal).year
        if year not in self.activity_no:
            self.activity_no[year] = self.last_number("community_activity", "activity_no",
                                                      f"A{year}-")
        self.activity_no[year] += 1
        return f"{self.origin}-A{year}-{self.activity_no[year]:03d}"

    def take_id(self) -> int:
        aid = self.next_activity
        self.next_activity += 1
        return aid

    def cancelled_until(self, ordinal: int) -> None:
        """The activities cancelled before day ``ordinal`` (so numbers keep date order)."""
        while self.cancelled_days and self.cancelled_days[0] <= ordinal:
            day = self.cancelled_days.pop(0)
            self.not_held(day, "cancelled")

    def not_held(self, ordinal: int, status: str) -> None:
        rng = self.rng
        date = self.date_of(ordinal)
        fits = [t for t in self.activity_templates if in_season(t[3], date)]
        if not fits:
            return
        _kind, category, field, title, _content, place, *_rest = rng.choice(fits)
        expected = rng.randint(4, 20) * 10
        self.pending.append((self.take_id(), self.number(ordinal), title,
                             rng.choice(self.active_worker_ids), None, category, field,
                             status, self.day(ordinal), place, expected,
                             rng.choice(ACTIVITY_AIMS), ACTIVITY_PLAN, None,
                             f"拟招募志愿者{rng.randint(2, 8)}名，协助签到与秩序维护",
                             0, rng.choice(ACTIVITY_CANCELLED) if status == "cancelled"
                             else None, None, None))

    def held(self, aid: int, ordinal: int, record: Row, named: int, volunteers: int,
             partner: tuple[int, str] | None) -> None:
        """The file of activity ``aid`` held by ``record`` (a service-record row:
        date, kind, category, field, title, content, place, duration, headcount, care,
        worker, project at its usual offsets)."""
        rng = self.rng
        category, field, title, place = record[8], record[9], record[10], record[12]
        headcount, worker, project = record[14], record[16], record[17]
        surveyed = min(headcount, max(10, round(headcount * rng.uniform(0.25, 0.5))))
        self.pending.append((
            aid, self.number(ordinal), title, worker, project, category, field, "held",
            self.day(ordinal), place, max(10, round(headcount * rng.uniform(0.85, 1.2) / 5) * 5),
            rng.choice(ACTIVITY_AIMS), ACTIVITY_PLAN,
            None if partner is None else
            f"{self.partner_names.get(partner[0], '合作单位')}：{partner[1]}",
            f"志愿者{volunteers}名，负责签到、秩序维护和物资发放" if volunteers else None,
            headcount - named, rng.choice(ACTIVITY_SUMMARIES), surveyed,
            int(surveyed * rng.uniform(0.86, 0.985))))

    def write_activities(self) -> None:
        if self.pending:
            o, s = self.origin, self.stamp
            self.synced("community_activity", ACTIVITY_COLUMNS,
                        [(r[0], u, o, 1, s, 0, *r[1:]) for r, u in zip(
                            self.pending, self.uids(len(self.pending)), strict=True)])
            self.pending = []

    def finish_activities(self, per_week: float) -> None:
        """The ones cancelled late in the year, and those planned for the next weeks."""
        self.cancelled_until(self.today_ord)
        ahead = max(2, round(per_week * 1.5))
        for day in sorted(self.today_ord + self.rng.randint(1, 28) for _i in range(ahead)):
            self.not_held(day, "planned")
        self.write_activities()
