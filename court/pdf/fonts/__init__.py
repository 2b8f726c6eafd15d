"""The PDF font (see README.md here): a TrueType subset of WenQuanYi Micro Hei, embedded in every PDF we print."""

from pathlib import Path

FONT_PATH = Path(__file__).resolve().parent / "fanjian-cjk.ttf"
FONT_NAME = "FanjianCJK"
