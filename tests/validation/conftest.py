"""Fixtures for the validation tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from swdesk import i18n


@pytest.fixture(autouse=True)
def _chinese() -> Iterator[None]:
    """Every test starts in the default language and leaves it that way."""
    i18n.set_language("zh")
    try:
        yield
    finally:
        i18n.set_language("zh")
