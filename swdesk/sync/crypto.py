"""The package's cryptography: HPKE (RFC 9180) to encrypt, Ed25519 to sign.

Only standard constructions from ``cryptography``; nothing home-made. Keys
travel as raw 32-byte values in base64 (RFC 4648, standard alphabet).
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hpke, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519

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
        raise CryptoError(_("无法解密：这个包不是给本方的，或已损坏",
                            "Cannot decrypt: the package is not addressed to us, or is "
                            "damaged")) from None
