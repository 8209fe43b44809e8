"""The contract figures counted again in Python from the rows themselves, by the rules'
words in ``swdesk/services/contract_figures.py``: the independent count the kept figures
and the SQL count are both held to (``test_kept_recount.py``)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from swdesk.model import (
    Case,
    CaseLog,
    Client,
    ServiceParticipant,
    ServiceRecord,
    VolunteerHour,
    WorkGroup,
)
from swdesk.model.described import text_to_codes


@dataclass(frozen=True)
class Rows:
    """Every row a figure reads, read once per check."""

    records: list[tuple[int, dt.date, str, int | None, int, bool, int | None]]
    participants: dict[int, list[int]]  # record -> clients
    logs: list[tuple[dt.date, bool, int | None, int]]  # live logs of live cases
    cases: list[tuple[dt.date, dt.date | None, int | None]]
    groups: set[int]  # live groups
    hours: list[tuple[dt.date, Decimal, int | None]]
    clients: dict[int, list[str]]  # live clients -> target groups


def read_rows() -> Rows:
    records = [(int(r.id), r.date, str(r.kind), r.project_id, int(r.headcount or 0),
                bool(r.care_visit), r.work_group_id) for r in ServiceRecord.live()]
    participants: dict[int, list[int]] = {}
    for p in ServiceParticipant.select():
        participants.setdefault(int(p.record_id), []).append(int(p.client_id))
    live_cases = {int(c.id): c for c in Case.live()}
    logs = [(log.date, bool(log.care_visit), live_cases[log.case_id].project_id,
             int(live_cases[log.case_id].client_id))
            for log in CaseLog.live() if log.case_id in live_cases]
    cases = [(c.opened_on, c.closed_on, c.project_id) for c in live_cases.values()]
    hours = [(h.date, Decimal(h.hours), h.project_id) for h in VolunteerHour.live()]
    clients = {int(c.id): text_to_codes(c.target_groups or "") for c in Client.live()}
    return Rows(records, participants, logs, cases, {int(g.id) for g in WorkGroup.live()},
                hours, clients)


def recount(rows: Rows, first: dt.date, last: dt.date, project: int | None
            ) -> tuple[dict[str, Decimal], tuple[int, dict[str, int]]]:
    """Every figure of the period (and project), and 服务对象人数 by target group."""

    def mine(p: int | None) -> bool:
        return project is None or p == project

    recs = [r for r in rows.records if first <= r[1] <= last and mine(r[3])]
    logs = [lg for lg in rows.logs if first <= lg[0] <= last and mine(lg[2])]
    served = {c for r in recs for c in rows.participants.get(r[0], [])}
    served |= {lg[3] for lg in logs}
    served &= set(rows.clients)
    tally: Counter[str] = Counter()
    for c in served:
        tally.update(rows.clients[c])
    hundredths = sum(int((h[1] * 100).to_integral_value()) for h in rows.hours
                     if first <= h[0] <= last and mine(h[2]))
    out = {
        "cases": Decimal(sum(1 for opened, closed, p in rows.cases if opened <= last
                             and (closed is None or closed >= first) and mine(p))),
        "groups": Decimal(len({r[6] for r in recs if r[2] == "group" and r[6] in rows.groups})),
        "group_sessions": Decimal(sum(1 for r in recs if r[2] == "group")),
        "activities": Decimal(sum(1 for r in recs if r[2] == "community")),
        "person_times": Decimal(sum(r[4] for r in recs) + len(logs)),
        "clients": Decimal(len(served)),
        "care_visits": Decimal(sum(r[5] for r in recs) + sum(lg[1] for lg in logs)),
        "volunteer_hours": (Decimal(hundredths) / 100).quantize(Decimal("0.01")),
    }
    return out, (len(served), dict(tally))
