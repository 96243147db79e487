"""The foreign trade and investment pack's data: the kinds of records its templates bring in
(see :mod:`policyledger.packdata`)."""

from __future__ import annotations

KINDS: tuple = ()
