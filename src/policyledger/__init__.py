"""policyledger: turn government policy documents into a living accountability ledger."""

__version__ = "0.1.0"
