"""Every rule of the foreign trade and investment pack, in the order ``rules list`` shows them."""

from __future__ import annotations

RULES: tuple = ()
