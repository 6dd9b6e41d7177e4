"""The "versioned wiki" bench site: many pages, many revisions, bulk inserted.

Rows go straight into ``pages``, ``revisions`` and ``page_links`` through
SQLAlchemy Core ``executemany`` (no ORM objects, no ``save_page``, so no search
indexing and no signals): building 100,000 pages and 1,000,000 revisions through
the services would take hours. Every revision carries its pre-rendered HTML with
the current ``RENDERER_VERSION``, so page views never render again.

The HTML is rendered ONCE by the real renderer from a body with placeholder
numbers, then the numbers are substituted: every page's HTML is what the
renderer would produce for its body.

Two pages are special: ``LONG_TITLE`` (10,000 revisions) and ``SHORT_TITLE``
(10 revisions), for the history, diff and save probes.
"""
import json
import re
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from probes import request, server_memory, summary, timed_gets
from scenarios import BENCH_PASSWORD, BENCH_USER, probe, scale, scenario, site

BATCH = 20_000
LONG_TITLE = "Page 000000"
SHORT_TITLE = "Page 000001"
#: Placeholders in the template body, replaced per page / revision.
P_SELF, P_REV, P_LINK_A, P_LINK_B = "999999", "888888", "000002", "000003"
TOKEN_FILE = "bench_api_token.txt"

TEMPLATE = """# Page {self}

This page is part of the benchmark wiki. It links to [[Page {a}]] and to
[[Page {b}]], and it has a short list of points that every page shares:

- the first point, with *emphasis* and `inline code`;
- the second point, a little longer, to make the body look like prose;
- the third point, revision {rev}.

## Details

Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor
incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis
nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.

| key | value |
|-----|-------|
| revision | {rev} |
| page | {self} |
"""


def title(n):
    return f"Page {n:06d}"


def counts():
    """(pages, revisions, revisions of the long page)."""
    if scale.small:
        return 300, 2_000, 200
    return scale.wiki_pages, scale.wiki_revisions, 10_000


def build(app):
    from sqlalchemy import func, insert, select, text

    from app.accounts.services import create_api_token, create_user
    from app.extensions import db
    from app.spaces.services import commons
    from app.timeutil import utcnow
    from wiki.models import Page, PageLink, Revision
    from wiki.rendering import RENDERER_VERSION, render_revision_body

    pages, revisions, long_revs = counts()
    began = time.perf_counter()
    user = create_user(BENCH_USER, f"{BENCH_USER}@example.org", BENCH_PASSWORD)
    _token, raw = create_api_token(user, "bench")
    Path(app.instance_path, TOKEN_FILE).write_text(raw + "\n")
    space = commons()
    db.session.commit()
    conn = db.session.connection()
    now = utcnow()
    first_page = (db.session.scalar(select(func.max(Page.id))) or 0) + 1
    first_rev = (db.session.scalar(select(func.max(Revision.id))) or 0) + 1

    # Revisions per page: the long page, the short one, the rest spread evenly.
    per_page = [long_revs, 10]
    rest = max(0, revisions - long_revs - 10)
    base, extra = divmod(rest, pages - 2)
    per_page += [base + (1 if i < extra else 0) or 1 for i in range(pages - 2)]

    page_rows = [{"id": first_page + n, "space_id": space.id, "namespace": "Main",
                  "title": title(n), "head_number": per_page[n], "current_revision_id": None,
                  "language": "en", "protected": False, "created_at": now, "updated_at": now}
                 for n in range(pages)]
    for start in range(0, pages, BATCH):
        conn.execute(insert(Page.__table__), page_rows[start:start + BATCH])

    # Render the template once, its linked pages existing (links rendered as live).
    template = TEMPLATE.format(self=P_SELF, a=P_LINK_A, b=P_LINK_B, rev=P_REV)
    html_template = render_revision_body(template, space).html
    size = len(template.encode())

    placeholders = re.compile("|".join((P_SELF, P_LINK_A, P_LINK_B)))

    def fill(text_, n):
        """One pass, so a substituted number is never substituted again."""
        a, b = links_of(n, pages)
        values = {P_SELF: f"{n:06d}", P_LINK_A: f"{a:06d}", P_LINK_B: f"{b:06d}"}
        return placeholders.sub(lambda m: values[m.group()], text_)

    rev_id = first_rev
    start_time = now - timedelta(days=365)
    chunk = []
    for n in range(pages):
        body_page = fill(template, n)
        html_page = fill(html_template, n)
        for number in range(1, per_page[n] + 1):
            rev_text = f"{number:06d}"
            chunk.append({
                "id": rev_id, "page_id": first_page + n, "number": number,
                "parent_number": number - 1 or None, "author_id": user.id,
                "created_at": start_time + timedelta(seconds=rev_id),
                "summary": f"edit {number}", "minor": number % 5 == 0, "size": size,
                "size_delta": 0 if number > 1 else size, "full_title": title(n),
                "body": body_page.replace(P_REV, rev_text),
                "html": html_page.replace(P_REV, rev_text),
                "renderer_version": RENDERER_VERSION})
            rev_id += 1
            if len(chunk) >= BATCH:
                conn.execute(insert(Revision.__table__), chunk)
                chunk = []
    if chunk:
        conn.execute(insert(Revision.__table__), chunk)
    conn.execute(text(
        "UPDATE pages SET current_revision_id = (SELECT r.id FROM revisions r "
        "WHERE r.page_id = pages.id AND r.number = pages.head_number) "
        "WHERE id >= :first"), {"first": first_page})

    link_rows = []
    for n in range(pages):
        for target in links_of(n, pages):
            link_rows.append({"from_page_id": first_page + n, "to_space_id": space.id,
                              "to_namespace": "Main", "to_title": title(target)})
    for start in range(0, len(link_rows), BATCH):
        conn.execute(insert(PageLink.__table__), link_rows[start:start + BATCH])
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    print(f"wiki site: {pages:,} pages, {rev_id - first_rev:,} revisions "
          f"in {time.perf_counter() - began:.0f} s", flush=True)


