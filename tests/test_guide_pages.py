"""The user guide's pages (docs/guide): every page in the index, every picture and link there."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from swdesk.resources import guide_path

GUIDE = guide_path()
INDEX = "index.md"
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")  # [text](target) and ![alt](target)


def _pages() -> list[Path]:
    return sorted(GUIDE.glob("*.md"))


@pytest.mark.parametrize("page", _pages(), ids=lambda p: p.name)
def test_every_picture_and_link_of_a_page_is_there(page: Path) -> None:
    targets = LINK.findall(page.read_text(encoding="utf-8"))
    local = [t for t in targets if "://" not in t]
    assert local, f"{page.name} links nowhere (not even back to the index)"
    for target in local:
        assert (page.parent / target).is_file(), f"{page.name}: {target} is missing"


def test_the_index_lists_every_page_and_every_picture_is_used() -> None:
    index = guide_path(INDEX).read_text(encoding="utf-8")
    for page in _pages():
        if page.name != INDEX:
            assert f"]({page.name})" in index, f"{page.name} is not in the index"
    used = {t for page in _pages() for t in LINK.findall(page.read_text(encoding="utf-8"))}
    pictures = sorted(GUIDE.glob("img/*.png"))
    assert pictures
    assert [p.name for p in pictures if f"img/{p.name}" not in used] == []
    assert sum(p.stat().st_size for p in pictures) < 3 * 1024 * 1024
