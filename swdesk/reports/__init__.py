"""Printed reports (reportlab, no Qt): the paper a station office runs on.

Each kind of report is declared once in :mod:`swdesk.reports.kinds` (labels, what it
asks for, the function that makes it); :func:`make` makes one from a
:class:`ReportRequest`, so the command line and the window ask for reports the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from swdesk.reports import kinds
from swdesk.reports.kinds import Made
from swdesk.services.actor import Actor


@dataclass(frozen=True)
class ReportRequest:
    """What a person chose: the report, and its parameters' values (by parameter name)."""

    kind: str
    values: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, kind: str, **values: str) -> ReportRequest:
        return cls(kind, dict(values))


def kind_label(kind: str) -> str:
    return kinds.get(kind).label()


def make(request: ReportRequest, actor: Actor, out: Path) -> Made:
    """Make the report into ``out``; returns what to tell the user."""
    kind = kinds.get(request.kind)
    values = kinds.checked(kind, request.values)
    return kind.build(values, actor, kind.check_out(Path(out)))


def run(request: ReportRequest, actor: Actor, out: Path) -> str:
    """Make the report; returns a one-line summary for the user."""
    return make(request, actor, out).summary
