"""Demo activity: projects with their indicators and evaluations, and a year of
service records with participants, volunteer hours and partners' contributions."""

from __future__ import annotations

import datetime as dt
import heapq
from itertools import accumulate, groupby

from swdesk import reference
from swdesk.demo.bulk import CHUNK, Row
from swdesk.demo.community import Community
from swdesk.demo.file_texts import OBSERVATIONS
from swdesk.demo.groupwork import GroupWork, Session
from swdesk.demo.seasons import SEASONS, in_season
from swdesk.demo.vocabulary import (
    CARE_SHARE,
    CARE_VISITS,
    CONTRIBUTIONS,
    FINDINGS,
    KIND_SHARE,
    TEMPLATES,
)
from swdesk.i18n import _
from swdesk.services import indicators

GRADES = ("excellent", "good", "pass", "fail")
# The least share of its indicators' targets (at the period's pace) each grade needs, and
# the score range that goes with it.
GRADE_FLOORS = {"excellent": 1.0, "good": 0.9, "pass": 0.7, "fail": 0.0}
SCORES = {"excellent": (90, 98), "good": (80, 89), "pass": (60, 79), "fail": (45, 59)}
# A project's pace (share of its targets its records reach) for the grade it is meant to get.
PACES = {"excellent": (1.03, 1.08, 1.12), "good": (0.93, 0.95, 0.97),
         "pass": (0.76, 0.8, 0.85), "fail": (0.55, 0.62)}


def grade_of(reached: float) -> str:
    """The grade of a period whose indicators reached ``reached`` of their targets on
    average (each counted up to 120 %)."""
    return next(g for g in GRADES if reached >= GRADE_FLOORS[g])


def score_of(reached: float) -> int:
    """The score within its grade's range, higher the further past the grade's floor."""
    grade = grade_of(reached)
    low, high = SCORES[grade]
    floor = GRADE_FLOORS[grade]
    ceiling = 1.2 if grade == "excellent" else GRADE_FLOORS[GRADES[GRADES.index(grade) - 1]]
    return low + round((high - low) * min(1.0, (reached - floor) / (ceiling - floor)))


def _round_target(value: float) -> int:
    """A target as a contract writes it: two significant figures."""
    value = max(1.0, value)
    step = 10 ** max(0, len(str(int(value))) - 2)
    return max(1, round(value / step) * step)


