"""A stored photo scaled to what the paper shows of it (150 dpi), kept with its thumbnails.

A stored photo is about 2,000 px on its longest side (300 to 600 KB); in a cell of a
four-a-page grid it prints about 9 cm wide, for which some 550 px are enough. reportlab
keeps every image of a document in memory until it writes the file, and the file itself
is built in memory too: a binder of thousands of photos would need gigabytes. Drawn from
a copy of the size the paper needs, the same binder takes a tenth of that, and so does
its file. The copy is made from the stored (cleaned) file, never the original, once per
size, in the store's ``derived/`` folder (never backed up, checked or sent).
"""

from __future__ import annotations

import contextlib
import math
import os
import uuid
from pathlib import Path

from swdesk.db.files import FileStore, is_hash

DPI = 150
STEP = 200  # sizes rounded up to a multiple of this many px, so cells share copies
WORTH_IT = 1.3  # a stored file less than this much larger than needed is drawn as it is
QUALITY = 85


def needed_px(width_pt: float, height_pt: float) -> int:
    """The longest side, in pixels, an image printed ``width_pt`` × ``height_pt`` points
    needs at print resolution (rounded up to a step)."""
    longest = max(width_pt, height_pt) / 72 * DPI
    return max(STEP, math.ceil(longest / STEP) * STEP)


def _store_of(path: Path) -> FileStore | None:
    """The store ``path`` is a stored file of (``<root>/ab/abcdef…``), if it is one."""
    if is_hash(path.name) and path.parent.name == path.name[:2]:
        return FileStore(path.parent.parent)
    return None


def print_copy(path: Path, px_w: int, px_h: int, width_pt: float, height_pt: float) -> Path:
    """What to draw for the stored image at ``path`` (``px_w`` × ``px_h``) printed
    ``width_pt`` × ``height_pt``: a smaller copy when the stored file is much larger
    than the paper needs; the stored file itself otherwise, or when no copy can be made
    (a file outside a store, a folder that cannot be written)."""
    size = needed_px(width_pt, height_pt)
    store = _store_of(path)
    if store is None or max(px_w, px_h) <= size * WORTH_IT:
        return path
    copy = store.derived_path(path.name, f"print{size}.jpg")
    if copy.is_file():
        return copy
    try:
        _write_copy(path, copy, size)
    except OSError:
        return path
    return copy


def _write_copy(source: Path, copy: Path, size: int) -> None:
    # (Pillow is loaded when a photo is printed, not when the program starts)
    from PIL import Image

    copy.parent.mkdir(parents=True, exist_ok=True)
    tmp = copy.with_name(f"{copy.name}.{uuid.uuid4().hex}.part")
    try:
        with Image.open(source) as image:
            image.draft("RGB", (size, size))  # a JPEG decoded at a fraction of its size
            small = image.convert("RGBA" if image.mode in ("P", "LA", "RGBA") else "RGB")
            small.thumbnail((size, size), Image.Resampling.LANCZOS)
            if small.mode == "RGBA":  # a PNG's transparent parts print white
                flat = Image.new("RGB", small.size, "white")
                flat.paste(small, mask=small.getchannel("A"))
                small = flat
            small.save(tmp, "JPEG", quality=QUALITY, optimize=True)
        # A killed run leaves a .part, never half a copy under the copy's name; another
        # printout that made the same copy meanwhile is as good as this one.
        os.replace(tmp, copy)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