def links_of(n, pages):
    """Two other pages linked from page ``n`` (deterministic, spread over the wiki)."""
    return (n * 7919 + 2) % pages, (n * 104729 + 3) % pages


def view_paths(pages=None):
    pages = pages or counts()[0]
    return [f"/wiki/{title(n).replace(' ', '_')}" for n in range(pages)]


@site("wiki")
def wiki_site(app):
    build(app)


@scenario("wiki-view", site="wiki", title="Wiki page views, random pages, anonymous")
def wiki_view(app):
    return view_paths()


#: Room for every page's stored view (the default keeps 10,000 answers).
PRERENDER_THRESHOLD = "250000"


def cache_pages(server_url, env, *options):
    """``flask cache-pages`` for the readers of this server, as an operator runs it
    after an import (MediaWiki's rebuildFileCache.php)."""
    subprocess.run([str(Path(sys.executable).parent / "flask"), "--app", "app", "cache-pages",
                    "--url", server_url, *options], env=env,
                   cwd=Path(__file__).resolve().parents[1], check=True, stdout=subprocess.DEVNULL)


def cache_pages_for_members(server_url, env):
    """``flask cache-pages --as`` a plain member: the skeletons every member
    without a role in a workspace shares (the bench user is one)."""
    cache_pages(server_url, env, "--as", BENCH_USER)


@scenario("wiki-view-prerendered", site="wiki",
          title="Wiki page views, random pages, anonymous, after `flask cache-pages`",
          own_server=True, server_env={"CACHE_THRESHOLD": PRERENDER_THRESHOLD},
          prepare=cache_pages)
def wiki_view_prerendered(app):
    """``wiki-view`` on a server whose page cache ``flask cache-pages`` filled:
    every page was rendered once before its first reader came."""
    return view_paths()


@scenario("wiki-view-signed-in", site="wiki", title="Wiki page views, random pages, signed in",
          user=BENCH_USER)
def wiki_view_signed_in(app):
    return view_paths()


@scenario("wiki-view-signed-in-prerendered", site="wiki",
          title="Wiki page views, random pages, signed in, after `flask cache-pages --as`",
          user=BENCH_USER, own_server=True, server_env={"CACHE_THRESHOLD": PRERENDER_THRESHOLD},
          prepare=cache_pages_for_members)
