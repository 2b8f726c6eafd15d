"""Build the shipped catalogue files from the published texts (run by hand when a text changes):

    python court/cases/data/build_catalogues.py ../shared/law/causes

reads causes_2020.csv, causes_2025.csv and diff_2020_2025.md and writes catalogue_2020.json,
catalogue_2025.json and mapping_2020_2025.json next to this file (loaded by migration cases 0014).

Codes are the catalogue's own labels: "第四部分" (level 1), "十" (level 2), "103" (level 3), "103(5)"
(level 4); `position` is the printed order.

**The claim nature of each cause** (`court.rules.claims.ClaimNature`, CPL 165 / 166(1)), in this order:
1. Part 非讼程序案件案由 → non_contentious; part 特殊诉讼程序案件案由 → special_suit (CPL 184; JI 257(5)(6)).
2. A cause Fanjian's earlier 95-cause subset (causes_2020.json) named keeps its nature there, in both versions.
3. A personal-status cause by its words (婚姻无效, 撤销婚姻, 亲子关系, 收养关系, 监护, 探望权: 人身关系,
   CPL 166(1)) → status; an ownership cause (…权属纠纷, …确认纠纷 of a right in property, 返还原物, 分家析产)
   → title.
4. Otherwise the nature of the nearest ancestor decided by 2 or 3; a 4th-level cause under a money cause is
   a money cause. Anything left is mixed (the filing officer says whether every claim is for money).
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TITLE = {2020: "民事案件案由规定（2020年修正）", 2025: "民事案件案由规定（2025年修正）"}
IN_FORCE = {2020: ("2021-01-01", "2025-12-31"), 2025: ("2026-01-01", None)}
SOURCE = {2020: "法〔2020〕346号、法〔2020〕347号，自2021年1月1日起施行",
          2025: "法〔2025〕226号、法〔2025〕227号，自2026年1月1日起施行"}
STATUS_WORDS = ("婚姻无效", "撤销婚姻", "亲子关系", "收养关系", "监护权", "探望权", "变更抚养关系", "离婚纠纷")
TITLE_WORDS = ("权属纠纷", "物权确认", "所有权确认", "返还原物", "分家析产", "股东资格确认", "资格确认纠纷")
PART_NATURE = {"非讼程序案件案由": "non_contentious", "特殊诉讼程序案件案由": "special_suit"}
PREFIX = re.compile(r"^(第[一二三四五六七八九十]+部分)\s*|^([一二三四五六七八九十]+)、")


def _split(label: str) -> tuple[str, str]:
    m = PREFIX.match(label)
    if not m:
        raise ValueError(label)
    return (m.group(1) or m.group(2)), label[m.end():].strip()


def read_tree(path: Path) -> list[dict]:
    rows, seen = [], {}
    for r in csv.DictReader(path.open(encoding="utf-8")):
        p_code, p_name = _split(r["level1"])
        g_code, g_name = _split(r["level2"])
        chain = [(p_code, p_name, 1, None), (g_code, g_name, 2, p_code),
                 (r["level3_no"], r["level3"], 3, g_code)]
        if r["level4"]:
            chain.append((f'{r["level3_no"]}({r["level4_no"]})', r["level4"], 4, r["level3_no"]))
        for code, name, level, parent in chain:
            if code not in seen:
                seen[code] = {"code": code, "name": name, "level": level, "parent": parent, "position": len(rows) + 1}
                rows.append(seen[code])
    return rows


def assign_natures(rows: list[dict], known: dict[str, str]) -> None:
    by_code = {row["code"]: row for row in rows}
    for row in rows:  # parents come first
        part = row
        while part["parent"]:
            part = by_code[part["parent"]]
        parent = by_code.get(row["parent"]) if row["parent"] else None
        name = row["name"]
        if part["name"] in PART_NATURE:
            nature = PART_NATURE[part["name"]]
        elif name in known:
            nature = known[name]
        elif any(w in name for w in STATUS_WORDS):
            nature = "status"
        elif any(w in name for w in TITLE_WORDS) and not name.startswith("确认不侵害"):
            nature = "title"
        elif parent is not None:
            nature = parent["claim_nature"]
        else:
            nature = "mixed"
        row["claim_nature"] = nature


def _names(rows: list[dict]) -> dict[str, dict]:
    """name → the deepest cause of that name (a name repeats only at two adjacent levels)."""
    out: dict[str, dict] = {}
    for row in rows:
        if row["name"] not in out or row["level"] > out[row["name"]]["level"]:
            out[row["name"]] = row
    return out


QUOTED = re.compile(r"“(\d+)\.\s*([^”]+)”")


def build_mapping(old: list[dict], new: list[dict], diff: str) -> list[dict]:
    """Renamed / split / moved / new / removed, by name and by the notes of diff_2020_2025.md (section 四(一)),
    which are the compiler's judgement: every row starts unreviewed."""
    o, n = _names(old), _names(new)
    o_code = {r["code"]: r for r in old}
    n_code = {r["code"]: r for r in new}
    out: list[dict] = []
    claimed_new: set[str] = set()
    handled_old: set[str] = set()
    section = diff.split("### （一）", 1)[1].split("### （二）", 1)[0]
    for line in section.splitlines():
        m = re.match(r"- (\d+)\.\s*(\S+?) (?:—|→) (.*)", line.strip())
        if not m:
            continue
        name, note = m.group(2), m.group(3)
        targets = [t for _num, t in QUOTED.findall(note)]
        if "拆分为" in note:
            kind = "split"
        elif "对应" in note:
            kind, targets = "renamed", targets[:1]
        elif "降为第四级" in note:
            continue  # the same name lives on one level down: a move, found by name below
        else:
            kind, targets = "removed", []
        handled_old.add(name)
        if not targets:
            out.append({"old": name, "new": None, "kind": "removed", "note": f"{m.group(1)}. {name} — {note}"})
        for target in targets:
            target = target.strip()
            if target in n:
                claimed_new.add(target)
                out.append({"old": name, "new": target, "kind": kind, "note": f"{m.group(1)}. {name} — {note}"})
    # the first-level part renamed (第六部分 劳动争议、人事争议 → 第七部分 …、新就业形态用工纠纷)
    old_parts = [r for r in old if r["level"] == 1 and r["name"] not in n]
    for part in old_parts:
        for cand in (r for r in new if r["level"] == 1 and r["name"] not in o and r["name"].startswith(part["name"])):
            handled_old.add(part["name"])
            claimed_new.add(cand["name"])
            out.append({"old": part["name"], "new": cand["name"], "kind": "renamed", "note": "第一级案由更名"})
    for name, row in o.items():
        if name in n:
            parent_old = o_code[row["parent"]]["name"] if row["parent"] else None
            nrow = n[name]
            parent_new = n_code[nrow["parent"]]["name"] if nrow["parent"] else None
            if parent_old != parent_new or row["level"] != nrow["level"]:
                out.append({"old": name, "new": name, "kind": "moved",
                            "note": f"{row['code']} {parent_old or ''} → {nrow['code']} {parent_new or ''}"})
        elif name not in handled_old:
            out.append({"old": name, "new": None, "kind": "removed", "note": f"{row['code']}"})
    for name, row in n.items():
        if name not in o and name not in claimed_new:
            parent = n_code[row["parent"]]["name"] if row["parent"] else ""
            out.append({"old": None, "new": name, "kind": "new", "note": f"{row['code']} ({parent})"})
    return out


def main(src: Path) -> None:
    subset = json.loads((HERE / "causes_2020.json").read_text(encoding="utf-8"))["causes"]
    known = {row["name"]: row["claim_nature"] for row in subset}
    trees = {}
    for year in (2020, 2025):
        rows = read_tree(src / f"causes_{year}.csv")
        assign_natures(rows, known)
        trees[year] = rows
        start, end = IN_FORCE[year]
        doc = {"version": str(year), "title": TITLE[year], "effective_from": start, "effective_to": end,
               "source": SOURCE[year], "causes": rows}
        (HERE / f"catalogue_{year}.json").write_text(json.dumps(doc, ensure_ascii=False, indent=0) + "\n",
                                                      encoding="utf-8")
    mapping = build_mapping(trees[2020], trees[2025], (src / "diff_2020_2025.md").read_text(encoding="utf-8"))
    (HERE / "mapping_2020_2025.json").write_text(
        json.dumps({"from": "2020", "to": "2025", "rows": mapping}, ensure_ascii=False, indent=0) + "\n",
        encoding="utf-8")
    print({y: len(t) for y, t in trees.items()}, "mapping", len(mapping))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[3] / "shared" / "law" / "causes")
