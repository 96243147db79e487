"""Every case of every installed pack, one test each, named pack/file/case.

The cases are YAML files in each pack's ``cases/`` folder (see policyledger.rules.cases): a
policy analyst adds a case there and it becomes a test here without any Python."""

from __future__ import annotations

import pytest

from policyledger.rules import discover_packs, load_cases, run_case

CASES = [case for pack in discover_packs() for case in load_cases(pack)]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case):
    problems = run_case(case)
    assert not problems, "\n".join(problems)
