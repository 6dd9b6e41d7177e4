"""Feeds and streams on a big activity log, timed through HTTP.

Fills a fresh site with ``--rows`` activity rows (default 1,000,000, bulk
inserted), serves it on a free loopback port, and times a 50-entry Atom feed,
a ``304 Not Modified`` answer, ``/recent`` and a few narrower streams.

    .venv/bin/python bench/feeds_bench.py                   # SQLite in a temp folder
    .venv/bin/python bench/feeds_bench.py --rows 100000
    .venv/bin/python bench/feeds_bench.py --database-url postgresql+psycopg://user@host/db
"""
import argparse
import logging
import math
import random
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

BATCH = 20000
PAGES = 500
USERS = 50


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=None,
                        help="an EMPTY database (default: SQLite in a temporary folder)")
    parser.add_argument("--repeat", type=int, default=30, help="requests per URL")
    parser.add_argument("--keep", action="store_true", help="keep the instance folder")
    return parser.parse_args(argv)


def build(app, rows):
    """Users, three workspaces (one private), pages, then the bulk activity rows."""
    from sqlalchemy import insert, text

    from app.accounts.services import create_user
    from app.extensions import db
    from app.spaces.models import Membership, Space
    from app.spaces.services import commons
    from app.timeutil import utcnow
    from feeds.models import Activity
    from wiki import services as wiki
    from wiki.titles import Title

    users = [create_user(f"user{n}", f"user{n}@example.org", "bench password 1")
             for n in range(USERS)]
    spaces = [commons()]
    for slug, visibility in (("alpha", "public"), ("beta", "public"), ("gamma", "private")):
        space = Space(kind="workspace", slug=slug, name=slug.title(), visibility=visibility)
        db.session.add(space)
        db.session.flush()
        db.session.add(Membership(space_id=space.id, user_id=users[0].id, role="owner"))
        spaces.append(space)
    namespaces = ("Main", "Library", "Glossary", "Knowledge")
    pages = []
    for n in range(PAGES):
        space = spaces[n % len(spaces)]
        title = Title(namespaces[n % len(namespaces)], f"Bench page {n}")
        pages.append(wiki.save_page(space, title, f"Text {n}\n", users[n % USERS],
                                    tags=["bench"] if n % 10 == 0 else None).page)
    db.session.commit()
    start = utcnow() - timedelta(seconds=rows)
    rng = random.Random(7)
    page_rows = [(p.id, p.space_id, p.namespace, p.full_title) for p in pages]
    user_ids = [u.id for u in users]
    made = 0
    begun = time.perf_counter()
    while made < rows:
        chunk = []
        for i in range(made, min(rows, made + BATCH)):
            page_id, space_id, namespace, title = page_rows[rng.randrange(PAGES)]
            chunk.append({
                "created_at": start + timedelta(seconds=i), "actor_id": rng.choice(user_ids),
                "verb": "page.edited", "space_id": space_id, "namespace": namespace,
                "object_type": "page", "object_id": page_id, "page_id": page_id,
                "title": title, "minor": i % 7 == 0,
                "data": {"summary": f"edit {i}", "rev": 1, "size_delta": i % 50}})
        # Core executemany: no ORM objects, one round trip per batch.
        db.session.connection().execute(insert(Activity.__table__), chunk)
        db.session.commit()
        made += len(chunk)
    print(f"inserted {rows:,} activity rows in {time.perf_counter() - begun:.1f} s")
    # Fresh statistics, as autovacuum (PostgreSQL) or a periodic ANALYZE would give.
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    return pages[4].full_title  # a commons Library page


def timed(url, repeat, headers=None):
    samples, status = [], None
    for _ in range(repeat):
        request = urllib.request.Request(url, headers=headers or {})
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:  # 304 comes as an "error"
            status = error.code
        samples.append((time.perf_counter() - began) * 1000)
    samples.sort()
    return status, statistics.median(samples), samples[max(0, math.ceil(len(samples) * 0.9) - 1)]


def main(argv=None):
    args = parse_args(argv)
    from werkzeug.serving import make_server

    from app import create_app, database
    from app.cli import initialise
    from app.extensions import db
    instance = Path(tempfile.mkdtemp(prefix="konbit-feeds-bench-"))
    config = {"INSTANCE_PATH": str(instance), "SEED_DEMO": False, "RATELIMIT_ENABLED": False}
    if args.database_url:
        config["DATABASE_URL"] = args.database_url
    app = create_app(config)
    with app.app_context():
        # The schema from the models, as the test suite builds it.
        db.create_all()
        database.stamp_head(app)
    initialise(app)
    with app.app_context():
        page_title = build(app, args.rows)
        db.session.remove()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base = f"http://127.0.0.1:{server.server_port}"
    app.config["BASE_URL"] = base
    threading.Thread(target=server.serve_forever, daemon=True).start()

    urls = [
        ("Atom /recent.atom (50 entries)", "/recent.atom"),
        ("RSS /recent.rss (50 entries)", "/recent.rss"),
        ("HTML /recent", "/recent"),
        ("HTML /recent?ns=Glossary&minor=0", "/recent?ns=Glossary&minor=0"),
        ("Atom /w/beta/activity.atom", "/w/beta/activity.atom"),
        ("Atom page history", f"/wiki/{page_title.replace(' ', '_')}/history.atom"),
        ("Atom /tags/bench.atom", "/tags/bench.atom"),
        ("Atom /u/user3/activity.atom", "/u/user3/activity.atom"),
    ]
    print(f"{'what':45} {'status':>6} {'median ms':>10} {'p90 ms':>8}")
    for label, path in urls:
        status, median, p90 = timed(base + path, args.repeat)
        print(f"{label:45} {status:>6} {median:>10.1f} {p90:>8.1f}")
    with urllib.request.urlopen(base + "/recent.atom") as response:
        etag = response.headers["ETag"]
    status, median, p90 = timed(base + "/recent.atom", args.repeat, {"If-None-Match": etag})
    print(f"{'304 /recent.atom (If-None-Match)':45} {status:>6} {median:>10.1f} {p90:>8.1f}")
    server.shutdown()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if args.keep:
        print(f"instance kept in {instance}")
    else:
        shutil.rmtree(instance, ignore_errors=True)


if __name__ == "__main__":
    main()
