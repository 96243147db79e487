"""Responsibility notes: "（市发展改革委牵头，市经济信息委等按职责分工负责）" and their kin.

Finds the bracketed notes in a span of text and reads who is responsible: units as written
(without a trailing 等), lead units, whether districts / lower-level governments carry the task,
carry-forward notes ("以下均需区县落实，不再列出") and lead declarations ("列第一位者为牵头单位").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_OPEN = {"（": "）", "〔": "〕", "［": "］", "【": "】"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_PRECEDING_OK = set("。；！？")
_OPEN_BRACKET = re.compile("[（〔［【]")
_BRACKET_OR_NEWLINE = re.compile("[（〔［【）〕］】\n]")
_ROLE_HINT = re.compile(r"牵头|负责(?!人)|参与|配合|指导|协助|落实|单位[：:]|部门[：:]|不再列出")

_LABEL = re.compile(
    r"^(牵头单位|牵头部门|主要责任单位|责任单位|责任部门|责任主体|实施单位|配合单位|参与单位|"
    r"协办单位|主办单位)[：:]"
)
_LEAD_LABELS = {"牵头单位", "牵头部门"}
_ROLE_SUFFIX = re.compile(
    r"(?:共同)?(?:牵头负责|牵头|按职责分工负责|按职责负责|分工负责|负责落实|负责|参与|配合|指导|"
    r"协助|落实)$"
)
_LEAD_ROLE = re.compile(r"牵头")
_RESPONSIBLE_ROLE = re.compile(r"负责")
_ROLE_WORD = re.compile(r"(?:牵头|负责(?!人)|参与|配合|指导|协助|落实)")
_CARRY_FORWARD = re.compile(r"以下均?(?:需|由)?.*?不再(?:一一)?列出")
_FIRST_IS_LEAD = re.compile(r"(?:列|排)(?:在|名)?第一(?:位)?的?(?:者|单位|部门)?为牵头")
_SAME_BELOW = re.compile(r"^(?:下同|以下同)$")
_ETC = re.compile(r"等(?:有关|相关)?(?:部门|单位|机构)?(?:和单位|和部门)?$")
_COLLECTIVE = re.compile(
    r"^(?:各(?:有关|相关)?(?:区县|省|地|市县|市、县|县|乡镇|级)|(?:有关|相关)?区县(?:（[^）]*）)?(?:人民)?政府|"
    r"地方各级|地方(?:人民)?政府|(?:各)?试点城市(?:人民)?政府)"
)
_COLLECTIVE_STARTS = ("各", "有关", "相关", "区县", "地方", "试点")
_DEFINES_COLLECTIVE = re.compile(r"以下(?:统称|简称)")
_NOT_A_NOTE = re.compile(r"^(?:以下|含|包括|不含|即|如|注)")
_LEADING = re.compile(r"^(?:由|会同)")


@dataclass
class Note:
    """One responsibility note found in the text."""

    start: int
    end: int
    units: list[str] = field(default_factory=list)
    leads: list[str] = field(default_factory=list)
    responsible_with_etc: bool = False  # a 负责 list that ends in 等 (so not a sole unit)
    responsible_units: list[str] = field(default_factory=list)
    districts: bool = False
    carry_forward: bool = False
    declares_first_lead: bool = False


def _matching_close(text: str, i: int, end: int) -> int | None:
    """Index of the bracket closing the one at ``i`` (brackets nest), or None."""
    stack = [text[i]]
    for m in _BRACKET_OR_NEWLINE.finditer(text, i + 1, end):
        c = m.group()
        if c == "\n":
            return None
        if c in _OPEN:
            stack.append(c)
        elif stack and _CLOSE[c] == stack[-1]:
            stack.pop()
            if not stack:
                return m.start()
    return None


_CONJOINED = re.compile(r"等?和(?=各|地方|有关|相关|试点)")
_SEPARATORS: dict[str, re.Pattern[str]] = {}
_NESTING = re.compile(r"[（〔［【“《(）〕］】”》)]")


def split_top(text: str, separators: str) -> list[str]:
    """Split on any of ``separators`` outside brackets and quotes."""
    if not _NESTING.search(text):
        pattern = _SEPARATORS.get(separators)
        if pattern is None:
            pattern = _SEPARATORS[separators] = re.compile(f"[{re.escape(separators)}]")
        return [p for p in (s.strip() for s in pattern.split(text)) if p]
    parts, depth, current = [], 0, []
    for c in text:
        if c in "（〔［【“《(":
            depth += 1
        elif c in "）〕］】”》)" and depth:
            depth -= 1
        if c in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(c)
    parts.append("".join(current))
    return [p for p in (s.strip() for s in parts) if p]


def find_notes(text: str, start: int, end: int) -> list[Note]:
    """All responsibility notes in ``text[start:end]``, in text order."""
    notes = []
    pos = start
    while (m := _OPEN_BRACKET.search(text, pos, end)) is not None:
        i = m.start()
        pos = i + 1
        close = _matching_close(text, i, end)
        if close is None or _ROLE_HINT.search(text, i, close) is None:
            continue
        before = text[i - 1] if i > start else "\n"
        after = text[close + 1] if close + 1 < len(text) else "\n"
        placed = before in _PRECEDING_OK or before == "\n" or after == "\n"
        content = text[i + 1 : close]
        if placed and _looks_like_note(content):
            note = parse_note(content)
            note.start, note.end = i, close + 1
            notes.append(note)
            pos = close + 1
    return notes


def _looks_like_note(content: str) -> bool:
    content = content.strip()
    if not content or _NOT_A_NOTE.match(content):
        return False
    if _LABEL.match(content):
        return True
    return bool(_ROLE_WORD.search(content)) and any(
        _ROLE_SUFFIX.search(seg) or _CARRY_FORWARD.search(seg) or _FIRST_IS_LEAD.search(seg)
        for seg in split_top(content, "，,；;。")
    )


def parse_note(content: str) -> Note:
    """Read the bodies and roles out of the text inside a note's brackets."""
    note = Note(0, 0)
    for clause in split_top(content, "；;。"):
        if carry := _CARRY_FORWARD.search(clause):
            note.carry_forward = True
            note.districts = True
            clause = clause[: carry.start()]
        if _SAME_BELOW.match(clause) or not clause.strip("，, "):
            continue
        label = None
        if m := _LABEL.match(clause):
            label, clause = m.group(1), clause[m.end() :]
        for segment in split_top(clause, "，,"):
            _read_segment(note, segment, label)
    if not note.leads and len(note.responsible_units) == 1 and not note.responsible_with_etc:
        note.leads = list(note.responsible_units)
    return note


