"""TRUSTED_PROXIES: the client address comes from the proxy only when configured."""
from flask import request


def _remote_addr(app):
    app.add_url_rule("/_addr", "addr", lambda: request.remote_addr or "")
    return app.test_client().get(
        "/_addr", headers={"X-Forwarded-For": "203.0.113.7"},
        environ_base={"REMOTE_ADDR": "10.0.0.2"}).get_data(as_text=True)


def test_forwarded_for_is_ignored_without_trusted_proxies(app_factory):
    assert _remote_addr(app_factory()) == "10.0.0.2"


def test_forwarded_for_is_used_behind_a_trusted_proxy(app_factory):
    assert _remote_addr(app_factory(TRUSTED_PROXIES=1)) == "203.0.113.7"
