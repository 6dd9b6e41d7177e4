"""Search benchmark: index 10,000 (or 50,000) wiki pages and time searches over HTTP.

For each back end (Whoosh in the instance folder, PostgreSQL full text) it
builds a fresh site, stores N pages made from the multilingual corpora in
``../shared/data`` (tldr, opensource-guides, otel-docs; repeated with
variations when N exceeds them), then reports

- indexing time: ``flask reindex`` of all pages (documents per second), and
  the time of one page saved through the wiki's services (queue + index after commit);
- the index size (index folder, or the PostgreSQL relations);
- search latency p50/p95 through HTTP (a real threaded WSGI server) for
  one-word, two-word, phrase and filtered queries.

Usage (from the repository root)::

    .venv/bin/python bench/search_bench.py --pages 10000 --backend whoosh
    .venv/bin/python bench/search_bench.py --pages 10000 --backend postgres \\
        --database-url postgresql+psycopg://postgres@127.0.0.1:5432/konbit_bench

The PostgreSQL database given is emptied first. ``--json FILE`` writes the figures.
"""
import argparse
import http.client
import json
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

CORPORA = [("tldr", lang) for lang in ("en", "fr", "es", "pt")] + \
          [("opensource-guides", lang) for lang in ("en", "fr", "es", "pt")] + \
          [("otel-docs", "en")]
NAMESPACES = ("Main", "Library", "Knowledge", "Help")
ONE_WORD = ["files", "archive", "fichier", "archivo", "arquivo", "community", "network",
            "process", "processus", "telemetry", "contributors", "directory", "serveur"]
TWO_WORDS = ["list files", "remote server", "compress archive", "open source",
             "fichiers répertoire", "archivos directorio", "arquivos diretório",
             "trace context", "new contributors", "disk usage"]
PHRASES = ['"version control"', '"open source"', '"remote systems"',
           '"liste les fichiers"', '"de archivos"']
FILTERED = [("files", {"lang": "fr"}), ("archive", {"ns": "Library"}),
            ("community", {"lang": "en", "ns": "Knowledge"}), ("process tag:cli", {}),
            ("directory", {"ws": "commons"})]


def corpus_texts():
    """(title, language, body) of every Markdown file of the corpora."""
    texts = []
    for name, lang in CORPORA:
        folder = DATA / name / lang
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            body = path.read_text(encoding="utf-8", errors="replace")
            title = path.stem.replace("_", " ").replace("-", " ").strip() or "index"
            texts.append((title[:150], lang, body[:20000]))
    if not texts:
        raise SystemExit(f"no corpus under {DATA}")
    return texts


def page_rows(count, seed=7):
    """``count`` (namespace, title, language, body, tags): the corpora, then variations."""
    rng = random.Random(seed)
    texts = corpus_texts()
    seen = set()
    for number in range(count):
        title, lang, body = texts[number % len(texts)]
        copy = number // len(texts)
        namespace = NAMESPACES[number % len(NAMESPACES)]
        if copy:
            lines = body.splitlines()
            rng.shuffle(lines)
            body = "\n".join(lines)
            title = f"{title} ({copy + 1})"
        key = (namespace, title[:1].upper() + title[1:])
        while key in seen:
            key = (namespace, key[1] + "+")
        seen.add(key)
        tags = ["cli"] if number % 3 == 0 else ["docs"]
        yield key[0], key[1], lang, body, tags


def build(app, count):
    """Store ``count`` pages (one revision each) straight into the tables."""
    from sqlalchemy import insert, update

    from app.extensions import db
    from app.spaces.services import commons
    from wiki.models import Page, PageTag, Revision
    with app.app_context():
        space_id = commons().id
        db.session.commit()
        rows = list(page_rows(count))
        for start in range(0, len(rows), 1000):
            chunk = rows[start:start + 1000]
            ids = db.session.execute(insert(Page).returning(Page.id), [
                {"space_id": space_id, "namespace": ns, "title": title, "language": lang,
                 "head_number": 1} for ns, title, lang, _, _ in chunk]).scalars().all()
            revs = db.session.execute(insert(Revision).returning(Revision.id), [
                {"page_id": pid, "number": 1, "body": body, "size": len(body.encode()),
                 "full_title": title if ns == "Main" else f"{ns}:{title}"}
                for pid, (ns, title, _, body, _) in zip(ids, chunk)]).scalars().all()
            db.session.execute(update(Page), [{"id": p, "current_revision_id": r}
                                              for p, r in zip(ids, revs)])
            db.session.execute(insert(PageTag), [{"page_id": p, "tag": t}
                                                 for p, row in zip(ids, chunk) for t in row[4]])
            db.session.commit()


