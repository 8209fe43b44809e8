"""An evaluation's score per indicator: the evaluators score each contract target.

The indicators are the evaluated project's; a score left blank is no score (a stored
one is taken away). All of an evaluation's scores are saved together or not at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from swdesk import reference
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model import Evaluation, EvaluationScore, Indicator, database
from swdesk.services import crud
from swdesk.services.actor import Actor


@dataclass(frozen=True)
class ScoreLine:
    indicator_id: int
    label: str  # the indicator's kind, as people read it
    target: int
    score: int | None
    note: str


def lines(evaluation_id: int) -> list[ScoreLine]:
    """Each indicator of the evaluated project, with its score in this evaluation."""
    evaluation = crud.get(Evaluation, evaluation_id)
    stored = {int(s.indicator_id): s for s in EvaluationScore.live().where(
        EvaluationScore.evaluation == evaluation.id)}
    out = []
    for ind in Indicator.live().where(Indicator.project == evaluation.project_id).order_by(
            Indicator.id):
        row = stored.get(int(ind.id))
        out.append(ScoreLine(int(ind.id), reference.label("indicator_kind", ind.kind),
                             int(ind.target or 0), None if row is None else row.score,
                             (row.note or "") if row is not None else ""))
    return out


def save(evaluation_id: int, scores: Mapping[int, tuple[str | int | None, str | None]],
         actor: Actor) -> int:
    """Store ``scores`` (indicator id -> (score, remark)); returns how many are stored.
    A refused score refuses them all, naming the indicator."""
    evaluation = crud.get(Evaluation, evaluation_id)
    known = {line.indicator_id: line for line in lines(int(evaluation.id))}
    with database.atomic():
        stored = {int(s.indicator_id): s for s in EvaluationScore.live().where(
            EvaluationScore.evaluation == evaluation.id)}
        for indicator_id, (score, note) in scores.items():
            line = known.get(int(indicator_id))
            if line is None:
                raise ValidationError(_("该指标不属于被评估的项目",
                                        "That indicator is not the evaluated project's"))
            blank = score is None or str(score).strip() == ""
            row = stored.get(int(indicator_id))
            try:
                if blank and row is not None:
                    crud.delete(EvaluationScore, row, actor)
                elif not blank and row is None:
                    crud.create(EvaluationScore, {"evaluation": evaluation.id,
                                                  "indicator": indicator_id, "score": score,
                                                  "note": note}, actor)
                elif not blank and row is not None:
                    crud.update(EvaluationScore, row, {"score": score, "note": note}, actor)
            except ValidationError as exc:
                raise ValidationError(f"{line.label}：{exc}") from None
    return sum(1 for line in lines(int(evaluation.id)) if line.score is not None)
