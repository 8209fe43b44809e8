"""Password hashing (scrypt, memory-hard, standard library) and the strength rule.

A stored hash names its own parameters (``scrypt$n$r$p$salt$digest``), so they can
be raised later without locking anyone out: old hashes still verify.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from swdesk.errors import ValidationError
from swdesk.i18n import _

# n=2**14, r=8: 16 MiB and about a tenth of a second per check, making guessing expensive
# without making sign-in feel slow.
SCRYPT_N = 2**14
SCRYPT_R = 8
SCRYPT_P = 1
_MAXMEM = 64 * 1024 * 1024
SALT_BYTES = 16
MIN_LENGTH = 8
# Longer passwords only cost hashing time; nobody types 128 characters.
MAX_LENGTH = 128

# Passwords people pick first; the length and letter+digit rule stops most others.
_COMMON = frozenset({
    "password1", "passw0rd", "abc12345", "abcd1234", "a1234567", "qwer1234", "1qaz2wsx",
    "qwerty123", "admin123", "admin1234", "swdesk123", "woaini520", "woaini1314",
})


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                          maxmem=_MAXMEM, dklen=32)


def hash_password(password: str) -> str:
    """The text to store for ``password``; a fresh random salt each time."""
    salt = secrets.token_bytes(SALT_BYTES)
    digest = _scrypt(password, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True if ``password`` matches ``stored``; False for a malformed stored value."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(digest, validate=True)
        actual = _scrypt(password, base64.b64decode(salt, validate=True), int(n), int(r), int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def check_strength(password: str, username: str = "") -> None:
    """Raise ValidationError (key ``password``) if ``password`` is too weak to accept."""
    has_letter = any(c.isascii() and c.isalpha() for c in password)
    has_digit = any(c.isdigit() for c in password)
    if len(password) < MIN_LENGTH or not (has_letter and has_digit):
        raise ValidationError(_(
            "密码至少 {} 位，并且要同时包含字母和数字",
            "The password needs at least {} characters, with both letters and digits",
        ).format(MIN_LENGTH), "password")
    if len(password) > MAX_LENGTH:
        raise ValidationError(_("密码不能超过 {} 位", "The password cannot be longer than {} "
                                "characters").format(MAX_LENGTH), "password")
    if password != password.strip():
        raise ValidationError(_("密码开头和结尾不能是空格",
                                "The password cannot start or end with a space"), "password")
    lowered = password.lower()
    if lowered in _COMMON or (username and username.lower() in lowered):
        raise ValidationError(_("这个密码太容易被猜到（常见密码或包含用户名），请换一个",
                                "This password is too easy to guess (a common one, or it "
                                "contains the user name); choose another"), "password")