def index_size(app):
    from sqlalchemy import text

    from app.extensions import db
    if app.config["SEARCH_BACKEND"] == "whoosh":
        return sum(f.stat().st_size for f in Path(app.config["SEARCH_INDEX_PATH"]).rglob("*"))
    with app.app_context():
        return db.session.scalar(text(
            "SELECT pg_total_relation_size('search_documents') "
            "+ pg_total_relation_size('search_words')"))


def serve(app):
    import logging

    from werkzeug.serving import make_server
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def latency(port, queries, repeat):
    """Seconds per request for each query (``repeat`` rounds), over one keep-alive connection."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    timings = []
    for _ in range(repeat):
        for text, params in queries:
            path = "/api/v1/search?" + urlencode({"q": text, **params})
            started = time.perf_counter()
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            timings.append(time.perf_counter() - started)
            if response.status != 200:
                raise SystemExit(f"{path}: {response.status} {body[:200]!r}")
    connection.close()
    return timings


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def site_folder(base, backend, pages):
    return Path(base) / f"{backend}-{pages}"


def make_site(backend, pages, database_url, folder, figures):
    """A fresh instance folder (and emptied PostgreSQL database) holding ``pages`` pages."""
    from sqlalchemy import create_engine, text

    from app import create_app, database
    from app.cli import initialise
    from app.extensions import db
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    settings = {"SEED_DEMO": False, "SEARCH_BACKEND": backend, "RATELIMIT_ENABLED": False,
                "SECRET_KEY": "bench", "BASE_URL": "http://127.0.0.1"}
    if backend == "postgres":
        engine = create_engine(database_url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        settings["DATABASE_URL"] = database_url
    # instance/config.py: the in-process app and the gunicorn workers read the same settings.
    (folder / "config.py").write_text(
        "".join(f"{key} = {value!r}\n" for key, value in settings.items()), encoding="utf-8")
    app = create_app({"INSTANCE_PATH": str(folder)})
    with app.app_context():
        db.create_all()
        database.stamp_head(app)
    initialise(app)
    started = time.perf_counter()
    build(app, pages)
    figures["store_seconds"] = round(time.perf_counter() - started, 1)
    return app


def reindex_timed(app, figures):
    from app import search
    with app.app_context():
        started = time.perf_counter()
        count = search.reindex(app)
        figures["reindex_seconds"] = round(time.perf_counter() - started, 1)
        figures["documents"] = count
        figures["docs_per_second"] = round(count / max(figures["reindex_seconds"], 0.001))


def save_timed(app, figures):
    """Pages saved one by one through the wiki's services (queue, commit, index)."""
    from app.extensions import db
    from app.spaces.services import commons
    from wiki.services import save_page
    from wiki.titles import parse
    stamp = int(time.time())
    with app.app_context():
        started = time.perf_counter()
        for number in range(20):
            save_page(commons(), parse(f"Bench single {stamp} {number}"), "Incremental page.",
                      None)
            db.session.commit()
        figures["save_and_index_ms"] = round((time.perf_counter() - started) / 20 * 1000, 1)


def profile_query(app, text, top=35):
    """cProfile of one search through the facade, in process (after one warm-up)."""
    import cProfile
    import io
    import pstats

    from flask_login import AnonymousUserMixin

    from app import search
    with app.test_request_context("/search"):
        search.search(AnonymousUserMixin(), text)
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for _ in range(5):
            search.search(AnonymousUserMixin(), text)
        profiler.disable()
        elapsed = (time.perf_counter() - started) / 5
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    print(f"--- profile of {text!r}: {elapsed * 1000:.1f} ms a search (5 runs)")
    print(out.getvalue())


