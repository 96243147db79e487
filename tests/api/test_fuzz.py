"""Property-based requests from the OpenAPI description (schemathesis): for every operation,
valid and invalid inputs generated from the schema, sent as an administrator (so that the
writes run, not only the 401s) and as an anonymous caller. No answer may be a 5xx."""

from __future__ import annotations

import collections

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.generation import GenerationMode

from policyledger.api import create_app
from tests.conftest import bearer

CASES_PER_OPERATION = 25
MINIMUM_CASES = 1000


@pytest.fixture
def schema(ingested):
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(ingested))


def _run(operation, mode: GenerationMode, headers: dict[str, str], seen: collections.Counter):
    @settings(
        max_examples=CASES_PER_OPERATION,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case) -> None:
        response = case.call(headers=headers)
        seen[response.status_code] += 1
        assert response.status_code < 500, (
            f"{case.method} {case.formatted_path} {case.query} {case.body!r} → "
            f"{response.status_code} {response.text[:300]}"
        )

    try:
        check()
    except Unsatisfiable:  # nothing to make invalid (an operation without parameters)
        assert mode is GenerationMode.NEGATIVE


def test_no_generated_request_gets_a_server_error(schema, make_user):
    admin = bearer(make_user("admin")[1])
    seen: collections.Counter = collections.Counter()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20
    for operation in operations:
        _run(operation, GenerationMode.POSITIVE, admin, seen)
        _run(operation, GenerationMode.NEGATIVE, admin, seen)
    for operation in operations[:5]:
        _run(operation, GenerationMode.POSITIVE, {}, seen)
    total = sum(seen.values())
    print(f"{total} generated requests: {dict(seen)}")
    assert total >= MINIMUM_CASES, seen
    assert not [code for code in seen if code >= 500], seen
    assert seen[200] + seen[201] > 100  # the admin's requests reach the endpoints
