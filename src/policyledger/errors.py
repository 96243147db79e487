"""Errors a user can act on: each carries a one-line message the CLI prints as it is."""


class PolicyLedgerError(Exception):
    """Base class; ``str(error)`` is a complete one-line explanation for the user."""


class InputError(PolicyLedgerError):
    """The input file cannot be read as a policy document (missing, too big, corrupt, binary)."""
