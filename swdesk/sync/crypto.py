"""The package's cryptography: HPKE (RFC 9180) to encrypt, Ed25519 to sign.

Only standard constructions from ``cryptography``; nothing home-made. Keys
travel as raw 32-byte values in base64 (RFC 4648, standard alphabet).
"""

from __future__ import annotations

import base64
import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Protocol

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from swdesk.errors import SwdeskError
from swdesk.i18n import _

# The one cipher suite of format 1. The manifest names it, so another suite
# (e.g. SM2/SM3/SM4) can be added later under another name.
SUITE_NAME = "HPKE-X25519-HKDF-SHA256-CHACHA20POLY1305+Ed25519"
SIGNATURE_SIZE = 64
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
_RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class CryptoError(SwdeskError):
    """A signature or ciphertext does not check out."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    try:
        return base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as exc:
        raise CryptoError(_("密钥格式不正确", "A key is not well formed")) from exc


@dataclass(frozen=True)
class KeyPair:
    """A party's two private keys: one to sign, one to decrypt."""

    sign: ed25519.Ed25519PrivateKey
    kem: x25519.X25519PrivateKey

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(ed25519.Ed25519PrivateKey.generate(), x25519.X25519PrivateKey.generate())

    def private_b64(self) -> tuple[str, str]:
        enc = (serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
               serialization.NoEncryption())
        return b64(self.sign.private_bytes(*enc)), b64(self.kem.private_bytes(*enc))

    @classmethod
    def from_b64(cls, sign: str, kem: str) -> KeyPair:
        try:
            return cls(ed25519.Ed25519PrivateKey.from_private_bytes(unb64(sign)),
                       x25519.X25519PrivateKey.from_private_bytes(unb64(kem)))
        except ValueError as exc:
            raise CryptoError(_("私钥已损坏", "A private key is damaged")) from exc

    def public(self) -> PublicKeys:
        return PublicKeys(b64(self.sign.public_key().public_bytes(*_RAW)),
                          b64(self.kem.public_key().public_bytes(*_RAW)))


@dataclass(frozen=True)
class PublicKeys:
    """A party's public keys, base64 of the raw 32 bytes each."""

    sign: str
    kem: str

    def fingerprint(self) -> str:
        """What two people read to each other to compare keys: 16 hex digits in groups."""
        digest = hashlib.sha256(f"{self.sign}|{self.kem}".encode()).hexdigest()[:16]
        return "-".join(digest[i:i + 4] for i in range(0, 16, 4))

    def verify(self, signature: bytes, data: bytes) -> None:
        try:
            key = ed25519.Ed25519PublicKey.from_public_bytes(unb64(self.sign))
            key.verify(signature, data)
        except (InvalidSignature, ValueError):
            raise CryptoError(_("签名无效：文件被改动过，或不是由所声称的一方制作",
                                "Bad signature: the file was altered or was not made by "
                                "the party it names")) from None

    def encrypt(self, plaintext: bytes, info: bytes) -> bytes:
        """HPKE base mode, single shot: returns enc (32 bytes) || ciphertext."""
        try:
            key = x25519.X25519PublicKey.from_public_bytes(unb64(self.kem))
        except ValueError as exc:
            raise CryptoError(_("公钥已损坏", "A public key is damaged")) from exc
        return _SUITE.encrypt(plaintext, key, info=info)


def sign(keys: KeyPair, data: bytes) -> bytes:
    return keys.sign.sign(data)


def decrypt(keys: KeyPair, ciphertext: bytes, info: bytes) -> bytes:
    try:
        return _SUITE.decrypt(ciphertext, keys.kem, info=info)
    except (InvalidTag, ValueError):
        raise _undecryptable() from None


# --- format 2: the payload sealed in segments ---------------------------------------------
# HPKE (single shot, as in format 1) seals a fresh 32-byte content key; the inner ZIP then
# follows in segments of SEGMENT bytes, each sealed with ChaCha20-Poly1305 under that key
# and a nonce of its number (11 bytes, big-endian) and a last-segment flag (1 byte): the
# STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár 2015; as age and Tink use it).
# Segments cannot be reordered, dropped or cut off at a boundary without a failed tag, and
# neither side ever holds more than a segment of the payload.
SEGMENT = 1024 * 1024
_TAG = 16
KEY_BLOCK = 32 + 32 + _TAG  # HPKE enc, then the sealed content key with its tag


def _nonce(number: int, last: bool) -> bytes:
    return number.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def sealed_size(plain_size: int) -> int:
    """The bytes of a payload sealed in segments from ``plain_size`` bytes."""
    segments = max(1, -(-plain_size // SEGMENT))
    return KEY_BLOCK + plain_size + segments * _TAG


def seal_stream(recipient: PublicKeys, info: bytes, src: IO[bytes],
                write: Callable[[bytes], object]) -> None:
    """Seal what ``src`` holds, segment by segment, handing the sealed bytes to ``write``."""
    key = ChaCha20Poly1305.generate_key()
    write(recipient.encrypt(key, info))
    aead = ChaCha20Poly1305(key)
    number = 0
    chunk = src.read(SEGMENT)
    while True:
        following = src.read(SEGMENT) if len(chunk) == SEGMENT else b""
        last = not following
        write(aead.encrypt(_nonce(number, last), chunk, None))
        if last:
            return
        chunk, number = following, number + 1


class Readable(Protocol):
    def read(self, n: int, /) -> bytes: ...


def open_stream(keys: KeyPair, info: bytes, src: Readable,
                write: Callable[[bytes], object]) -> None:
    """Open a payload ``seal_stream`` sealed, handing the plain bytes to ``write``;
    CryptoError if any segment, or the end, is not as sealed."""
    try:
        key = _SUITE.decrypt(src.read(KEY_BLOCK), keys.kem, info=info)
        aead = ChaCha20Poly1305(key)
    except (InvalidTag, ValueError):
        raise _undecryptable() from None
    number = 0
    sealed = src.read(SEGMENT + _TAG)
    while True:
        following = src.read(SEGMENT + _TAG) if len(sealed) == SEGMENT + _TAG else b""
        last = not following
        try:
            write(aead.decrypt(_nonce(number, last), sealed, None))
        except (InvalidTag, ValueError):
            raise _undecryptable() from None
        if last:
            return
        sealed, number = following, number + 1


def _undecryptable() -> CryptoError:
    return CryptoError(_("无法解密：这个包不是给本方的，或已损坏",
                         "Cannot decrypt: the package is not addressed to us, or is damaged"))


def seal(recipient: PublicKeys, plain: bytes, info: bytes, format_version: int) -> bytes:
    """A payload in memory, sealed as format ``format_version`` seals it (tests, vectors)."""
    if format_version == 1:
        return recipient.encrypt(plain, info)
    out = bytearray()
    seal_stream(recipient, info, io.BytesIO(plain), out.extend)
    return bytes(out)


def unseal(keys: KeyPair, sealed: bytes, info: bytes, format_version: int) -> bytes:
    """The plain payload of ``seal``."""
    if format_version == 1:
        return decrypt(keys, sealed, info)
    out = bytearray()
    open_stream(keys, info, io.BytesIO(sealed), out.extend)
    return bytes(out)
