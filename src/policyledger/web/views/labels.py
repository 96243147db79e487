"""Names of scorecard parts in the page's language."""

from __future__ import annotations

from policyledger.assess import Part
from policyledger.web.i18n import translate


def part_label(part: Part, lang: str) -> str:
    """A scorecard part's name in the page's language (the rules' Chinese label otherwise)."""
    key = f"bp_part_{part.key}"
    text = translate(key, lang)
    return part.label if text == key else text
