"""What ``bench/run.py`` measures: sites (prepared instance folders) and
scenarios (a list of URL paths loaded by wrk on one site).

A later bench plugs in with two decorators::

    @site("wiki-100k")
    def wiki_100k(app):
        ...                     # runs inside an app context; create 100,000 pages

    @scenario("wiki-view-100k", site="wiki-100k", title="Wiki page views, 100k pages")
    def wiki_views(app):
        return ["/wiki/Page_1", ...]   # URL-encoded paths, loaded at random

Scenarios with ``headers=`` send extra request headers: ``headers(base_url)``
returns them, computed against the running server (e.g. an ``If-None-Match``
with the feed's current ETag); ``expect`` is the status every path must answer.

A probe (``@probe(site)``) measures what wrk cannot: sequential latencies,
saves, memory. ``run.py`` calls it after the wrk runs with a ``ProbeContext``;
it returns rows ``{"what": ..., "n": ..., "p50": ..., "p95": ..., "value": ...}``.

Sites are built at full scale, or tiny with ``--smoke`` / ``--small`` (``scale.small``).

Scenarios with ``user=`` run signed in: ``run.py`` logs that user in through
the real login form and sends the session cookie with every request. Every
site gets the bench user ``BENCH_USER`` (password ``BENCH_PASSWORD``).
"""
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Callable

BENCH_USER = "bench"
BENCH_PASSWORD = "bench-password-2026"

SITES: dict[str, Callable] = {}
SCENARIOS: dict[str, "Scenario"] = {}
PROBES: dict[str, list] = {}

#: Size of the bulk-built sites; ``run.py`` sets ``small`` for smoke runs.
scale = SimpleNamespace(small=False, wiki_pages=100_000, wiki_revisions=1_000_000)


@dataclass
class Scenario:
    name: str
    site: str
    title: str
    paths: Callable = field(repr=False)
    #: Username to sign in as, or None for anonymous requests.
    user: str | None = None
    #: ``headers(base_url)`` -> extra request headers, or None.
    headers: Callable | None = field(default=None, repr=False)
    #: The status every path must answer (304 for a conditional request).
    expect: int = 200
    #: Served by a server of its own, with its own page cache folder, so what
    #: ``prepare`` stores changes no other scenario of the site.
    own_server: bool = False
    #: Extra environment of that server (and of ``prepare``).
    server_env: dict = field(default_factory=dict)
    #: ``prepare(server_url, env)``, run once before the wrk runs (e.g. fill the cache).
    prepare: Callable | None = field(default=None, repr=False)


def site(name):
    """Register a site builder ``builder(app)``, run once in an app context after ``flask init``."""
    def register(builder):
        SITES[name] = builder
        return builder
    return register


def scenario(name, site, title, user=None, headers=None, expect=200, own_server=False,
             server_env=None, prepare=None):
    """Register a scenario whose function ``paths(app)`` returns the URL paths to load."""
    def register(paths):
        SCENARIOS[name] = Scenario(name, site, title, paths, user, headers, expect, own_server,
                                   server_env or {}, prepare)
        return paths
    return register


def probe(site):
    """Register ``measure(ctx)`` -> rows, run against ``site``'s server after the wrk runs."""
    def register(measure):
        PROBES.setdefault(site, []).append(measure)
        return measure
    return register


@site("basic")
def basic_site(app):
    """An initialised site with one member: the bench user."""
    from app.accounts.services import create_user
    from app.extensions import db
    create_user(BENCH_USER, f"{BENCH_USER}@example.org", BENCH_PASSWORD)
    db.session.commit()


@scenario("home", site="basic", title="Home page, anonymous")
def home(app):
    return ["/"]


@scenario("login-form", site="basic", title="Login form (GET /login), anonymous")
def login_form(app):
    return ["/login"]


@scenario("settings", site="basic", title="Settings page, signed in", user=BENCH_USER)
def settings(app):
    return ["/settings"]


# The bulk-built sites of the issues; each module registers its scenarios.
import site_wiki  # noqa: E402,F401
import site_workspaces  # noqa: E402,F401
import site_feeds  # noqa: E402,F401
import site_records  # noqa: E402,F401
