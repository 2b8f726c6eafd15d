"""Build the report font: a subset of WenQuanYi Micro Hei (TrueType outlines, which reportlab embeds).

Run once after the catalogue, the templates, the document templates or the cause catalogue gain characters (`python -m
court.pdf.fonts.build`); it reads Debian's fonts-wqy-microhei (`apt-get install fonts-wqy-microhei`) and
writes `fanjian-cjk.ttf` beside this file. The report never downloads a font: the subset is in the repository.

The subset covers every character the report and the court's documents can print: ASCII and Latin-1, general and CJK punctuation, full-width
forms, the 6,763 hanzi of GB 2312 (both levels, so that the names of parties render), and every
character of the translation catalogue, the templates, the Python sources (the demo court's names among them)
and the cause catalogue.
"""

from __future__ import annotations

import sys
from pathlib import Path

SOURCE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
TARGET = HERE / "fanjian-cjk.ttf"
SCANNED = ("locale/**/*.po", "templates/**/*.html", "court/**/*.py", "triage/**/*.py", "court/**/*.json")


def gb2312_hanzi() -> str:
    """The hanzi of GB 2312: level one (rows 16-55, the 3,755 most common, by pinyin) and level two (rows 56-87,
    3,008 more, by radical), so that the names of parties on the court's documents render."""
    chars = []
    for row in range(16, 88):
        for cell in range(1, 95):
            try:
                chars.append(bytes([0xA0 + row, 0xA0 + cell]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return "".join(chars)


def wanted_characters() -> set[str]:
    chars = {chr(c) for c in range(0x20, 0x100)}
    chars |= {chr(c) for c in range(0x2000, 0x2070)}  # general punctuation (– — ‘ ’ “ ” … ‰)
    chars |= {chr(c) for c in range(0x2190, 0x2200)}  # arrows (→ ↑ ↓)
    chars |= {chr(c) for c in range(0x3000, 0x3040)}  # CJK symbols and punctuation
    chars |= {chr(c) for c in range(0xFF00, 0xFFF0)}  # full-width forms
    chars |= set("✓✗×÷±≤≥≈·•°№")
    chars |= set(gb2312_hanzi())
    for pattern in SCANNED:
        for path in ROOT.glob(pattern):
            if ".venv" in path.parts:
                continue
            chars |= set(path.read_text(encoding="utf-8", errors="ignore"))
    return {c for c in chars if c.isprintable() or c in " \u3000"}  # the ideographic space of 传\u3000票


def build(source: Path = SOURCE, target: Path = TARGET) -> tuple[int, int]:
    from fontTools.subset import Options, Subsetter
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=0)  # 0: WenQuanYi Micro Hei (1 is the monospaced face)
    cmap = font.getBestCmap()
    chars = sorted(c for c in wanted_characters() if ord(c) in cmap)
    options = Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    options.layout_features = []
    subsetter = Subsetter(options=options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    font.save(str(target))
    return len(chars), target.stat().st_size


if __name__ == "__main__":
    count, size = build(Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE)
    print(f"{TARGET}: {count} characters, {size:,} bytes")
