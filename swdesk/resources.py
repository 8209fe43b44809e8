"""The one place that finds shipped files (fonts, translations, icons, style, guide).

They live in the ``resources`` package, inside the wheel of an installed build,
so a plain ``pip install .`` works; nothing is looked up relative to a checkout
except the user guide, whose source stays in ``docs/guide`` (see ``guide_path``).
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


def guide_path(*parts: str) -> Path:
    """A file of the user guide (Markdown pages and their screenshots).

    Its source is ``docs/guide`` (where the project's documents are); a wheel and the
    installer's bundle ship it as ``resources/guide``. A checkout run in place
    (``pip install -e``, the tests) has only the source, so that is the fallback.
    """
    shipped = resource("guide")
    if shipped.is_dir():
        return resource_path("guide", *parts)
    return Path(__file__).resolve().parent.parent.joinpath("docs", "guide", *parts)