def load_test(folder, duration, runs):
    """Throughput through gunicorn (2 sync workers) and wrk: /search?q=<one word> against
    anonymous page views of the same site, in the same run (``bench/run.py``'s way)."""
    from types import SimpleNamespace

    from sqlalchemy import select

    import run as bench_run
    from app import create_app
    from app.extensions import db
    from wiki.models import Page
    ceiling_dir = ROOT.parent / "shared" / "bench"
    script = ceiling_dir / "wrk_random_pages.lua"
    app = create_app({"INSTANCE_PATH": str(folder)})
    with app.app_context():
        titles = db.session.execute(select(Page.namespace, Page.title)
                                    .order_by(Page.id).limit(2000)).all()
        db.engine.dispose()
    # Titles the wiki's URLs take as they are (the corpus has a few like ".").
    views = ["/wiki/" + quote((t if ns == "Main" else f"{ns}:{t}").replace(" ", "_"), safe=":")
             for ns, t in titles if re.fullmatch(r"[A-Za-z0-9][\w ()+-]*", t)][:1000]
    searches = ["/search?" + urlencode({"q": word}) for word in ONE_WORD]
    work = Path(tempfile.mkdtemp(prefix="konbit-search-load-"))
    env = dict(os.environ, INSTANCE_PATH=str(folder))
    # Served as `make run` serves it (app/gunicorn_conf.py), as bench/run.py serves its sites.
    server = bench_run.Server("konbit-search", "app:create_app()", 2, work, env=env,
                              config="python:app.gunicorn_conf")
    args = SimpleNamespace(threads=2, connections=16, duration=duration)
    try:
        plans = {}
        for name, paths in (("page_view", views), ("search", searches)):
            paths_file = bench_run.write_lines(work / f"{name}.paths", paths)
            bench_run.check_paths(server.url, paths, {})
            plans[name] = paths_file
        measured = {name: [] for name in plans}
        for _ in range(runs):
            for name, paths_file in plans.items():
                measured[name].append(bench_run.wrk(args, server.url, script, [paths_file]))
        medians = {name: bench_run.median_of(found) for name, found in measured.items()}
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    medians["search_to_page_view"] = round(medians["search"]["rps"]
                                           / max(medians["page_view"]["rps"], 0.001), 3)
    medians["load"] = f"wrk -t2 -c16 -d{duration}, median of {runs}, 2 gunicorn workers"
    return medians


def run(backend, pages, database_url, repeat, options):
    from app import create_app
    from app.extensions import db
    base = options.keep or tempfile.mkdtemp(prefix="konbit-search-bench-")
    folder = site_folder(base, backend, pages)
    marker = folder / "bench-site.json"
    figures = {"backend": backend, "pages": pages}
    if options.keep and options.reuse and marker.exists():
        figures.update(json.loads(marker.read_text()))
        figures["reused_site"] = str(folder)
        app = create_app({"INSTANCE_PATH": str(folder)})
        with app.app_context():
            db.create_all()  # tables the code gained since the site was built
        if options.reindex:
            reindex_timed(app, figures)
    else:
        app = make_site(backend, pages, database_url, folder, figures)
        reindex_timed(app, figures)
    marker.write_text(json.dumps({k: figures[k] for k in (
        "store_seconds", "reindex_seconds", "documents", "docs_per_second") if k in figures}))
    save_timed(app, figures)
    figures["index_bytes"] = index_size(app)
    if options.profile:
        for text in options.profile:
            profile_query(app, text)
    server = serve(app)
    port = server.server_port
    latency(port, [("warm", {})] + [(q, {}) for q in ONE_WORD], 2)
    for name, queries in (("one_word", [(q, {}) for q in ONE_WORD]),
                          ("two_words", [(q, {}) for q in TWO_WORDS]),
                          ("phrase", [(q, {}) for q in PHRASES]),
                          ("filtered", FILTERED)):
        timings = latency(port, queries, repeat)
        figures[name] = {"p50_ms": round(statistics.median(timings) * 1000, 1),
                         "p95_ms": round(percentile(timings, 0.95) * 1000, 1),
                         "requests": len(timings)}
    server.shutdown()
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    if options.load:
        figures["load"] = load_test(folder, options.load_duration, options.load_runs)
    if not options.keep:
        shutil.rmtree(base, ignore_errors=True)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10000])
    parser.add_argument("--backend", choices=("whoosh", "postgres", "both"), default="both")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=5, help="rounds of each query set")
    parser.add_argument("--keep", help="build the sites in this folder and keep them "
                                       "(<backend>-<pages>/ each)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: reuse a site built before (no build, no reindex)")
    parser.add_argument("--reindex", action="store_true",
                        help="with --reuse: time a full reindex of the reused site")
    parser.add_argument("--profile", action="append",
                        help="cProfile one search of these words in process (repeatable)")
    parser.add_argument("--load", action="store_true",
                        help="also load /search and page views with wrk through gunicorn")
    parser.add_argument("--load-duration", default="10s")
    parser.add_argument("--load-runs", type=int, default=3)
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    backends = ["whoosh", "postgres"] if args.backend == "both" else [args.backend]
    results = []
    for pages in args.pages:
        for backend in backends:
            if backend == "postgres" and not args.database_url.startswith("postgresql"):
                print("postgres: skipped (give --database-url postgresql+psycopg://...)")
                continue
            if backend == "postgres" and args.keep and len(args.pages) > 1:
                raise SystemExit("--keep with postgres: one --pages value per database")
            figures = run(backend, pages, args.database_url, args.repeat, args)
            results.append(figures)
            print(json.dumps(figures), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
