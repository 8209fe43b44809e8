"""Codes the city gives out: a station's code (in its enrolment file and every package)."""

from __future__ import annotations

import re

from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.validation.common import compact_text, excerpt

# Letters, digits, - and _: it names package files (swdesk-XM-SM-001-000007.swpkg).
_STATION_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{1,31}")


def check_station_code(raw: object) -> str:
    """A station code as the city writes it (``XM-SM-001``); full-width letters folded."""
    text = compact_text(raw, "站点编码", "The station code")
    if _STATION_CODE.fullmatch(text) is None:
        raise ValidationError(_(
            "“{}”不是有效的站点编码：应为 2 到 32 位字母、数字、- 或 _，如 XM-SM-001"
            "（以市级平台登记文件中的为准）",
            "“{}” is not a valid station code: 2 to 32 letters, digits, - or _, e.g. "
            "XM-SM-001 (as in the city's enrolment file)").format(excerpt(text)))
    return text
