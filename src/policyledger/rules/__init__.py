"""Rules as code: policy clauses encoded as tested functions, in the spirit of OpenFisca.

A *pack* (:class:`Pack`) is a folder with
- dated *parameters* in YAML (:mod:`.parameters`): each value with its unit, validity and the
  document number and clause it comes from;
- *rules* (:mod:`.rule`): plain Python functions over typed inputs (:mod:`.inputs`), each
  registered with the clause it encodes;
- *cases* in YAML (:mod:`.cases`): inputs, expected outputs and the arithmetic written out,
  run by pytest.

Packs are found through the ``policyledger.packs`` entry point group (:mod:`.packs`), so a
province can install its own with pip. ``policyledger rules list|explain|check`` shows them.
The documentation for analysts is ``docs/rules.md``.
"""

from policyledger.rules.cases import Case, load_cases, run_case
from policyledger.rules.errors import (
    CaseFileError,
    PackError,
    ParameterExpired,
    ParameterFileError,
    RuleDefinitionError,
    RuleInputError,
    RulesError,
    UnknownParameter,
)
from policyledger.rules.inputs import (
    FieldInfo,
    Label,
    build,
    check_fields,
    describe,
    field_type,
    label,
    to_plain,
)
from policyledger.rules.packs import GROUP, Pack, discover_packs, find_rule, get_pack
from policyledger.rules.parameters import (
    Parameter,
    ParameterSet,
    Period,
    Source,
    load_parameters,
    read_parameter_files,
)
from policyledger.rules.rule import Citation, ParameterView, Rule, cite, rule

__all__ = [
    "GROUP",
    "Case",
    "CaseFileError",
    "Citation",
    "FieldInfo",
    "Label",
    "Pack",
    "PackError",
    "Parameter",
    "ParameterExpired",
    "ParameterFileError",
    "ParameterSet",
    "ParameterView",
    "Period",
    "Rule",
    "RuleDefinitionError",
    "RuleInputError",
    "RulesError",
    "Source",
    "UnknownParameter",
    "build",
    "check_fields",
    "cite",
    "describe",
    "discover_packs",
    "field_type",
    "find_rule",
    "get_pack",
    "label",
    "load_cases",
    "load_parameters",
    "read_parameter_files",
    "rule",
    "run_case",
    "to_plain",
]
