"""Every rule of the foreign trade and investment pack, in the order ``rules list`` shows them."""

from __future__ import annotations

from policyledger.packs.trade.applications import application_check
from policyledger.packs.trade.complaints import complaints
from policyledger.packs.trade.indicators import indicators
from policyledger.packs.trade.insurance import export_sme_class
from policyledger.packs.trade.reward import reward

RULES: tuple = (reward, application_check, export_sme_class, indicators, complaints)
