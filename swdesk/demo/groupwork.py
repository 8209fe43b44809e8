"""Demo group work: each worker's groups of the year with their members and pre/post
measures, and the weekly sessions that the service records then write.

A group (小组) has six to twelve members drawn from its target group and four to eight
planned sessions, held weekly from its start; each session's attendance is most of the
members still in the group. Its status follows the dates: planned before the first
session, running until the last, ended (with its summary) after it; a few never start.
"""

from __future__ import annotations

from typing import NamedTuple

from swdesk.demo.base import GeneratorBase
from swdesk.demo.file_texts import (
    GROUP_CANCELLED,
    GROUP_PLANS,
    GROUP_SUMMARIES,
    GroupPlan,
)
from swdesk.demo.seasons import school_term
from swdesk.i18n import _

# The pre/post scale a group uses: the built-in 社会支持与孤独感自评量表 (its definition is
# the questionnaires' data; the demo stores each member's answers as a response saved
# through them would: answer codes "1".."5" by item, the total with items 6-8 reversed,
# no band, as the scale has none).
GROUP_SCALE = "social_support"
ITEMS = tuple(sorted(f"q{i}" for i in range(1, 11)))  # in the order the stored JSON has
FLIPPED = tuple(q in ("q6", "q7", "q8") for q in ITEMS)


class Session(NamedTuple):
    """One session of a group, as the service record that holds it."""

    date: str
    group_id: int
    no: int
    category: str
    field: str
    title: str
    content: str
    place: str
    worker: int
    project: int | None
    members: list[int]  # who came


