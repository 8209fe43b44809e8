"""Format 2 seals the payload in segments (STREAM): any size round-trips, and a payload
cut at a segment boundary, with segments swapped or one added, does not open."""

from __future__ import annotations

import io
import random

import pytest

from swdesk.sync import crypto

SEG = crypto.SEGMENT
INFO = b"swdesk-package/2|station|city-0123456789abcdef|XM-SM-001|8"


@pytest.fixture(scope="module")
def keys() -> crypto.KeyPair:
    return crypto.KeyPair.generate()


def _sealed(keys: crypto.KeyPair, plain: bytes) -> bytes:
    return crypto.seal(keys.public(), plain, INFO, 2)


@pytest.mark.parametrize("size", [0, 1, SEG - 1, SEG, SEG + 1, 2 * SEG, 2 * SEG + 17])
def test_every_size_round_trips(keys: crypto.KeyPair, size: int) -> None:
    plain = random.Random(size).randbytes(size)
    sealed = _sealed(keys, plain)
    assert len(sealed) == crypto.sealed_size(size)
    assert crypto.unseal(keys, sealed, INFO, 2) == plain


def test_the_payload_is_never_held_whole(keys: crypto.KeyPair) -> None:
    """Each write hands on at most a segment and its tag."""
    plain = random.Random(1).randbytes(3 * SEG + 5)
    writes: list[int] = []
    crypto.seal_stream(keys.public(), INFO, io.BytesIO(plain), lambda b: writes.append(len(b)))
    assert max(writes) == SEG + 16 and len(writes) == 1 + 4


def _segments(sealed: bytes) -> tuple[bytes, list[bytes]]:
    head, rest = sealed[:crypto.KEY_BLOCK], sealed[crypto.KEY_BLOCK:]
    return head, [rest[i:i + SEG + 16] for i in range(0, len(rest), SEG + 16)]


def test_cut_swapped_or_added_segments_do_not_open(keys: crypto.KeyPair) -> None:
    plain = random.Random(2).randbytes(2 * SEG + 100)
    head, segs = _segments(_sealed(keys, plain))
    assert len(segs) == 3
    other_head, other = _segments(_sealed(keys, plain))
    for bad in (head + segs[0] + segs[1],  # the last segment cut off at a boundary
                head + segs[1] + segs[0] + segs[2],  # swapped
                head + segs[0] + segs[1] + segs[2] + segs[2],  # one added
                head + segs[0] + other[1] + segs[2],  # another payload's segment
                other_head + segs[0] + segs[1] + segs[2],  # another content key
                head):  # nothing after the key
        with pytest.raises(crypto.CryptoError, match="无法解密"):
            crypto.unseal(keys, bad, INFO, 2)
    with pytest.raises(crypto.CryptoError):
        crypto.unseal(keys, head + b"".join(segs), INFO + b"x", 2)  # another package's info
    with pytest.raises(crypto.CryptoError):
        crypto.unseal(crypto.KeyPair.generate(), head + b"".join(segs), INFO, 2)


def test_format_1_is_still_one_piece(keys: crypto.KeyPair) -> None:
    sealed = crypto.seal(keys.public(), b"inner", INFO, 1)
    assert len(sealed) == 32 + 5 + 16 and crypto.unseal(keys, sealed, INFO, 1) == b"inner"
