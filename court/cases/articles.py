"""Legal bases for display: "CPL 166(5); JI 257(1)" reads "民诉法第166条第5项；民诉法解释第257条第1款" in Chinese.

A case event stores its basis in the short English form the rules use (docs/law-digest.md); the page renders it
in the reader's language. A reference this module does not recognise is shown as stored.
"""

from __future__ import annotations

import re

#: Chinese short titles of the sources the rules cite (law-digest.md, abbreviations).
LAW_TITLES_ZH: dict[str, str] = {
    "CPL": "民诉法",
    "JI": "民诉法解释",
    "TL2019": "《延长审限和延期开庭规定》",
    "TL2000": "《审限规定》",
    "OLR": "《在线诉讼规则》",
    "OMR": "《在线调解规则》",
    "REG2015": "《登记立案规定》",
    "FEE": "《诉讼费用交纳办法》",
    "SPR": "《简易程序规定》",
    "Civil Code": "民法典",
}

#: Articles whose numbered subdivisions are items (项); every other subdivision is a paragraph (款).
ITEMISED: frozenset[tuple[str, str]] = frozenset({
    ("CPL", "122"), ("CPL", "149"), ("CPL", "153"), ("CPL", "154"), ("CPL", "166"),
    ("JI", "257"), ("TL2000", "9"), ("FEE", "8"), ("FEE", "13"),
})

#: Articles whose numbered items all sit in one paragraph, cited by item alone: "TL2000 Art. 10(3)" is the third
#: item of Art. 10's second paragraph (邮寄送达), "OLR 4(4)" the fourth item of Art. 4's second paragraph.
ITEMS_IN_PARAGRAPH: dict[tuple[str, str], int] = {("TL2000", "10"): 2, ("OLR", "4"): 2}

_REFERENCE = re.compile(r"^(?P<law>Civil Code|[A-Z]+\d*)\s+(?:(?:Art\.|art\.|Arts)\s*)?(?P<articles>\d.*)$")
_ARTICLE = re.compile(r"^(?P<number>\d+)(?P<subs>(?:\(\d+\))*)(?P<sub_item>\d*)$")


def _article_zh(law: str, text: str) -> str | None:
    match = _ARTICLE.match(text.strip())
    if not match:
        return None
    number = match["number"]
    out = f"第{number}条"
    subs = re.findall(r"\((\d+)\)", match["subs"])
    if len(subs) == 1 and (law, number) in ITEMS_IN_PARAGRAPH:
        return out + f"第{ITEMS_IN_PARAGRAPH[(law, number)]}款第{subs[0]}项"
    for depth, sub in enumerate(subs):
        unit = "项" if (law, number) in ITEMISED or depth > 0 else "款"
        out += f"第{sub}{unit}"
    if match["sub_item"]:
        out += f"第{match['sub_item']}目"
    return out


def _reference_zh(reference: str) -> str:
    match = _REFERENCE.match(reference.strip())
    if not match or match["law"] not in LAW_TITLES_ZH:
        return reference
    law = match["law"]
    parts = []
    for item in re.split(r"\s*,\s*", match["articles"].strip()):
        ends = item.split("-")
        if len(ends) == 2 and ends[0].isdigit() and ends[1].isdigit():
            parts.append(f"第{ends[0]}条至第{ends[1]}条")
            continue
        article = _article_zh(law, item)
        if article is None:
            return reference
        parts.append(article)
    return LAW_TITLES_ZH[law] + "、".join(parts)


def basis_display(basis: str, language: str | None) -> str:
    """`basis` in `language`: Chinese references for zh, the stored English short form otherwise."""
    if not basis or not (language or "").lower().startswith("zh"):
        return basis
    return "；".join(_reference_zh(ref) for ref in re.split(r"\s*;\s*", basis.strip()) if ref)