class Activity(GroupWork, Community):
    """Projects, indicators, evaluations, service records and what hangs off them: the
    groups whose sessions they are and the community activities they hold."""

    # --- projects -----------------------------------------------------------------------

    def projects_(self) -> None:
        rng = self.rng
        t = self.today
        # One running into its third year (first purchase), one in its second, maybe a new one.
        specs = [(26, 3, f"{self.home_street}社会工作服务站运营项目", True),
                 (13, 2, f"{self.district_zh}困境儿童关爱服务项目", False)]
        if rng.random() < 0.5:
            specs.append((5, 1, f"{self.home_street}长者邻里守望服务项目", True))
        rows = []
        spans = []
        for i, (head, (months_ago, years, name, first)) in enumerate(
                zip(self.heads("project", len(specs)), specs, strict=True), start=1):
            m = t.year * 12 + t.month - 1 - months_ago
            start = dt.date(m // 12, m % 12 + 1, 1)
            end = dt.date(start.year + years, start.month, 1) - dt.timedelta(days=1)
            budget = rng.randint(40, 150) * 10_000 * years
            labour = round(budget * rng.uniform(0.72, 0.82), -2)
            rows.append((*head,
                name, f"{self.origin}-P{start.year}{i:02d}",
                f"{self.district_zh}{self.home_street}办事处", rng.choice(self.agency_ids),
                self.station_id, start.isoformat(), end.isoformat(), budget, labour,
                rng.choice((118_000, 124_000, 131_000)), 1 if first else 0))
            spans.append((head[0], start, end, first, years))
        self.synced("project", ("name", "code", "purchaser", "agency_id", "station_id",
                                "start_on", "end_on", "budget", "labour_cost", "avg_wage_basis",
                                "first_purchase"), rows)
        self.projects = [(pid, s.toordinal(), e.toordinal()) for pid, s, e, _f, _y in spans]
        self.report(_("项目", "projects"), len(rows), len(rows))

        self.project_spans = spans

    def project_results(self) -> None:
        """Each project's indicators and evaluations, made after its service records so that
        they agree: a target is what the project's records show at the pace of the
        performance the project was given (a year's worth), and an evaluation whose period
        the records cover is graded by how far its indicators were reached."""
        rng = self.rng
        data_first = self.today_ord - 364
        scale = max(1, len(self.client_ids) // 1000)
        fallback = {"cases": 30 * scale, "groups": 12 * scale, "activities": 24 * scale,
                    "person_times": 3000 * scale, "clients": 300 * scale,
                    "volunteer_hours": 2000 * scale, "care_visits": 200 * scale}
        ind: list[Row] = []
        evals: list[Row] = []
        for pid, start, end, first, years in self.project_spans:
            pace = rng.choice(PACES[rng.choices(GRADES, (35, 45, 17, 3))[0]])
            kinds = rng.sample(list(fallback), rng.randint(4, 6))
            # The pace is measured on the latest stretch of the contract the records cover.
            ref_first = max(start.toordinal(), data_first,
                            min(end.toordinal(), self.today_ord) - 364)
            ref_last = min(end.toordinal(), self.today_ord)
            got = indicators.counts(pid, dt.date.fromordinal(ref_first),
                                    dt.date.fromordinal(ref_last), tuple(kinds)) \
                if ref_last - ref_first >= 60 else {}
            share = (ref_last - ref_first + 1) / 365
            targets: dict[str, int] = {}
            for kind in kinds:
                actual = float(got.get(kind, 0))
                target = (actual / share / (pace * rng.uniform(0.93, 1.07)) if actual
                          else fallback[kind] * rng.uniform(0.8, 1.2))
                targets[kind] = _round_target(target)
                ind.append((pid, kind, targets[kind], "每个执行年度"))
            evals += self.evaluations(pid, start, end, first, years, targets, pace)
        heads = self.heads("indicator", len(ind))
        self.synced("indicator", ("project_id", "kind", "target", "note"),
                    [h + r for h, r in zip(heads, ind, strict=True)])
        if evals:
            heads = self.heads("evaluation", len(evals))
            self.synced("evaluation", ("project_id", "kind", "year_no", "evaluated_on", "grade",
                                       "score", "evaluator", "notes"),
                        [h + r for h, r in zip(heads, evals, strict=True)])

    def evaluations(self, pid: int, start: dt.date, end: dt.date, first: bool, years: int,
                    targets: dict[str, int], pace: float) -> list[Row]:
        """The evaluations due by today: a midterm and a final for a first purchase, one a
        year. Each is graded on its period's indicators where the records cover it (a period
        from before them keeps the project's pace)."""
        rng = self.rng
        due: list[tuple[str, int, dt.date, dt.date]] = []  # kind, year, first day, on
        if first:
            due.append(("midterm", 1, start, start + dt.timedelta(days=182)))
        for y in range(1, years + 1):
            year_start = dt.date(start.year + y - 1, start.month, 1)
            due.append(("annual", y, year_start,
                        dt.date(start.year + y, start.month, 1) - dt.timedelta(days=1)))
        if first:
            due.append(("final", years, start, end))
        rows: list[Row] = []
        for kind, year_no, period_first, on in due:
            if on > self.today:
                continue
            covered_first = max(period_first.toordinal(), self.today_ord - 364)
            covered = on.toordinal() - covered_first + 1
            shares: dict[str, float] = {}
            if covered >= 0.8 * (on - period_first).days:
                got = indicators.counts(pid, dt.date.fromordinal(covered_first), on,
                                        tuple(targets))
                shares = {k: float(got.get(k, 0)) / (t * covered / 365)
                          for k, t in targets.items() if t}
            reached = sum(min(v, 1.2) for v in shares.values()) / len(shares) if shares \
                else pace * rng.uniform(0.95, 1.05)
            grade = grade_of(reached)
            score = score_of(reached)
            short = [reference.label("indicator_kind", k) for k, v in shares.items() if v < 0.9]
            notes = (f"{'、'.join(short)}未达到进度要求；" if short else "") + FINDINGS[grade]
            rows.append((pid, kind, year_no, on.isoformat(), grade, score,
                         "厦门市社会工作协会", notes))
        return rows

    # --- service records ----------------------------------------------------------------

    def record_templates(self) -> tuple[list[Row], list[float]]:
        """Every (template, field) pair of individual and community work as one choice,
        weighted so the kinds come out in their shares with 5 % care visits, and each
        pair's weight (not cumulative)."""
        kind_total: dict[str, float] = {}
        for _c, kind, w, *_rest in TEMPLATES:
            kind_total[kind] = kind_total.get(kind, 0) + w
        combos: list[Row] = []
        weights: list[float] = []
        base = {"individual": 60, "community": 120}
        for category, kind, w, title, fields, pool, place, content in TEMPLATES:
            share = KIND_SHARE[kind] - (CARE_SHARE if kind == "individual" else 0)
            for f in fields:
                combos.append((kind, category, f, title, content, place, base[kind], 0, pool))
                weights.append(share * w / kind_total[kind] / len(fields))
        for category, title, content in CARE_VISITS:
            combos.append(("individual", category, "community", title, content,
                           "服务对象家中", 30, 1, "elderly"))
            weights.append(CARE_SHARE / len(CARE_VISITS))
        return combos, weights

    def seasonal_weights(self, combos: list[Row], weights: list[float],
                         ords: list[int]) -> dict[str, list[float]]:
        """The days of ``ords`` by which seasonal templates they allow (a key of their
        titles), and for each key the cumulative weights for ``choices``: a template out of
        season weighs nothing; in season it weighs as much more as its season is short, so
        that over a year it keeps its share."""
        titles = sorted({c[3] for c in combos if c[3] in SEASONS})
        allowed = {t: [o for o in ords if in_season(t, dt.date.fromordinal(o))] for t in titles}
        boost = {t: min(8.0, len(ords) / max(1, len(days))) for t, days in allowed.items()}
        self.season_of = {}
        for o in ords:
            self.season_of[self.day(o)] = "|".join(
                t for t in titles if in_season(t, dt.date.fromordinal(o)))
        cums: dict[str, list[float]] = {}
        for key in set(self.season_of.values()):
            held = set(key.split("|")) if key else set()
            cums[key] = list(accumulate(
                w * (boost[c[3]] if c[3] in held else 0.0) if c[3] in SEASONS else w
                for c, w in zip(combos, weights, strict=True)))
        return cums

    def record_days(self, n: int) -> list[str]:
        """``n`` dates over the past year in order (weekends quieter), oldest first."""
        rng = self.rng
        ords = list(range(self.today_ord - 364, self.today_ord + 1))
        weights = [0.45 if dt.date.fromordinal(o).weekday() >= 5 else 1.0 for o in ords]
        total = sum(weights)
        counts = [int(n * w / total) for w in weights]
        for extra in rng.choices(range(len(ords)), weights, k=n - sum(counts)):
            counts[extra] += 1
        days: list[str] = []
        for o, c in zip(ords, counts, strict=True):
            days.extend([self.day(o)] * c)
        return days

    def service_records(self, n: int) -> None:
        """``n`` records of the past year: the sessions of the groups (about the group
        share of them), then individual work and community activities (each with its
        activity file) on the other days, all written in date order."""
        if n <= 0:
            return
        rng = self.rng
        random_ = rng.random
        sessions = self.groups(round(n * KIND_SHARE["group"]))
        combos, weights = self.record_templates()
        slots = self.record_slots(self.record_days(n - len(sessions)), sessions)
        cums = self.seasonal_weights(combos, weights,
                                     list(range(self.today_ord - 364, self.today_ord + 1)))
        season_of = self.season_of
        self.start_activities([c for c in combos if c[0] == "community"],
                              round(n * KIND_SHARE["community"]))
        stage = _("服务记录", "service records")
        pools = self.pools
        vols = self.volunteer_ids
        nv = len(vols)
        workers = self.active_worker_ids
        partners = self.partners
        # Projects running on each day of the year, for records that count toward one.
        by_day: dict[str, list[int]] = {}
        for day in range(self.today_ord - 364, self.today_ord + 1):
            by_day[self.day(day)] = [p for p, start, end in self.projects if start <= day <= end]
        hours = (0.5, 1, 1, 1.5, 2, 2, 2, 2.5, 3, 3, 4)
        o, s = self.origin, self.stamp
        uid4 = self.uids
        record_cols = ("date", "kind", "category", "field", "title", "content", "place",
                       "duration_min", "headcount", "care_visit", "worker_id", "project_id",
                       "station_id", "work_group_id", "session_no", "observations",
                       "activity_id")
        hour_cols = ("volunteer_id", "date", "hours", "content", "record_id", "project_id")
        first = self.next_id("service_record")
        first_hour = self.next_id("volunteer_hour")
        station = self.station_id
        done = 0
        while done < n:
            batch = min(CHUNK, n - done)
            chunk = slots[done:done + batch]
            picks: list[Row] = []
            for key, run in groupby((d for d, g in chunk if g is None),
                                    key=season_of.__getitem__):
                picks += rng.choices(combos, cum_weights=cums[key], k=len(list(run)))
            pick = iter(picks)
            chosen_workers = rng.choices(workers, k=batch)
            extra_min = rng.choices((0, 15, 30, 45, 60), k=batch)
            uids = uid4(batch)
            rows: list[Row] = []
            parts: list[Row] = []
            vh: list[Row] = []
            sp: list[Row] = []
            for j in range(batch):
                rid = first + done + j
                date, session = chunk[j]
                if session is not None:
                    row = self.session_record(rid, uids[j], session, station)
                    parts.extend([(rid, c) for c in session.members])
                    project = session.project
                    title = session.title
                    named = 0
                    aid = None
                else:
                    kind, category, field, title, content, place, dur, care, pool_key = \
                        next(pick)
                    pool = pools[pool_key]
                    r = random_()
                    named = 0
                    if kind == "individual":
                        headcount = 1
                        if pool:
                            parts.append((rid, pool[int(r * len(pool))]))
                    else:
                        headcount = 20 + int(r * 181)
                        k = int(random_() * 6)  # a few named participants
                        if pool:
                            named = k = min(k, len(pool))
                            at = int(random_() * (len(pool) - k + 1))
                            parts.extend([(rid, c) for c in pool[at:at + k]])
                    running = by_day[date]
                    project = running[int(random_() * len(running))] if running and \
                        random_() < 0.4 else None
                    aid = None
                    if kind == "community":
                        self.cancelled_until(self.ordinal(date))  # (numbers in date order)
                        aid = self.take_id()
                    row = (rid, uids[j], o, 1, s, 0, date, kind, category, field, title,
                           content, place, dur + extra_min[j], headcount, care,
                           chosen_workers[j], project, station, None, None, None, aid)
                rows.append(row)
                helpers = 0
                if nv and random_() < 0.3:
                    m = helpers = min(nv, 1 + int(random_() * 3))
                    at = int(random_() * (nv - m + 1))
                    for v in vols[at:at + m]:
                        vh.append((first_hour + len(vh), v, date,
                                   hours[int(random_() * len(hours))], title, rid, project))
                partner = None
                if random_() < 0.1:
                    pid, pkind = partners[int(random_() * len(partners))]
                    contribution, low, high = rng.choice(CONTRIBUTIONS[pkind])
                    partner = (pid, contribution)
                    sp.append((rid, pid, contribution,
                               rng.randint(low // 100, high // 100) * 100 if high else None))
                if aid is not None:
                    self.held(aid, self.ordinal(date), row, named, helpers, partner)
            self.write_activities()
            self.synced("service_record", record_cols, rows)
            self.insert("service_participant", ("record_id", "client_id"), parts)
            self.insert("service_partner", ("record_id", "partner_id", "contribution",
                                            "value"), sp)
            hour_uids = uid4(len(vh))
            self.synced("volunteer_hour", hour_cols,
                        [(h[0], u, o, 1, s, 0, *h[1:]) for h, u in zip(vh, hour_uids,
                                                                      strict=True)])
            first_hour += len(vh)
            done += batch
            self.report(stage, done, n)
        self.finish_activities(n * KIND_SHARE["community"] / 52)

    def record_slots(self, days: list[str],
                     sessions: list[Session]) -> list[tuple[str, Session | None]]:
        """The other records' days and the groups' sessions merged in date order."""
        return list(heapq.merge(((d, None) for d in days), ((x.date, x) for x in sessions),
                                key=lambda slot: slot[0]))

    def session_record(self, rid: int, uid: str, x: Session, station: int) -> Row:
        """The service record of a group's session: its attendance is its head count."""
        return (rid, uid, self.origin, 1, self.stamp, 0, x.date, "group", x.category,
                x.field, x.title, x.content, x.place, self.rng.choice((90, 90, 120)),
                len(x.members), 0, x.worker, x.project, station, x.group_id, x.no,
                self.rng.choice(OBSERVATIONS), None)

    def ordinal(self, day: str) -> int:
        return dt.date.fromisoformat(day).toordinal()
