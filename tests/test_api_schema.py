"""The JSON API keeps the promises of its OpenAPI document.

Schemathesis reads ``/api/v1/openapi.json`` from the app itself (in process,
through WSGI) and sends generated requests to every operation it describes,
so endpoints added later are covered as soon as they are documented: the
operations are read from the document at collection time, one test each.
Every response must be free of server errors and match the document: a
documented status code, the documented content type, and a body valid
against the schema. Requests carry the bearer token of a freshly made member.
Valid and invalid inputs are both generated: bad input must get a documented
4xx, never a 500. Generation is derandomized, so a run is repeatable."""
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (content_type_conformance,
                                               response_schema_conformance,
                                               status_code_conformance)

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]
METHODS = ("get", "put", "post", "patch", "delete")

#: Examples per operation: enough to find a crash, small enough for CI.
MAX_EXAMPLES = 30


def documented_operations():
    """``(METHOD, path)`` of every operation the document describes, read from
    an app built on a throw-away instance folder (no request is served and no
    database is touched)."""
    from app import create_app
    from app.api.openapi import document as openapi_document
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"TESTING": True, "INSTANCE_PATH": folder, "SECRET_KEY": "collect",
                          "DATABASE_URL": "sqlite://"})
        with app.test_request_context("/api/v1/openapi.json"):
            document = openapi_document()
    return sorted((method.upper(), path) for path, operations in document["paths"].items()
                  for method in operations if method in METHODS)


def pytest_generate_tests(metafunc):
    if "operation" in metafunc.fixturenames:
        operations = documented_operations()
        metafunc.parametrize("operation", operations, ids=[f"{m} {p}" for m, p in operations])


@pytest.fixture
def member_headers(make_user, api_token):
    # The WSGI client does not decode gzip: ask for plain bodies (compression
    # itself is tested in tests/test_page_weight.py).
    return {**api_token(make_user("schema-tester")), "Accept-Encoding": "identity"}


def test_operation_conforms_to_the_document(app, operation, member_headers):
    method, path = operation
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    api_operation = schema[path][method]
    cases = st.one_of(api_operation.as_strategy(GenerationMode.POSITIVE),
                      api_operation.as_strategy(GenerationMode.NEGATIVE))

    @given(case=cases)
    @settings(max_examples=MAX_EXAMPLES, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    def check(case):
        case.call_and_validate(headers=member_headers, checks=CHECKS)

    check()


def test_openapi_document_describes_the_core(client):
    """A guard for the test above: an empty document would make it pass vacuously."""
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    assert {"/tokens", "/users/{username}", "/me"} <= set(document["paths"])
    assert "bearer" in document["components"]["securitySchemes"]
    assert ("GET", "/me") in documented_operations()
