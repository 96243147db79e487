"""What the rule packs hold that is overdue, for the overview beside the overdue targets.

A pack names a function in ``Pack(overdue="module:function")``; it is imported only when the
overview is drawn and called as ``function(session, on)`` (``on``: the date the overview
judges by); it returns the :class:`OverdueItem` list it contributes, oldest first — none when
nothing is overdue. A pack that cannot be loaded, or whose hook fails on its own data, adds
one line saying so instead of stopping the overview."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from importlib import import_module

from sqlalchemy.orm import Session

from policyledger.rules import discover_packs

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OverdueItem:
    """One overdue thing of a pack: what it is, since when, and where to look."""

    pack: str
    title_zh: str
    title_en: str
    detail_zh: str
    detail_en: str
    href: str | None
    due: dt.date | None
    days_overdue: int | None


def pack_overdue(session: Session, on: dt.date) -> list[OverdueItem]:
    """The overdue items of every installed pack that declares an ``overdue`` hook, pack by
    pack (by name)."""
    found: list[OverdueItem] = []
    for pack in discover_packs(skip_broken=True):
        if not pack.overdue:
            continue
        module, _, name = pack.overdue.partition(":")
        try:
            found += getattr(import_module(module), name)(session, on)
        except Exception as error:  # one pack's data must not stop the overview
            log.warning("pack %s: overdue hook %s failed: %s", pack.name, pack.overdue, error)
            found.append(
                OverdueItem(
                    pack.name,
                    f"{pack.title_zh}：逾期事项暂时无法计算",
                    f"{pack.title_en}: overdue items cannot be computed now",
                    " ".join(str(error).split())[:200],
                    " ".join(str(error).split())[:200],
                    None,
                    None,
                    None,
                )
            )
    return found
