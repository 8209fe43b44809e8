"""The one place that finds shipped files (fonts, translations, icons, style).

They live in the ``resources`` package, inside the wheel of an installed build,
so a plain ``pip install .`` works; nothing is looked up relative to a checkout.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path


def resource(*parts: str) -> Traversable:
    node: Traversable = files("resources")
    for part in parts:
        node = node.joinpath(part)
    return node


def resource_path(*parts: str) -> Path:
    """A real file path for libraries that need one (reportlab, Qt's font database)."""
    node = resource(*parts)
    if isinstance(node, Path):
        return node
    with as_file(node) as path:  # only for zipped installs; wheels unpack to real files
        return Path(path)
