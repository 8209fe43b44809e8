"""Enrolling a station at the city: the enrolment file it takes home."""

from __future__ import annotations

import json
from pathlib import Path

from swdesk import outfiles
from swdesk.city import audit
from swdesk.city import models as m
from swdesk.city.db import City
from swdesk.errors import ValidationError
from swdesk.i18n import _
from swdesk.model.base import now
from swdesk.sync.enrolment import make_enrolment
from swdesk.validation import check_station_code


def enroll_station(city: City, code: str, name: str, out: Path) -> Path:
    """Register (or re-register) a station and write its enrolment file to ``out``.

    Re-enrolling issues a new token and forgets the pinned keys: the station's
    next package introduces its keys again (e.g. after its computer was replaced).
    """
    code = check_station_code(code)
    if not name.strip():
        raise ValidationError(_("站点名称不能为空", "The station name is required"))
    doc, token = make_enrolment(city.city_id, city.name, city.keys, code, name.strip())
    if out.is_dir():
        out = out / f"swdesk-enrol-{code}.json"
    with city.db.atomic():
        existing = m.CityStation.get_or_none(m.CityStation.code == code)
        if existing is None:
            m.CityStation.create(code=code, name=name.strip(), token=token, enrolled_at=now())
        else:
            (m.CityStation.update(name=name.strip(), token=token, sign_pub=None, kem_pub=None,
                                  enrolled_at=now())
             .where(m.CityStation.code == code).execute())
        audit.record("enroll", "station", code, {"again": existing is not None})
        # (an enrolment file left open in an editor: a clear message, and no new token)
        with outfiles.writing(out) as tmp:
            tmp.write_text(json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8")
    return out