class GroupWork(GeneratorBase):
    """Groups, their members and pre/post measures; their sessions for the records."""

    def groups(self, sessions: int) -> list[Session]:
        """Groups whose sessions held by today number about ``sessions`` (none if that is
        fewer than one short group); writes the groups, members and measures and returns
        the held sessions in date order."""
        workers = self.active_worker_ids
        if sessions < 4 or not workers:
            return []
        rng = self.rng
        weights = [p.weight for p in GROUP_PLANS]
        made: list[tuple[int, GroupPlan, int, int]] = []  # (start, plan, sessions, worker)
        held = 0
        for _attempt in range(sessions * 4):
            if held >= sessions:
                break
            plan = rng.choices(GROUP_PLANS, weights)[0]
            n = rng.randint(4, 8)
            start = self.group_start(plan)
            if start is None:
                continue
            days = [start + 7 * k for k in range(n)]
            if plan.season == "term" and not all(
                    school_term(self.date_of(d)) for d in days):
                continue
            came = sum(d <= self.today_ord for d in days)
            if held + came > sessions + 8:
                continue
            made.append((start, plan, n, rng.choice(workers)))
            held += came
        # And the next groups being recruited for, about one for every two workers.
        for _i in range(max(1, len(workers) // 2)):
            plan = rng.choices(GROUP_PLANS, weights)[0]
            start = self.today_ord + rng.randint(3, 35)
            if plan.season != "summer" and (plan.season != "term" or all(
                    school_term(self.date_of(start + 7 * k)) for k in range(8))):
                made.append((start, plan, rng.randint(4, 8), rng.choice(workers)))
        made.sort(key=lambda m: m[0])  # ids and numbers follow the planned starts
        return self.write_groups(made)

    def group_start(self, plan: GroupPlan) -> int | None:
        """The first session's day: any day of the past year or the next five weeks (a
        summer group in early July); None if its season is not in that span."""
        rng = self.rng
        first, last = self.today_ord - 364, self.today_ord + 35
        if plan.season == "summer":
            for year in (self.today.year, self.today.year - 1):
                start = self.date_of(first).replace(year=year, month=7, day=1).toordinal()
                if first <= start <= last:
                    return start + rng.randint(0, 14)
            return None
        return rng.randint(first, last)

    def write_groups(self, made: list[tuple[int, GroupPlan, int, int]]) -> list[Session]:
        rng = self.rng
        heads = self.heads("work_group", len(made))
        next_no: dict[int, int] = {}
        groups: list[tuple[object, ...]] = []
        members: list[tuple[object, ...]] = []
        measures: list[tuple[object, ...]] = []
        sessions: list[Session] = []
        for head, (start, plan, n, worker) in zip(heads, made, strict=True):
            gid = head[0]
            year = self.date_of(start).year
            if year not in next_no:
                next_no[year] = self.last_number("work_group", "group_no", f"G{year}-") + 1
            group_no = f"{self.origin}-G{year}-{next_no[year]:03d}"
            next_no[year] += 1
            themes = plan.sessions[:n - 1] + plan.sessions[-1:]
            days = [start + 7 * k for k in range(n)]
            joined = self.join_day(start)
            who = self.recruit(plan.pool, joined, rng.randint(6, 12))
            # A few never start, and none does with fewer than three members.
            cancelled = start <= self.today_ord and (rng.random() < 0.04 or len(who) < 3)
            if cancelled:
                who = []
            held = 0 if cancelled else sum(d <= self.today_ord for d in days)
            status = ("cancelled" if cancelled else "planned" if held == 0
                      else "ended" if held == n else "running")
            running = [p for p, s, e in self.projects if s <= start <= e]
            project = rng.choice(running) if running and rng.random() < 0.6 else None
            left = self.dropout(who, days[:held])
            for cid in who:
                out = left.get(cid)
                members.append((gid, cid, self.day(joined), None if out is None else
                                self.day(out[1]), "因家中有事退出" if out else None))
            rate = rng.uniform(0.72, 0.94)
            for k, (day, theme) in enumerate(zip(days[:held], themes, strict=False), start=1):
                staying = [c for c in who if c not in left or left[c][0] >= k]
                came = [c for c in staying if rng.random() < rate]
                if len(came) < min(3, len(staying)):
                    came = rng.sample(staying, min(3, len(staying)))
                name = theme.split("：")[0]
                sessions.append(Session(self.day(day), gid, k, plan.category, plan.field,
                                        f"{plan.name}第{k}节：{name}", theme, plan.place,
                                        worker, project, came))
            if held:
                measures += self.prepost(gid, worker, who, left, days[0],
                                         days[-1] if status == "ended" else None)
            groups.append((*head,
                group_no, plan.name, worker, project, plan.category, plan.field, status,
                self.day(start), self.day(days[-1]), n, plan.recruits, plan.aims,
                "；".join(f"第{k}节 {t}" for k, t in enumerate(themes, start=1)),
                GROUP_SCALE, self.day(days[-1]) if status == "ended" else None,
                rng.choice(GROUP_SUMMARIES) if status == "ended"
                else rng.choice(GROUP_CANCELLED) if cancelled else None))
        self.synced("work_group", ("group_no", "name", "worker_id", "project_id", "category",
                                   "field", "status", "planned_start", "planned_end",
                                   "planned_sessions", "target_members", "aims", "plan",
                                   "scale", "ended_on", "summary"), groups)
        heads = self.heads("group_member", len(members))
        self.synced("group_member", ("work_group_id", "client_id", "joined_on", "left_on",
                                     "note"), [h + m for h, m in zip(heads, members,
                                                                     strict=True)])
        heads = self.heads("questionnaire_response", len(measures))
        self.synced("questionnaire_response", (
            "questionnaire", "q_version", "phase", "date", "client_id", "work_group_id",
            "answers", "score", "band", "worker_id"),
            [h + m for h, m in zip(heads, measures, strict=True)])
        self.report(_("小组", "groups"), len(groups), len(groups))
        sessions.sort(key=lambda s: s.date)
        return sessions

    def join_day(self, start: int) -> int:
        """Members sign up in the fortnight before the first session (by today at most)."""
        return min(self.today_ord, start - self.rng.randint(1, 14))

    def recruit(self, pool_key: str, joined: int, n: int) -> list[int]:
        """``n`` clients of the pool registered by ``joined`` (fewer if it has fewer)."""
        if not self.registered_on:
            self.registered_on = dict(zip(self.client_ids, self.client_reg, strict=True))
        pool = self.pools.get(pool_key) or self.pools.get("all") or []
        picked: list[int] = []
        seen: set[int] = set()
        for _try in range(4 * n):
            if len(picked) >= n or not pool:
                break
            cid = pool[int(self.rng.random() * len(pool))]
            if cid not in seen and self.registered_on.get(cid, joined) <= joined:
                picked.append(cid)
            seen.add(cid)
        return picked

    def dropout(self, who: list[int], days: list[int]) -> dict[int, tuple[int, int]]:
        """Now and then one member leaves after a session: client -> (last session
        attended, day left)."""
        rng = self.rng
        if len(days) < 3 or len(who) < 6 or rng.random() >= 0.2:
            return {}
        after = rng.randint(1, len(days) - 2)
        left_on = min(self.today_ord, days[after - 1] + rng.randint(1, 6))
        return {rng.choice(who): (after, left_on)}

    def prepost(self, gid: int, worker: int, who: list[int],
                left: dict[int, tuple[int, int]], first: int,
                last: int | None) -> list[tuple[object, ...]]:
        """Each member's pre-test at the first session and, once the group has ended, the
        post-test of those who stayed: mostly higher (what the group worked on)."""
        rng = self.rng
        random_ = rng.random
        rows: list[tuple[object, ...]] = []
        for cid in who:
            level = rng.uniform(2.0, 3.6)
            gain = rng.uniform(0.3, 1.1) if random_() < 0.82 else rng.uniform(-0.3, 0.2)
            phases = [("pre", first, level)]
            if last is not None and cid not in left:
                phases.append(("post", last, min(4.5, level + gain)))
            for phase, day, mean in phases:
                # Each item one below to one above the member's level, around it; a
                # reversed item is answered the other way round, and scored back.
                low = mean - 0.5
                values = [min(5, int(low + 2 * random_())) for _q in ITEMS]
                answers = ", ".join(f'"{q}": "{6 - v if flip else v}"'
                                    for q, flip, v in zip(ITEMS, FLIPPED, values, strict=True))
                rows.append((GROUP_SCALE, 1, phase, self.day(day), cid, gid,
                             "{" + answers + "}", sum(values), None, worker))
        return rows