def wiki_view_signed_in_prerendered(app):
    """``wiki-view-signed-in`` on a server whose skeletons ``flask cache-pages
    --as`` kept: every page was rendered once for plain members before."""
    return view_paths()


@scenario("wiki-view-popular", site="wiki",
          title="Wiki page views, 1,000 popular pages (Zipf), anonymous")
def wiki_view_popular(app):
    """Readers' traffic is skewed: page *k* of the 1,000 most read is read about
    1/k as often as the first (Zipf). Unlike ``wiki-view`` (every view a page
    no one read before, so always a cache miss) this is what the anonymous page
    cache sees on a real site."""
    pages = min(1_000, counts()[0])
    paths = view_paths(pages)
    return [path for rank, path in enumerate(paths, 1) for _ in range(-(-pages // rank))]


def _path(title_, action=None):
    return "/wiki/" + title_.replace(" ", "_") + (f"/{action}" if action else "")


@probe("wiki")
def history_and_diff(ctx):
    """History and diff of the 10,000-revision page against the 10-revision page."""
    count = 10 if ctx.small else 200
    long_revs = counts()[2]
    long_label, short_label = f"{long_revs:,} revisions", "10 revisions"
    last = -(-long_revs // 50)
    checks = [
        # The default listing: 50 rows for the long page, all 10 for the short one.
        ("history", "", long_label, LONG_TITLE), ("history", "", short_label, SHORT_TITLE),
        # Same number of rows on both: any difference is the history's length.
        ("history", "?per_page=10", long_label, LONG_TITLE),
        ("history", "?per_page=10", short_label, SHORT_TITLE),
        # The oldest revisions: the deepest OFFSET.
        ("history", f"?page={last}", long_label + f", last page ({last})", LONG_TITLE),
        ("diff", "", long_label, LONG_TITLE), ("diff", "", short_label, SHORT_TITLE),
        ("diff", "?from=1", long_label + ", from revision 1", LONG_TITLE),
    ]
    return [timed_gets(f"GET {action}{query} of a page with {label}",
                       ctx.url + _path(title_, action) + query, count)
            for action, query, label, title_ in checks]


def _saves(ctx, what, titles, token, count):
    """Sequential PUTs through the API, each based on the head it just read back."""
    headers = {"Authorization": f"Bearer {token}"}
    samples = []
    for n in range(count):
        title_ = titles[n % len(titles)]
        url = ctx.url + "/api/v1/pages/" + title_.replace(" ", "_")
        status, body, _ms = request(url, headers=headers)
        base = json.loads(body)["rev"] if status == 200 else None
        payload = {"body": f"Saved by the bench, edit {n}.\n\nSee [[{SHORT_TITLE}]].\n",
                   "summary": f"bench save {n}", "base_rev": base}
        status, body, ms = request(url, "PUT", headers, payload)
        if status not in (200, 201):
            raise SystemExit(f"save of {title_} answered {status}: {body[:300]!r}")
        samples.append(ms)
    return summary(what, samples)


@probe("wiki")
def saves(ctx):
    """Save latency through the API (search indexing on, as in production)."""
    count = 10 if ctx.small else 200
    token = Path(ctx.instance, TOKEN_FILE).read_text().strip()
    long_revs = counts()[2]
    rows = [_saves(ctx, f"PUT save, page with {long_revs:,}+ revisions", [LONG_TITLE], token,
                   count),
            _saves(ctx, "PUT save, page with 10+ revisions", [SHORT_TITLE], token, count),
            _saves(ctx, "PUT save, new page", [f"Bench new page {n}" for n in range(count)],
                   token, count)]
    return rows


@probe("wiki")
def memory(ctx):
    """PSS of the gunicorn master and its workers, after the load."""
    pids = ctx.pids()
    total, breakdown = server_memory(pids)
    return [{"what": f"server PSS after load (master + {len(pids) - 1} workers)",
             "value": f"{total} MiB"},
            {"what": "master, then each worker", "value": breakdown}]
