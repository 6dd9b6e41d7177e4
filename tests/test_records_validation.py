"""Field validation: every type, good and bad, from form strings and YAML values."""
from datetime import date, datetime

import pytest

from tests.fixtures.records import FIELDS, RECORDS
from wiki.records import schema as s
from wiki.records.validation import lenient, parse_number, validate

pytestmark = RECORDS


@pytest.fixture
def schema(app):
    return s.schema_for("Projects")


GOOD = [
    ("note", "  Hello  ", "Hello"), ("note", 1000, "1000"),
    ("note", date(2020, 1, 2), "2020-01-02"),
    ("members", "1500", 1500), ("members", "1 500", 1500), ("members", "1\u202f500", 1500),
    ("members", "1,000", 1000), ("members", "1.000,5", 1000.5), ("members", "1,5", 1.5),
    ("members", "17.3", 17.3), ("members", 12, 12), ("members", 2.0, 2), ("members", "-3", -3),
    ("founded", "1998", 1998), ("founded", 2100, 2100), ("founded", 1800.0, 1800),
    ("started", "2024-03-31", date(2024, 3, 31)), ("started", date(2024, 1, 1), date(2024, 1, 1)),
    ("started", datetime(2024, 1, 1, 10), date(2024, 1, 1)),
    ("type", "mutual", "mutual"), ("type", "insurer", "insurer"),
    ("risks", ["health", "crop"], ["health", "crop"]),
    ("risks", "health, life", ["health", "life"]),
    ("risks", ["health", "health"], ["health"]),
    ("country", "sn", "SN"), ("country", False, "NO"), ("country", " ml ", "ML"),
    ("website", "https://example.org/x?y=1", "https://example.org/x?y=1"),
    ("website", "HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
    ("keywords", "Health, micro-insurance", ["health", "micro-insurance"]),
    ("keywords", ["a1", "b-2"], ["a1", "b-2"]),
    ("coverage", {"value": "17,3", "year": "2023", "source": " WB "},
     {"value": 17.3, "year": 2023, "source": "WB"}),
    ("coverage", 12, {"value": 12}), ("coverage", {"value": 5, "year": ""}, {"value": 5}),
]

BAD = [
    ("note", "x" * 501), ("note", ["a list"]), ("members", "many"), ("members", "1.2.3,4"),
    ("members", True), ("members", "nan"), ("members", "1e400"), ("founded", "1799"),
    ("founded", "2101"), ("founded", "98"), ("founded", "nineteen"), ("started", "31/03/2024"),
    ("started", "2024-02-30"), ("type", "bogus"), ("type", ["mutual"]), ("risks", ["health", "x"]),
    ("country", "XX"), ("country", "Senegal"), ("website", "javascript:alert(1)"),
    ("website", "ftp://example.org"), ("website", "https://"), ("website", "http://a b"),
    ("keywords", "bad_tag"), ("keywords", ["x" * 41]),
    ("coverage", {"year": 2020}), ("coverage", {"value": "x"}),
    ("coverage", {"value": 1, "year": 1000}),
]


@pytest.mark.parametrize("name,raw,expected", GOOD)
def test_good_values(schema, name, raw, expected):
    clean, errors = validate(schema, {"country": "SN", name: raw})
    assert errors == {}
    assert clean[name] == expected
    assert type(clean[name]) is type(expected)


@pytest.mark.parametrize("name,raw", BAD)
def test_bad_values(schema, name, raw):
    clean, errors = validate(schema, {"country": "SN", name: raw})
    assert name in errors and name not in clean
    assert isinstance(errors[name], str) and errors[name]


def test_required_and_empty(schema):
    clean, errors = validate(schema, {"note": "", "risks": [], "coverage": {"value": ""}})
    assert clean == {} and set(errors) == {"country"}
    assert errors["country"] == "This field is required."


def test_unknown_keys_ignored_and_lenient_keeps_what_parses(schema):
    clean, errors = validate(schema, {"country": "SN", "other": "x"})
    assert clean == {"country": "SN"} and errors == {}
    assert lenient(schema, {"country": "XX", "members": "5", "risks": ["life", "bogus"]}) == {
        "members": 5, "risks": ["life"]}


def test_schema_declarations(app):
    schema = s.schema_for("Projects")
    assert schema.names == [f["name"] for f in FIELDS]
    field = schema.get("type")
    assert field.choice_label("mutual", "fr") == "Mutuelle"
    assert field.choice_label("insurer", "fr") == "insurer"
    assert schema.get("country").label("fr") == "Pays" and schema.get("founded").label("fr") == \
        "Founded"
    assert "Projects" in s.record_namespaces()
    with pytest.raises(ValueError):
        s.field_from_dict({"name": "Bad Name"})
    with pytest.raises(ValueError):
        s.field_from_dict({"name": "x", "type": "choice"})


def test_parse_number_keeps_ints():
    assert parse_number("2") == 2 and isinstance(parse_number("2.0"), int)
