"""The rule framework's errors. Each is a :class:`PolicyLedgerError`: ``str(error)`` is one line
the command line prints as it is; errors about a file start with ``file:line:``."""

from __future__ import annotations

import datetime as dt

from policyledger.errors import PolicyLedgerError


class RulesError(PolicyLedgerError):
    """Base class of the rule framework's errors."""


class RuleDefinitionError(RulesError):
    """A rule or pack is defined wrongly (no clause citation, bad types, duplicate id …).
    Raised when the module defining it is imported."""


class FileError(RulesError):
    """A parameter or case file is wrong; the message starts with ``file:line:``."""

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems = problems or (message,)


class ParameterFileError(FileError):
    """A parameter file is rejected (bad date, duplicate key, missing source …)."""


class CaseFileError(FileError):
    """A case file is rejected."""


class UnknownParameter(RulesError):
    """A parameter key that no parameter file defines, or that a rule did not declare."""


class ParameterExpired(RulesError):
    """A parameter asked for on a date none of its values covers: after its last
    ``valid_until`` or before its first ``valid_from``. Never answered with another period's
    value."""

    def __init__(self, key: str, on: dt.date, ranges: list[tuple[dt.date, dt.date | None]]):
        shown = ", ".join(f"{start} to {end}" if end else f"from {start}" for start, end in ranges)
        super().__init__(f"parameter '{key}' has no value on {on}: its values are valid {shown}")
        self.key = key
        self.on = on
        self.ranges = ranges


class RuleInputError(RulesError):
    """Inputs a rule cannot use: a missing or mistyped field, or values the rule refuses
    (a year outside the plan, a negative quantity). Says which field."""


class PackError(RulesError):
    """A pack cannot be found or loaded."""
