"""The feeds bench site: a big activity log (``feeds_bench.build`` fills it).

Scenarios: the 50-entry Atom feed, the same feed answered ``304 Not
Modified`` (wrk sends ``If-None-Match`` with the feed's current ETag) and the
``/recent`` HTML page."""
import urllib.request

import feeds_bench
from scenarios import BENCH_PASSWORD, BENCH_USER, scale, scenario, site


@site("feeds")
def feeds_site(app):
    from app.accounts.services import create_user
    if scale.small:
        feeds_bench.PAGES, feeds_bench.USERS = 8, 3
    create_user(BENCH_USER, f"{BENCH_USER}@example.org", BENCH_PASSWORD)
    feeds_bench.build(app, 2_000 if scale.small else 1_000_000)


@scenario("feeds-atom", site="feeds", title="Atom feed /recent.atom (50 entries), anonymous")
def feeds_atom(app):
    return ["/recent.atom"]


def etag_headers(base_url):
    with urllib.request.urlopen(base_url + "/recent.atom", timeout=60) as response:
        etag = response.headers["ETag"]
    if not etag:
        raise SystemExit("/recent.atom sends no ETag")
    return {"If-None-Match": etag}


@scenario("feeds-304", site="feeds", title="/recent.atom answered 304 (If-None-Match)",
          headers=etag_headers, expect=304)
def feeds_not_modified(app):
    return ["/recent.atom"]


@scenario("feeds-recent", site="feeds", title="Recent changes /recent (HTML), anonymous")
def feeds_recent(app):
    return ["/recent"]
