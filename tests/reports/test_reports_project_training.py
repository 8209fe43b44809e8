"""Project indicators, labour-cost share, contract consequence; training hours."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from swdesk.model import (
    Case,
    CaseLog,
    Client,
    Evaluation,
    Indicator,
    Project,
    ServiceParticipant,
    ServiceRecord,
    TrainingRecord,
    VolunteerHour,
    Worker,
)
from swdesk.reports.project import consequence, labour_share, project_report
from swdesk.reports.training import training_report
from swdesk.services import crud, training
from swdesk.services.actor import SYSTEM
from swdesk.services.indicators import execution_years, indicator_progress


def _independent(project: Project, kind: str, first: dt.date, last: dt.date) -> Decimal:
    """The contract figure by its rule, counted over the rows in Python."""
    records = [r for r in ServiceRecord.live().where(ServiceRecord.project == project.id)
               if first <= r.date <= last]
    ids = {r.id for r in records}
    parts = [p for p in ServiceParticipant.select() if p.record_id in ids]
    cases = [c for c in Case.live() if c.project_id == project.id]
    logs = [log for log in CaseLog.live() if first <= log.date <= last
            and log.case_id in {c.id for c in cases}]
    live_clients = {c.id for c in Client.live()}
    value = {
        "cases": sum(1 for c in cases if c.opened_on <= last
                     and (c.closed_on is None or c.closed_on >= first)),
        "groups": len({r.work_group_id for r in records if r.kind == "group"
                       and r.work_group_id is not None and not r.work_group.deleted}),
        "group_sessions": sum(1 for r in records if r.kind == "group"),
        "activities": sum(1 for r in records if r.kind == "community"),
        "person_times": sum(r.headcount for r in records) + len(logs),
        "clients": len(({p.client_id for p in parts} | {log.case.client_id for log in logs})
                       & live_clients),
        "care_visits": sum(1 for r in records if r.care_visit)
                       + sum(1 for log in logs if log.care_visit),
        "volunteer_hours": sum((Decimal(h.hours) for h in VolunteerHour.live()
                                if h.project_id == project.id and first <= h.date <= last),
                               Decimal(0)),
    }[kind]
    return Decimal(value)


def test_indicator_progress_equals_independent_counts(demo_db) -> None:
    checked = set()
    for project in Project.live():
        for year in execution_years(project):
            for p in indicator_progress(project, first=year.first, last=year.last):
                assert p.actual == _independent(project, p.kind, year.first, year.last), p
                assert p.target == Indicator.get_by_id(p.indicator_id).target
                checked.add(p.kind)
        whole = indicator_progress(project)
        assert [p.kind for p in whole] == [i.kind for i in Indicator.live().where(
            Indicator.project == project.id).order_by(Indicator.id)]
    assert len(checked) >= 5


def test_labour_share_and_consequence(demo_db) -> None:
    project = Project.select().first()
    share = labour_share(project)
    assert share.share == (Decimal(project.labour_cost) / Decimal(project.budget)).quantize(
        Decimal("0.0001"))
    project.labour_cost = Decimal(project.budget) * Decimal("0.6")
    assert labour_share(project).ok is False
    assert "续签" in consequence("excellent") and "3年" in consequence("excellent")
    assert "终止合同" in consequence("fail")
    assert "不具备申请续签" in consequence("good")


def test_project_report(demo_db, tmp_path: Path, pdf_text) -> None:
    project = Project.select().order_by(Project.id).first()
    out = tmp_path / "project.pdf"
    project_report(project.id, SYSTEM, out)
    text = pdf_text(out)
    for label in ("项目指标进度与评估表", "一、项目基本情况", "二、人员经费占比",
                  "三、服务指标完成情况", "四、评估记录", "五、评估结论与合同处理",
                  "（购买方盖章）"):
        assert label in text, label
    assert project.name in text
    pct = float(Decimal(project.labour_cost) / Decimal(project.budget)) * 100
    assert f"人员经费占比{pct:.1f}%" in text
    assert "符合（不少于70%）" in text
    latest = (Evaluation.live().where(Evaluation.project == project.id)
              .order_by(Evaluation.evaluated_on.desc(), Evaluation.id.desc()).first())
    assert consequence(latest.grade)[:8] in text


def test_failing_evaluation_ends_the_contract_on_paper(demo_db, tmp_path: Path,
                                                       pdf_text) -> None:
    project = Project.select().order_by(Project.id).first()
    crud.create(Evaluation, {"project": project.id, "kind": "annual", "year_no": 1,
                             "evaluated_on": dt.date.today(), "grade": "fail", "score": 50},
                SYSTEM)
    out = tmp_path / "project.pdf"
    project_report(project.id, SYSTEM, out)
    assert "依法终止合同" in pdf_text(out)


def test_hours_by_worker_equals_independent_sums(demo_db) -> None:
    year = dt.date.today().year
    rows = training.hours_by_worker(year)
    trained = {t.worker_id for t in TrainingRecord.live() if t.date.year == year}
    # active workers, and anyone who left this year after some training
    assert {w.id for w, _h in rows} == {w.id for w in Worker.live() if w.active or w.id in trained}
    for worker, hours in rows:
        assert hours == sum((Decimal(t.hours) for t in TrainingRecord.live()
                             if t.worker_id == worker.id and t.date.year == year), Decimal(0))


def test_training_report_marks_those_under_80(demo_db, tmp_path: Path, pdf_text) -> None:
    year = dt.date.today().year
    rows = training.hours_by_worker(year)
    out = tmp_path / "training.pdf"
    training_report(year, SYSTEM, out)
    text = pdf_text(out)
    short = [w for w, h in rows if h < 80]
    assert text.count("不足80学时") == len(short) + 2  # one per worker + the two explanations
    assert f"在岗社工{len(rows)}人，本年度继续教育不足80学时的{len(short)}人" in text
    assert "助理社会工作师不少于72学时" in text and "不少于90学时" in text
    for worker, _hours in rows:
        assert worker.name in text


@pytest.mark.parametrize("year", ["20x6", "99"])
def test_bad_year(demo_db, tmp_path: Path, year: str) -> None:
    from swdesk.errors import ValidationError

    with pytest.raises(ValidationError, match="年份"):
        training_report(year, SYSTEM, tmp_path / "t.pdf")
