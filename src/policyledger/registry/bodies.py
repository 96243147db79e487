"""Registry of responsible bodies: map a body name as a document writes it to a stable entry.

Policy documents name the bodies that own a task in notes such as
"（市发展改革委、市经济信息委、市市场监管局等按职责分工负责）". The bodies themselves are kept as
data in ``policyledger/data/bodies.csv`` (columns in ``COLUMNS``), one row per body:

- ``kind`` is one of ``KINDS``; ``jurisdiction`` is ``cq`` (Chongqing) or ``cn`` (national).
- ``name`` is the short name the issuing government writes. A national body whose official name
  begins with 国家 keeps that prefix (国家发展改革委, 国家统计局, 国家税务总局); the bare form the
  State Council writes in its notes (发展改革委, 统计局, 税务总局) is an alias.
- ``aliases`` are other written forms separated by ``|``: older names, 重庆市-prefixed forms,
  short county names (秀山县). No written form belongs to two rows of the same jurisdiction (the
  loader refuses such a file); the shipped file keeps every form unique across all rows.

``Registry.resolve`` returns ``None`` for a name it does not know; callers keep such a name as
written and flag it rather than drop it.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TextIO

COLUMNS = ("id", "kind", "jurisdiction", "name", "full_name", "name_en", "aliases", "parent")
KINDS = frozenset(
    {
        "municipal_department",
        "central_agency_in_cq",
        "district",
        "development_zone",
        "national_ministry",
        "other",
    }
)
JURISDICTIONS = frozenset({"cq", "cn"})
DISTRICT_KINDS = frozenset({"district", "development_zone"})

# Longest first: "市财政局等有关部门" loses the whole tail, not just "等".
_TRAILING = ("等有关部门和单位", "等有关部门", "等有关单位", "等部门", "等单位", "等")
_CQ_PREFIXES = ("重庆市", "重庆")


@dataclass(frozen=True)
class Body:
    """One responsible body (a row of ``bodies.csv``)."""

    id: str
    kind: str
    jurisdiction: str
    name: str
    full_name: str
    name_en: str
    aliases: tuple[str, ...]
    parent: str | None

    @property
    def written_forms(self) -> tuple[str, ...]:
        """Every form the body is matched by: name, full name and aliases, without repeats."""
        return tuple(dict.fromkeys(f for f in (self.name, self.full_name, *self.aliases) if f))


def normalise(written: str) -> str:
    """Drop all whitespace (line-wrap spaces included) and a trailing 等 / 等有关部门 …"""
    form = "".join(written.split())
    for suffix in _TRAILING:
        if form.endswith(suffix) and len(form) > len(suffix):
            return form[: -len(suffix)]
    return form


def _is_municipal_form(form: str) -> bool:
    """True for "市…" names of Chongqing bodies, not for 市场监管总局 and the like."""
    return form.startswith("市") and not form.startswith("市场")


class Registry:
    """All known bodies, indexed once by id and by every written form."""

    def __init__(self, bodies: Iterable[Body]) -> None:
        self._bodies = list(bodies)
        self._by_id: dict[str, Body] = {}
        self._by_form: dict[str, tuple[Body, ...]] = {}
        for body in self._bodies:
            if body.id in self._by_id:
                raise ValueError(f"duplicate body id {body.id!r}")
            self._by_id[body.id] = body
            for form in body.written_forms:
                same = self._by_form.get(form, ())
                clash = [b.id for b in same if b.jurisdiction == body.jurisdiction]
                if clash:
                    raise ValueError(f"{form!r} names both {clash[0]} and {body.id}")
                self._by_form[form] = (*same, body)
        for body in self._bodies:
            if body.parent is not None and body.parent not in self._by_id:
                raise ValueError(f"{body.id}: unknown parent {body.parent!r}")

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str] | Traversable) -> Registry:
        """Load a registry from a ``bodies.csv`` file (UTF-8, header row ``COLUMNS``)."""
        source = Path(path) if isinstance(path, str | os.PathLike) else path
        with source.open("r", encoding="utf-8-sig", newline="") as handle:
            return cls(_parse(handle))

    def get(self, body_id: str) -> Body | None:
        """The body with this id, or None."""
        return self._by_id.get(body_id)

    def bodies(self) -> list[Body]:
        """All bodies in file order."""
        return list(self._bodies)

    def districts(self) -> list[Body]:
        """Chongqing's districts and counties and its development zones, in file order."""
        return [b for b in self._bodies if b.kind in DISTRICT_KINDS]

    def resolve(
        self, written: str, context: Sequence[str] = (), jurisdiction: str | None = None
    ) -> Body | None:
        """Map a body name as written in a document to a registry entry, or None if unknown.

        ``context`` holds the other bodies named in the same note; when ``jurisdiction`` is not
        given it is inferred from them (mostly 市… or Chongqing bodies → ``cq``; mostly national
        bodies → ``cn``). A match in the wanted jurisdiction wins; a name known only in the other
        jurisdiction is returned when nothing better is found. In Chongqing, a bare name is
        also tried with 市 in front ("生态环境局" → 市生态环境局), and a leading 重庆市/重庆 is
        replaced by 市 ("重庆市发改委" → 市发改委).
        """
        form = normalise(written)
        if not form:
            return None
        want = jurisdiction or self._infer_jurisdiction(form, context)
        fallback: Body | None = None
        for candidate, required in self._candidates(form, want):
            hits = [
                b
                for b in self._by_form.get(candidate, ())
                if required is None or b.jurisdiction == required
            ]
            for body in hits:
                if want is None or body.jurisdiction == want:
                    return body
            if hits and fallback is None:
                fallback = hits[0]
        return fallback

    def _candidates(self, form: str, want: str | None) -> Iterator[tuple[str, str | None]]:
        """Forms to look up, in order, each with the jurisdiction a hit must have (or None)."""
        yield form, None
        if want == "cq" and not form.startswith("市"):
            yield "市" + form, None
        for prefix in _CQ_PREFIXES:
            if form.startswith(prefix) and len(form) > len(prefix):
                rest = form[len(prefix) :]
                yield "市" + rest, "cq"
                yield rest, "cq"
                break

    def _infer_jurisdiction(self, form: str, context: Sequence[str]) -> str | None:
        others = [f for f in (normalise(c) for c in context) if f and f != form]
        local = national = 0
        for other in others:
            hits = self._by_form.get(other, ())
            if _is_municipal_form(other) or any(b.jurisdiction == "cq" for b in hits):
                local += 1
            elif hits:
                national += 1
        if 2 * local > len(others):
            return "cq"
        if 2 * national > len(others):
            return "cn"
        return None


