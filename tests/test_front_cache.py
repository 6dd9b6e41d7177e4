"""The front cache (app/front_cache.py): stored anonymous answers served before
Flask runs, with the same headers, compressed once, conditional GETs and HEAD
answered; and the generation read that keys them (app/generation.py)."""
import gzip

import pytest
from sqlalchemy import create_engine, text

from app.extensions import db
from app.generation import generation
from tests.conftest import ON_POSTGRES

pytestmark = pytest.mark.config(PAGE_CACHE_MIN_REQUESTS=1)


def count_flask_requests(app):
    """How many requests reached Flask's own machinery (its before-request hooks)."""
    reached = []
    app.before_request_funcs.setdefault(None, []).insert(0, lambda: reached.append(1))
    return reached


def test_a_hit_never_reaches_flask_and_carries_the_same_headers(app, client, make_page):
    make_page("Foo", body="Mutual health organisations.")
    reached = count_flask_requests(app)
    miss = client.get("/wiki/Foo")
    hit = client.get("/wiki/Foo")
    assert miss.headers["X-Cache"] == "miss" and hit.headers["X-Cache"] == "hit"
    assert len(reached) == 1
    assert hit.data == miss.data and b"Mutual health organisations." in hit.data
    for name in ("Content-Type", "Content-Security-Policy", "X-Content-Type-Options",
                 "X-Frame-Options", "Referrer-Policy", "Cache-Control", "ETag",
                 "Last-Modified"):
        assert hit.headers.get(name) == miss.headers.get(name), name
    assert int(hit.headers["Content-Length"]) == len(hit.data)
    assert "Set-Cookie" not in hit.headers


def test_a_hit_is_compressed_once_for_readers_who_accept_gzip(app, client, make_page):
    make_page("Foo", body="Mutual health organisations. " * 40)
    gzipped = {"Accept-Encoding": "gzip, deflate, br"}
    zipped_miss = client.get("/wiki/Foo", headers=gzipped)  # compressed by Flask-Compress
    plain = client.get("/wiki/Foo")
    reached = count_flask_requests(app)
    zipped = client.get("/wiki/Foo", headers=gzipped)
    assert zipped_miss.headers["X-Cache"] == "miss" and plain.headers["X-Cache"] == "hit"
    assert zipped.headers["X-Cache"] == "hit" and not reached
    assert zipped.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.data) == plain.data == gzip.decompress(zipped_miss.data)
    # Each representation has its own ETag, the same whether stored or just made.
    assert zipped.headers["ETag"] == zipped_miss.headers["ETag"] == \
        plain.headers["ETag"][:-1] + ':gzip"'
    again = client.get("/wiki/Foo", headers={**gzipped, "If-None-Match": zipped.headers["ETag"]})
    assert again.status_code == 304 and again.headers["ETag"] == zipped.headers["ETag"]
    assert int(zipped.headers["Content-Length"]) == len(zipped.data) < len(plain.data)
    assert {"Cookie", "Accept-Language", "Accept-Encoding"} <= set(zipped.vary)
    refused = client.get("/wiki/Foo", headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused.headers and refused.data == plain.data


def test_conditional_gets_and_head_are_answered_in_front(app, client, make_page):
    make_page("Foo", body="First text.")
    first = client.get("/wiki/Foo")
    reached = count_flask_requests(app)
    etag = first.headers["ETag"]
    zipped = etag[:-1] + ':gzip"'
    for asked, echoed in ((etag, etag), (zipped, zipped), (f'"other", {etag}', etag)):
        again = client.get("/wiki/Foo", headers={"If-None-Match": asked})
        assert again.status_code == 304 and again.data == b"", asked
        assert again.headers["ETag"] == echoed
    head = client.head("/wiki/Foo")
    assert head.status_code == 200 and head.data == b""
    assert head.headers["Content-Length"] == first.headers["Content-Length"]
    feed = client.get("/recent.atom")
    assert len(reached) == 1
    by_date = client.get("/recent.atom",
                         headers={"If-Modified-Since": feed.headers["Last-Modified"]})
    assert by_date.status_code == 304 and by_date.data == b"" and len(reached) == 1
    other = client.get("/wiki/Foo", headers={"If-None-Match": '"c-0000"'})
    assert other.status_code == 200 and other.data == first.data


@pytest.mark.config(TRUSTED_PROXIES=1, PAGE_CACHE_MIN_REQUESTS=1)
def test_the_answer_behind_a_proxy_is_keyed_by_the_clients_scheme(client, make_page):
    """With TRUSTED_PROXIES the proxy fix-up runs before the front cache: an answer
    to https is never the answer to http (links and redirects may differ)."""
    make_page("Foo", body="Behind a proxy.")
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    assert client.get("/wiki/Foo", headers=https).headers["X-Cache"] == "miss"
    assert client.get("/wiki/Foo", headers=https).headers["X-Cache"] == "hit"
    assert client.get("/wiki/Foo").headers["X-Cache"] == "miss"


def test_the_generation_read_sees_every_commit_at_once(app, make_user):
    """The reading connection holds no snapshot between reads: a write committed
    on another connection (another worker) shows on the next read."""
    make_user("ana")
    before = generation()
    other = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
    with other.begin() as conn:
        conn.execute(text("UPDATE site_generation SET token = 'from-elsewhere' WHERE id = 1"))
    other.dispose()
    assert before != "from-elsewhere" and generation() == "from-elsewhere"


@pytest.mark.skipif(not ON_POSTGRES, reason="PostgreSQL's own sessions")
def test_the_generation_read_leaves_no_transaction_open(app, make_user):
    """Between reads the connection is idle, not "idle in transaction": it holds
    no lock that would stall a migration or a TRUNCATE."""
    make_user("ana")
    generation()
    with db.engine.connect() as conn:
        states = conn.execute(text(
            "SELECT state FROM pg_stat_activity WHERE datname = current_database() "
            "AND query LIKE 'SELECT token%FROM site_generation WHERE id = 1'")).scalars().all()
    assert states and "idle in transaction" not in states
