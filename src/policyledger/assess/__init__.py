"""The assessment engine: pure functions from targets and reported values to status and scores.

Given a target (``TargetSpec``) and the values reported for it (``Observation``), the engine
computes the 序时进度 (``expected_value``), the status and warning colour with reasons in Chinese
(``assess``), the reporting record (``due_periods``, ``reporting``), and owners' scorecards and
rankings (``scorecard``, ``rank``), following design/assessment.md. Every threshold and weight
comes from ``rules.toml`` (``load_rules``), each with its source. The engine does no I/O besides
reading that file and imports nothing from storage, the API, the web or the CLI.
"""

from policyledger.assess.model import Observation, TargetSpec, kind, signed_target
from policyledger.assess.ranking import Part, RankedScorecard, Scorecard, rank, scorecard
from policyledger.assess.rules import COLOURS, STATUSES, Rules, Weight, load_rules
from policyledger.assess.schedule import average_rate, expected_value, progress
from policyledger.assess.status import Assessment, assess
from policyledger.assess.timeliness import Period, Timeliness, due_periods, next_due, reporting

__all__ = [
    "COLOURS",
    "STATUSES",
    "Assessment",
    "Observation",
    "Part",
    "Period",
    "RankedScorecard",
    "Rules",
    "Scorecard",
    "TargetSpec",
    "Timeliness",
    "Weight",
    "assess",
    "average_rate",
    "due_periods",
    "expected_value",
    "kind",
    "load_rules",
    "next_due",
    "progress",
    "rank",
    "reporting",
    "scorecard",
    "signed_target",
]
