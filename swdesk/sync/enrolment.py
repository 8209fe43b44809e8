"""Binding a station to the city: the enrolment file and the station's keys.

Two steps (docs/package-format.md, "Enrolment"): the city writes an enrolment
file (its public keys, the station code, a one-time token, signed); the station
makes its own key pair, keeps the private half in its database, and introduces
its public keys in every package together with an HMAC of them under the token,
which the city checks once and then pins. The file is carried by hand and signs
itself, so the station trusts the city key in it only when a person confirmed its
fingerprint (told by the city another way) or when it is the key already pinned.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk.errors import SwdeskError, ValidationError
from swdesk.i18n import _
from swdesk.model import database
from swdesk.model.base import now
from swdesk.model.sync import SyncKey
from swdesk.services import journal
from swdesk.services.actor import SYSTEM, Actor
from swdesk.services.this_station import station_code
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


_FINGERPRINT_DIGITS = 16
_TEXT_LIMIT = 200  # city and station ids and names: far more than any real one


def _not_valid(path: Path) -> SwdeskError:
    return SwdeskError(_("{} 不是有效的登记文件", "{} is not a valid enrolment file")
                       .format(path))


def _text(doc: dict[str, Any], key: str) -> str:
    value = doc.get(key)
    if not isinstance(value, str) or not 0 < len(value) <= _TEXT_LIMIT or any(
            unicodedata.category(c)[0] == "C" for c in value):  # no control or bidi marks
        raise ValueError(key)
    return value


def _public_key(value: object) -> str:
    if not isinstance(value, str) or len(crypto.unb64(value)) != 32:
        raise ValueError("key")
    return value


def read_enrolment(path: Path) -> dict[str, Any]:
    """Read and check an enrolment file (format, completeness, its own signature).

    The signature is made with the key the file carries, so it shows only that the
    file is whole: whether that key is the city's is for ``inspect`` and ``enrol``
    to establish (a fingerprint a person confirms, or the key already pinned).
    """
    bad = _not_valid(path)
    try:
        if path.stat().st_size > MAX_ENROLMENT_BYTES:
            raise bad
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):  # (UnicodeDecodeError is a ValueError)
        raise bad from None
    if not isinstance(doc, dict) or doc.get("kind") != "enrolment":
        raise bad
    version = doc.get("format")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise bad
    if version > ENROLMENT_FORMAT:
        raise SwdeskError(_("登记文件的格式比本程序新，请先升级 swdesk",
                            "The enrolment file's format is newer than this program; "
                            "please upgrade swdesk"))
    try:  # every member a reader relies on, of the right type and size
        for key in ("city", "city_name", "station", "station_name"):
            _text(doc, key)
        city_keys, signature = doc["city_keys"], doc["signature"]
        if not isinstance(city_keys, dict) or not isinstance(signature, str) \
                or len(crypto.unb64(_text(doc, "token"))) != 32:
            raise ValueError("members")
        keys = crypto.PublicKeys(_public_key(city_keys.get("sign")),
                                 _public_key(city_keys.get("kem")))
        signed = canonical_json({k: v for k, v in doc.items() if k != "signature"})
        signature_bytes = crypto.unb64(signature)
    except (KeyError, ValueError, RecursionError, crypto.CryptoError):
        raise bad from None
    keys.verify(signature_bytes, signed)
    return doc


def fingerprint_of(text: str) -> str:
    """A fingerprint as a person typed it, written the one way (``1a2b-3c4d-5e6f-7a8b``).

    Case, spaces, dashes and full-width characters do not matter; anything but 16
    hex digits is refused.
    """
    digits = "".join(c for c in unicodedata.normalize("NFKC", text).lower()
                     if not c.isspace() and c not in "-‐‑–—:")
    if len(digits) != _FINGERPRINT_DIGITS or any(c not in "0123456789abcdef" for c in digits):
        raise ValidationError(_("“{}”不是指纹：指纹是 16 位十六进制数字，如 1a2b-3c4d-5e6f-7a8b",
                                "“{}” is not a fingerprint: a fingerprint is 16 hex digits, "
                                "e.g. 1a2b-3c4d-5e6f-7a8b").format(text))
    return "-".join(digits[i:i + 4] for i in range(0, _FINGERPRINT_DIGITS, 4))


@dataclass(frozen=True)
class Offer:
    """An enrolment file as this station sees it: for whom, and what is known of its key."""

    path: Path
    city: str
    city_name: str
    station: str
    city_keys: crypto.PublicKeys
    token: str
    pinned: crypto.PublicKeys | None  # the city keys this station holds already, if any

    @property
    def fingerprint(self) -> str:
        return self.city_keys.fingerprint()

    @property
    def known_key(self) -> bool:
        """The file carries the very keys this station already trusts (a new token only)."""
        return self.pinned == self.city_keys

    @property
    def new_key(self) -> bool:
        """The city this station is enrolled with, but other keys: re-keying, or a forgery."""
        return self.pinned is not None and self.pinned != self.city_keys


class ConfirmationNeeded(ValidationError):
    """The file's city key is not trusted yet: a person must confirm its fingerprint."""

    def __init__(self, offer: Offer, message: str) -> None:
        super().__init__(message)
        self.offer = offer


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


