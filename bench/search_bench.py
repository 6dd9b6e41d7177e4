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
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))

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


def run(backend, pages, database_url, repeat):
    from sqlalchemy import create_engine, text

    from app import create_app, database, search
    from app.cli import initialise
    from app.extensions import db
    folder = Path(tempfile.mkdtemp(prefix="konbit-search-bench-"))
    config = {"INSTANCE_PATH": str(folder), "SEED_DEMO": False, "SEARCH_BACKEND": backend,
              "RATELIMIT_ENABLED": False, "SECRET_KEY": "bench"}
    if backend == "postgres":
        engine = create_engine(database_url)
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
        engine.dispose()
        config["DATABASE_URL"] = database_url
    app = create_app(config)
    with app.app_context():
        db.create_all()
        database.stamp_head(app)
    initialise(app)
    figures = {"backend": backend, "pages": pages}
    started = time.perf_counter()
    build(app, pages)
    figures["store_seconds"] = round(time.perf_counter() - started, 1)
    with app.app_context():
        started = time.perf_counter()
        count = search.reindex(app)
        figures["reindex_seconds"] = round(time.perf_counter() - started, 1)
        figures["documents"] = count
        figures["docs_per_second"] = round(count / max(figures["reindex_seconds"], 0.001))
        from app.spaces.services import commons
        from wiki.services import save_page
        from wiki.titles import parse
        started = time.perf_counter()
        for number in range(20):
            save_page(commons(), parse(f"Bench single {number}"), "Incremental page.", None)
            db.session.commit()
        figures["save_and_index_ms"] = round((time.perf_counter() - started) / 20 * 1000, 1)
    figures["index_bytes"] = index_size(app)
    server = serve(app)
    port = server.server_port
    latency(port, [("warm", {})], 3)
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
    shutil.rmtree(folder, ignore_errors=True)
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[10000])
    parser.add_argument("--backend", choices=("whoosh", "postgres", "both"), default="both")
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", ""))
    parser.add_argument("--repeat", type=int, default=5, help="rounds of each query set")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()
    backends = ["whoosh", "postgres"] if args.backend == "both" else [args.backend]
    results = []
    for pages in args.pages:
        for backend in backends:
            if backend == "postgres" and not args.database_url.startswith("postgresql"):
                print("postgres: skipped (give --database-url postgresql+psycopg://...)")
                continue
            figures = run(backend, pages, args.database_url, args.repeat)
            results.append(figures)
            print(json.dumps(figures), flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
