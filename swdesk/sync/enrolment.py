"""Binding a station to the city: the enrolment file and the station's keys.

Two steps (docs/package-format.md, "Enrolment"): the city writes an enrolment
file (its public keys, the station code, a one-time token, signed); the station
makes its own key pair, keeps the private half in its database, and introduces
its public keys in every package together with an HMAC of them under the token,
which the city checks once and then pins.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk.errors import SwdeskError, ValidationError
from swdesk.i18n import _
from swdesk.model import Setting, database
from swdesk.model.base import now
from swdesk.model.sync import SyncKey
from swdesk.services import crud, journal
from swdesk.services.actor import SYSTEM, Actor
from swdesk.sync import crypto
from swdesk.sync.format import canonical_json

ENROLMENT_FORMAT = 1
MAX_ENROLMENT_BYTES = 64 * 1024


def proof(token: str, city: str, station: str, keys: crypto.PublicKeys) -> str:
    """HMAC-SHA256 under the one-time token of the station's public keys."""
    message = "|".join(["swdesk-enrol/1", city, station, keys.sign, keys.kem]).encode()
    return hmac.new(crypto.unb64(token), message, hashlib.sha256).hexdigest()


def make_enrolment(city_id: str, city_name: str, city_keys: crypto.KeyPair, station: str,
                   station_name: str) -> tuple[dict[str, Any], str]:
    """The enrolment document (signed by the city) and its token, for the city to keep."""
    token = crypto.b64(secrets.token_bytes(32))
    public = city_keys.public()
    body = {"format": ENROLMENT_FORMAT, "kind": "enrolment", "city": city_id,
            "city_name": city_name, "station": station, "station_name": station_name,
            "city_keys": {"sign": public.sign, "kem": public.kem}, "token": token,
            "issued_at": now().isoformat(sep=" ")}
    body["signature"] = crypto.b64(crypto.sign(city_keys, canonical_json(body)))
    return body, token


def read_enrolment(path: Path) -> dict[str, Any]:
    """Read and check an enrolment file (format, completeness, the city's signature)."""
    bad = SwdeskError(_("{} 不是有效的登记文件", "{} is not a valid enrolment file").format(path))
    try:
        if path.stat().st_size > MAX_ENROLMENT_BYTES:
            raise bad
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        raise bad from None
    if not isinstance(doc, dict) or doc.get("kind") != "enrolment":
        raise bad
    if not isinstance(doc.get("format"), int) or doc["format"] > ENROLMENT_FORMAT:
        raise SwdeskError(_("登记文件的格式比本程序新，请先升级 swdesk",
                            "The enrolment file's format is newer than this program; "
                            "please upgrade swdesk"))
    try:
        keys = crypto.PublicKeys(doc["city_keys"]["sign"], doc["city_keys"]["kem"])
        signature = crypto.unb64(doc["signature"])
        for key in ("city", "city_name", "station", "station_name", "token"):
            if not isinstance(doc[key], str) or not doc[key]:
                raise bad
    except (KeyError, TypeError):
        raise bad from None
    body = {k: v for k, v in doc.items() if k != "signature"}
    keys.verify(signature, canonical_json(body))
    return doc


@dataclass(frozen=True)
class Identity:
    """Everything the station needs to write and read packages."""

    station: str
    city: str
    city_name: str
    keys: crypto.KeyPair
    city_keys: crypto.PublicKeys
    token: str


def _key(name: str) -> str | None:
    row = SyncKey.get_or_none(SyncKey.name == name)
    return str(row.value) if row else None


def enrol(path: Path, actor: Actor = SYSTEM) -> Identity:
    """Bind this (initialised) station to the city named in the enrolment file."""
    doc = read_enrolment(path)
    code = crud.station_code()
    if not code:
        raise ValidationError(_("本站尚未初始化", "This station is not initialised yet"))
    if doc["station"] != code:
        raise ValidationError(_("这份登记文件是给站点 {} 的，本站是 {}",
                                "This enrolment file is for station {}; this station is {}")
                              .format(doc["station"], code))
    current = _key("city")
    if current is not None and current != doc["city"]:
        raise ValidationError(_("本站已登记到另一个市级平台（{}）",
                                "This station is already enrolled with another city hub ({})")
                              .format(_key("city_name")))
    with database.atomic():
        if _key("station_sign") is None:  # keys are made once, here, and never leave
            sign, kem = crypto.KeyPair.generate().private_b64()
            SyncKey.replace(name="station_sign", value=sign).execute()
            SyncKey.replace(name="station_kem", value=kem).execute()
        for name, value in (("city", doc["city"]), ("city_name", doc["city_name"]),
                            ("city_sign", doc["city_keys"]["sign"]),
                            ("city_kem", doc["city_keys"]["kem"]), ("token", doc["token"])):
            SyncKey.replace(name=name, value=value).execute()
        journal.audit(actor, "sync-enrol", "", code, {"city": doc["city"],
                                                     "city_name": doc["city_name"],
                                                     "again": current is not None})
    return identity()


def identity() -> Identity:
    values = {r.name: r.value for r in SyncKey.select()}
    needed = ("station_sign", "station_kem", "city", "city_sign", "city_kem", "token")
    if any(n not in values for n in needed):
        raise SwdeskError(_("本站尚未登记到市级平台：请先运行 swdesk sync enroll 登记文件",
                            "This station is not enrolled with the city hub yet: run "
                            "swdesk sync enroll FILE first"))
    return Identity(crud.station_code(), values["city"], values.get("city_name", ""),
                    crypto.KeyPair.from_b64(values["station_sign"], values["station_kem"]),
                    crypto.PublicKeys(values["city_sign"], values["city_kem"]),
                    values["token"])


def setting(key: str, default: str = "") -> str:
    row = Setting.get_or_none(Setting.key == key)
    return str(row.value) if row else default


def set_setting(key: str, value: object) -> None:
    Setting.replace(key=key, value=str(value)).execute()