def _parse(handle: TextIO) -> list[Body]:
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None or tuple(h.strip() for h in header) != COLUMNS:
        raise ValueError(f"bodies CSV: the header must be {','.join(COLUMNS)}")
    bodies: list[Body] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        where = f"bodies CSV line {reader.line_num}"
        if len(row) != len(COLUMNS):
            raise ValueError(f"{where}: {len(row)} columns, expected {len(COLUMNS)}")
        rec = dict(zip(COLUMNS, (cell.strip() for cell in row), strict=True))
        if not rec["id"] or not rec["name"]:
            raise ValueError(f"{where}: id and name are required")
        if rec["kind"] not in KINDS:
            raise ValueError(f"{where}: unknown kind {rec['kind']!r}")
        if rec["jurisdiction"] not in JURISDICTIONS:
            raise ValueError(f"{where}: unknown jurisdiction {rec['jurisdiction']!r}")
        aliases = tuple(a.strip() for a in rec["aliases"].split("|") if a.strip())
        bodies.append(
            Body(
                id=rec["id"],
                kind=rec["kind"],
                jurisdiction=rec["jurisdiction"],
                name=rec["name"],
                full_name=rec["full_name"],
                name_en=rec["name_en"],
                aliases=aliases,
                parent=rec["parent"] or None,
            )
        )
    return bodies


@cache
def default_registry() -> Registry:
    """The registry shipped with the package (``policyledger/data/bodies.csv``), loaded once."""
    return Registry.from_csv(resources.files("policyledger") / "data" / "bodies.csv")
