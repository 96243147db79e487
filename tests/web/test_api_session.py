"""The API called from a signed-in browser (the session cookie, no token): reads work, and a
write needs the session's CSRF token in ``X-CSRF-Token`` — a forged cross-site request has none."""

from __future__ import annotations

from tests.api.conftest import target_by_metric


def test_a_cookie_authenticated_api_write_needs_the_csrf_header(client_as):
    client = client_as("supervisor")
    target = target_by_metric_via(client)
    url = f"/api/targets/{target['id']}/observations"
    token = client.headers.pop("X-CSRF-Token")
    refused = client.post(url, json={"period": "2024", "value": 91})
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    wrong = client.post(url, json={"period": "2024", "value": 91}, headers={"X-CSRF-Token": "x"})
    assert wrong.status_code == 403
    done = client.post(url, json={"period": "2024", "value": 91}, headers={"X-CSRF-Token": token})
    assert done.status_code == 201 and done.json()["actor"] == "supervisor-all"
    values = [o["value"] for o in client.get(url).json()["items"]]
    assert values.count(91) == 1  # the refused ones stored nothing


def target_by_metric_via(client) -> dict:
    class Prefixed:
        def get(self, path, **kwargs):
            return client.get("/api" + path, **kwargs)

    return target_by_metric(Prefixed(), "新能源汽车产量")
