"""How long importing a camera card of phone photos takes (issue 24: 1,000 photos of about
4 MB, aim under 2 minutes).

    PYTHONPATH=. python bench/attachments_import.py [--photos 1000] [--cache DIR]
        [--workers N] [--keep-originals]

Generates ``--photos`` phone-like JPEGs (4000×3000, about 4 MB, EXIF with the time taken,
make, model, orientation and a GPS position), cached in ``--cache`` (default: a folder in
the system's temporary dir) so a second run does not make them again. Then, in a new
station in a temporary data dir, imports them all into one community activity through
``attachments.attach`` (checked, cleaned, print size, one transaction), with the progress
callback as the window's background task has it, and makes every thumbnail as the
attachment strip asks for them. Prints a Markdown table of the times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

try:
    import swdesk  # noqa: F401
except ImportError:  # run from a checkout without an install
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PIL import Image

from swdesk.db import open_station
from swdesk.db.files import FileStore
from swdesk.handle import StationHandle
from swdesk.services import activities, attachments, station
from swdesk.services.actor import SYSTEM

SIZE = (4000, 3000)
QUALITY = 90  # noise over a gradient at this quality is about 4 MB, as a phone's photo


def _base() -> Image.Image:
    """A picture a JPEG cannot squeeze much (noise over gradients), made once."""
    noise = Image.merge("RGB", [Image.effect_noise(SIZE, s) for s in (30, 20, 25)])
    across = Image.linear_gradient("L").resize(SIZE)
    down = Image.linear_gradient("L").rotate(90).resize(SIZE)
    return Image.blend(noise, Image.merge("RGB", [across, down, across]), 0.5)


def _exif(n: int) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F], exif[0x0110], exif[0x0112] = "Xiaomi", "Redmi Note 13", (1, 6, 1, 8)[n % 4]
    taken = dt.datetime(2026, 10, 29, 9, 0) + dt.timedelta(seconds=37 * n)
    exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (24.0, 29.0, 6.0 + n % 50), "E", (118.0, 6.0, 1.0)
    return exif


def photos(cache: Path, count: int) -> list[Path]:
    """``count`` distinct phone-like photos in ``cache``, made once."""
    cache.mkdir(parents=True, exist_ok=True)
    wanted = [cache / f"IMG_{n:05d}.jpg" for n in range(count)]
    missing = [p for p in wanted if not p.is_file()]
    if missing:
        started = time.perf_counter()
        base = _base()

        def make(path: Path) -> None:
            n = int(path.stem[4:])
            rng = random.Random(n)  # (each photo differs from the others by a patch)
            picture = base.copy()
            x, y = rng.randrange(0, SIZE[0] - 400), rng.randrange(0, SIZE[1] - 300)
            picture.paste((rng.randrange(256), rng.randrange(256), n % 256),
                          (x, y, x + 400, y + 300))
            part = path.with_suffix(".part")
            picture.save(part, "JPEG", quality=QUALITY, exif=_exif(n))
            os.replace(part, path)

        with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:  # (encoding
            for done, _made in enumerate(pool.map(make, missing), 1):  # frees the GIL)
                if done % 100 == 0 or done == len(missing):
                    print(f"  generated {done}/{len(missing)}", file=sys.stderr)
        print(f"  generating took {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return wanted


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=1000)
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / f"swdesk-bench-photos-q{QUALITY}")
    parser.add_argument("--workers", type=int, default=None,
                        help="threads cleaning photos (default: attach's own choice)")
    parser.add_argument("--keep-originals", action="store_true")
    args = parser.parse_args()

    files = photos(args.cache, args.photos)
    megabytes = sum(p.stat().st_size for p in files) / 1e6
    with tempfile.TemporaryDirectory(prefix="swdesk-bench-") as tmp, \
            open_station(Path(tmp) / "data", create=True) as sdb:
        station.init_station("XM-SM-001", "嘉莲街道社工站", "station", "siming")
        if args.keep_originals:
            from swdesk import settings  # (only when asked)

            settings.KEEP_ORIGINALS.set(True)
        handle = StationHandle.of(sdb, SYSTEM)
        activity = activities.save_plan({
            "title": "重阳敬老游园会", "category": "敬老", "field": "社会福利",
            "planned_on": "2026-10-29", "aims": "增进邻里交流，关爱辖区长者"}, SYSTEM)
        owner = attachments.Owner("activity", int(activity.id))
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.perf_counter()
            if done == total or now - last[0] > 5:
                last[0] = now
                print(f"  imported {done}/{total}", file=sys.stderr)

        cpu, started = time.process_time(), time.perf_counter()
        rows = attachments.attach(handle, owner, files, progress=progress,
                                  workers=args.workers)
        took, took_cpu = time.perf_counter() - started, time.process_time() - cpu
        stored = sum(r.size for r in rows) / 1e6

        started = time.perf_counter()
        views = attachments.for_owner(handle, owner)
        listed = time.perf_counter() - started
        started = time.perf_counter()
        for view in views:
            attachments.thumbnail(handle, view.sha256)
        thumbs = time.perf_counter() - started
        store = FileStore.of(handle.data_dir)
        print()
        print(f"| what | {args.photos} photos ({megabytes:,.0f} MB, {SIZE[0]}×{SIZE[1]}) |")
        print("| --- | --- |")
        print(f"| `attach` (check, clean, store, rows in one transaction) | {took:.1f} s "
              f"({took / len(files) * 1000:.0f} ms a photo; CPU {took_cpu:.1f} s) |")
        print(f"| stored | {stored:,.0f} MB in {len(list(store.hashes()))} files |")
        print(f"| `for_owner` (the strip's list) | {listed * 1000:.0f} ms |")
        print(f"| every thumbnail asked for, as the strip does (made on import) | {thumbs:.1f} s |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
