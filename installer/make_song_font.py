"""Make resources/fonts/uming-cn-gb2312.ttf, the Song (明体/宋体) face of the printouts.

Run once: ``python installer/make_song_font.py /path/to/uming.ttc`` (Debian's
fonts-arphic-uming, 0.2.20080216). The whole collection is 21 MB; the printouts need
one face (AR PL UMing CN) and the characters of GB 2312 plus Latin and punctuation,
so this keeps those, drops the embedded bitmaps, hinting and OpenType layout tables
(reportlab uses none of them) and writes a TrueType (glyf) font of about 5 MB.
Characters outside the subset fall back to WenQuanYi Micro Hei (see layout.py).

The Arphic Public License asks a modified font to say how and when it was changed:
the notice goes into the font's description and copyright name records. Needs
fontTools (``pip install fonttools``, the dev extra).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "fonts" / "uming-cn-gb2312.ttf"
# Latin-1 and Latin Extended-A, general punctuation, CJK symbols, full-width forms,
# and the few symbols forms print (℃ № Ⅰ–Ⅻ ① … ⑩ → □ ○ ● ★ ☆).
_EXTRA = [*range(0x20, 0x7F), *range(0xA0, 0x180), *range(0x2000, 0x2070),
          *range(0x3000, 0x3040), *range(0xFF00, 0xFFF0), 0x2103, 0x2116,
          *range(0x2160, 0x216C), *range(0x2460, 0x246A), 0x2192, 0x25A1, 0x25CB, 0x25CF,
          0x2605, 0x2606]


def gb2312() -> set[int]:
    chars: set[int] = set()
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes([high, low]).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return chars


def main(source: str) -> None:
    font = TTFont(source, fontNumber=0)  # AR PL UMing CN
    wanted = (gb2312() | set(_EXTRA)) & set(font.getBestCmap())
    options = subset.Options()
    options.drop_tables += ["BDF ", "EBDT", "EBLC", "FFTM", "GPOS", "GSUB", "GDEF", "VORG",
                            "vhea", "vmtx"]
    options.layout_features = []
    options.hinting = False
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=wanted)
    subsetter.subset(font)
    notice = (f"Modified by the swdesk project on {dt.date.today().isoformat()}: subset of AR PL "
              "UMing CN 0.2.20080216.1 to GB 2312 with Latin and punctuation "
              f"({len(wanted)} characters); bitmaps, hinting and OpenType layout tables "
              "removed with fontTools. Arphic Public License.")
    names = font["name"]
    copyright_text = names.getDebugName(0) or ""
    names.setName(f"{copyright_text} {notice}".strip(), 0, 3, 1, 0x409)
    names.setName(notice, 10, 3, 1, 0x409)
    font.save(OUT)
    print(f"{OUT}: {OUT.stat().st_size:,} bytes, {len(wanted)} characters")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/usr/share/fonts/truetype/arphic/uming.ttc")
