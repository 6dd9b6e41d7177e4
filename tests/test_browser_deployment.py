"""A production-shaped deployment over real HTTP: the rate-limit counters live
in Redis (``RATELIMIT_STORAGE_URI=redis://...``), where every worker and every
app server reads the same counts, so a client cannot multiply its allowance by
the number of processes."""
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest


def post_login(server, password="wrong password, twice"):
    data = urllib.parse.urlencode({"login": "nobody", "password": password}).encode()
    try:
        with urllib.request.urlopen(server.url + "/login", data=data, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def redis_limits(redis_url):
    """Settings that count login attempts in Redis, under a prefix of this test's own."""
    import redis
    client = redis.Redis.from_url(redis_url)
    prefix = f"konbit-test-{uuid.uuid4().hex}"
    settings = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": redis_url,
                "RATELIMIT_KEY_PREFIX": prefix, "RATELIMIT_LOGIN": "3 per minute",
                "WTF_CSRF_ENABLED": False}
    keys = lambda: list(client.scan_iter(match=f"*{prefix}*"))  # noqa: E731
    yield settings, keys, client
    if keys():
        client.delete(*keys())


def test_login_limit_counts_in_redis(live_server_factory, redis_limits):
    settings, keys, client = redis_limits
    server = live_server_factory(**settings)
    assert keys() == []
    refused = [post_login(server) for _ in range(3)]
    assert 429 not in refused and all(400 <= status < 500 for status in refused)
    assert post_login(server) == 429
    assert keys(), "the limiter wrote no counter to Redis"
    # The count lives only in Redis: clear it there and the server lets the client try again.
    client.delete(*keys())
    assert post_login(server) == refused[0]