def _read_segment(note: Note, segment: str, label: str | None) -> None:
    """One comma-separated part of a note: a list of bodies followed by their role."""
    if _FIRST_IS_LEAD.search(segment) or _SAME_BELOW.match(segment):
        note.declares_first_lead = note.declares_first_lead or bool(_FIRST_IS_LEAD.search(segment))
        return
    role = ""
    if m := _ROLE_SUFFIX.search(segment):
        role, segment = m.group(), segment[: m.start()]
    items = split_top(segment, "、")
    if _DEFINES_COLLECTIVE.search(segment) and any(_COLLECTIVE.match(i) for i in items):
        note.districts = True
        return
    is_lead = bool(_LEAD_ROLE.search(role)) or label in _LEAD_LABELS
    is_responsible = bool(_RESPONSIBLE_ROLE.search(role)) and not is_lead
    for raw in items:
        for item in _split_conjoined(raw):
            if item.startswith(("由", "会同")):
                item = _LEADING.sub("", item)
            had_etc = "等" in item and bool(_ETC.search(item))
            if had_etc:
                item = _ETC.sub("", item).strip()
            if not item:
                continue
            if item.startswith(_COLLECTIVE_STARTS) and _COLLECTIVE.match(item):
                note.districts = True
                continue
            if item not in note.units:
                note.units.append(item)
            if is_lead and item not in note.leads:
                note.leads.append(item)
            if is_responsible:
                note.responsible_units.append(item)
                note.responsible_with_etc = note.responsible_with_etc or had_etc


def _split_conjoined(item: str) -> list[str]:
    """ "A等和各省级人民政府" and "A和各省级人民政府" name two parties; "工业和信息化部" is one."""
    m = _CONJOINED.search(item)
    if m:
        return [item[: m.start()] + ("等" if m.group().startswith("等") else ""), item[m.end() :]]
    return [item]