def _pinned() -> crypto.PublicKeys | None:
    sign, kem = _key("city_sign"), _key("city_kem")
    return crypto.PublicKeys(sign, kem) if sign and kem else None


def inspect(path: Path) -> Offer:
    """Read an enrolment file and check that it is for this station and its city.

    Nothing is written; front ends show the result (city, fingerprint, whether the
    key is new) to the person before calling ``enrol``.
    """
    doc = read_enrolment(path)
    code = station_code()
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
    keys = crypto.PublicKeys(doc["city_keys"]["sign"], doc["city_keys"]["kem"])
    return Offer(path, doc["city"], doc["city_name"], code, keys, doc["token"],
                 _pinned() if current is not None else None)


def _trusted(offer: Offer, fingerprint: str | None, new_city_key: bool) -> None:
    """Refuse unless the file's key is the pinned one or a person confirmed its fingerprint."""
    given = fingerprint_of(fingerprint) if fingerprint is not None else None
    if given is not None and given != offer.fingerprint:
        raise ValidationError(_(
            "指纹不一致：登记文件中“{}”的密钥指纹是 {}，您核对的是 {}。这份文件可能是伪造的，"
            "请不要使用，并联系市民政局",
            "The fingerprints differ: the key of “{}” in the enrolment file has fingerprint "
            "{}, the one you checked is {}. The file may be forged: do not use it, and call "
            "the city's civil affairs bureau").format(offer.city_name, offer.fingerprint, given))
    if offer.known_key:
        return
    if offer.new_key and not new_city_key:
        assert offer.pinned is not None
        raise ConfirmationNeeded(offer, _(
            "这份登记文件中的市级密钥（指纹 {}）与本站已登记的（指纹 {}）不同。只有市民政局确实"
            "更换了密钥时才能接受：请向其核对新指纹，并确认更换密钥；否则这份文件可能是伪造的",
            "This enrolment file's city key (fingerprint {}) differs from the one this "
            "station is enrolled with (fingerprint {}). Accept it only if the city really "
            "replaced its key: check the new fingerprint with them and confirm the new key; "
            "otherwise the file may be forged").format(offer.fingerprint,
                                                        offer.pinned.fingerprint()))
    if given is None:
        raise ConfirmationNeeded(offer, _(
            "请先核对市级平台“{}”的密钥指纹 {}：与市民政局另行告诉您的一致时，再确认登记",
            "Check the key fingerprint {1} of the city hub “{0}” first: confirm the "
            "enrolment only if it matches the one the city gave you separately")
            .format(offer.city_name, offer.fingerprint))


def enrol(path: Path, actor: Actor = SYSTEM, fingerprint: str | None = None,
          new_city_key: bool = False) -> Identity:
    """Bind this (initialised) station to the city named in the enrolment file.

    The file's key is trusted only when it is the city key this station already
    holds, or when ``fingerprint`` (what the person confirmed) matches it; a key
    that replaces the pinned one also needs ``new_city_key`` and is audited with
    both fingerprints.
    """
    offer = inspect(path)
    _trusted(offer, fingerprint, new_city_key)
    code = offer.station
    with database.atomic():
        if _key("station_sign") is None:  # keys are made once, here, and never leave
            sign, kem = crypto.KeyPair.generate().private_b64()
            SyncKey.replace(name="station_sign", value=sign).execute()
            SyncKey.replace(name="station_kem", value=kem).execute()
        for name, value in (("city", offer.city), ("city_name", offer.city_name),
                            ("city_sign", offer.city_keys.sign),
                            ("city_kem", offer.city_keys.kem), ("token", offer.token)):
            SyncKey.replace(name=name, value=value).execute()
        if offer.new_key:
            assert offer.pinned is not None
            journal.audit(actor, "sync-city-key", "", code, {
                "city": offer.city, "city_name": offer.city_name,
                "old_fingerprint": offer.pinned.fingerprint(),
                "fingerprint": offer.fingerprint})
        else:
            journal.audit(actor, "sync-enrol", "", code, {
                "city": offer.city, "city_name": offer.city_name,
                "again": offer.pinned is not None, "fingerprint": offer.fingerprint})
    return identity()


def identity() -> Identity:
    values = {r.name: r.value for r in SyncKey.select()}
    needed = ("station_sign", "station_kem", "city", "city_sign", "city_kem", "token")
    if any(n not in values for n in needed):
        raise SwdeskError(_("本站尚未登记到市级平台：请先运行 swdesk sync enroll 登记文件",
                            "This station is not enrolled with the city hub yet: run "
                            "swdesk sync enroll FILE first"))
    return Identity(station_code(), values["city"], values.get("city_name", ""),
                    crypto.KeyPair.from_b64(values["station_sign"], values["station_kem"]),
                    crypto.PublicKeys(values["city_sign"], values["city_kem"]),
                    values["token"])

