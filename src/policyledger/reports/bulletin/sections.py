"""Sections rule packs add to the bulletin. A pack names a function in ``Pack(bulletin=
"module:function")``; it is imported only when a bulletin is made and called as
``function(session, period)`` (``period``: :class:`policyledger.storage.periods.Period`), and
returns the :class:`~policyledger.reports.bulletin.model.PackSection` list it contributes —
none when it has no data for the period. The bulletin numbers them after its own sections,
before the notes; the writers lay out their paragraphs, subheadings and tables."""

from __future__ import annotations

from importlib import import_module

from sqlalchemy.orm import Session

from policyledger.reports.bulletin.model import PackSection
from policyledger.rules import PackError, discover_packs
from policyledger.storage.periods import Period


def pack_sections(session: Session, period: Period) -> list[PackSection]:
    """The sections every installed pack adds for ``period``, pack by pack (by name). A pack
    that cannot be loaded adds nothing: a broken third-party pack must not stop the
    bulletin."""
    found: list[PackSection] = []
    for pack in discover_packs(skip_broken=True):
        if not pack.bulletin:
            continue
        module, _, name = pack.bulletin.partition(":")
        try:
            hook = getattr(import_module(module), name)
        except (ImportError, AttributeError) as error:
            raise PackError(f"pack {pack.name}: bulletin hook {pack.bulletin}: {error}") from None
        found += hook(session, period)
    return found
