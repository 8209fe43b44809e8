"""The documents of a case file, by key and title, in the file's order.

Kept apart from :mod:`swdesk.reports.case_documents` (which draws them with reportlab)
so that the report registry can offer them at start without loading reportlab.
"""

from __future__ import annotations

from swdesk.i18n import _

WHOLE_FILE = "file"
# key → (zh, en), in the order of the file.
DOCUMENTS: dict[str, tuple[str, str]] = {
    "intake": ("接案登记表", "Intake form"),
    "assessment": ("预估表", "Assessment"),
    "plan": ("服务计划表", "Service plan"),
    "logs": ("个案过程记录", "Case process records"),
    "referral": ("转介表", "Referral form"),
    "closure": ("结案评估表", "Closure evaluation"),
    "photos": ("照片及扫描件", "Photos and scans"),
}


def title(key: str) -> str:
    zh, en = DOCUMENTS[key]
    return _(zh, en)
