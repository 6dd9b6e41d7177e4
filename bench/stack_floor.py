"""The memory a gunicorn master and its workers hold for the libraries alone.

Serves the yardstick page (``ceiling_app.py``) as Konbit is served (gunicorn,
the application preloaded in the master, the garbage collector's objects
collected and frozen before the fork), first bare, then with more and more of
the libraries Konbit's web process imports loaded beside it but never used;
loads each with wrk and reads the PSS of the master and its workers. The
difference between these floors and Konbit's own figure (``bench/run.py``,
the ``wiki`` site's memory probe) is what the application's code, its data and
its requests add.

    .venv/bin/python bench/stack_floor.py
"""
import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path[:0] = [str(REPO), str(BENCH)]

from probes import process_tree, server_memory  # noqa: E402
from run import Server, write_lines, wrk  # noqa: E402

#: Each step imports its own modules and those of the steps before it.
STEPS = [
    ("the yardstick alone", []),
    ("+ SQLAlchemy with its ORM", ["sqlalchemy", "sqlalchemy.orm"]),
    ("+ the other packages the design names (Flask-Login, Flask-Babel, Whoosh, "
     "Markdown, bleach, feedgen)",
     ["flask_login", "flask_babel", "whoosh.index", "whoosh.fields", "whoosh.qparser",
      "markdown", "bleach", "feedgen.feed"]),
    ("+ the libraries Konbit adds (Flask-SQLAlchemy, Flask-WTF, Flask-Limiter, "
     "Flask-Caching, merge3, PyYAML)",
     ["flask_sqlalchemy", "flask_wtf", "flask_limiter", "flask_caching", "merge3", "yaml"]),
]

GUNICORN_SETTINGS = '''import gc
preload_app = True


def when_ready(server):
    gc.collect()
    gc.freeze()
'''


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ceiling", type=Path, default=REPO.parent / "shared" / "bench",
                        help="folder of ceiling_app.py and wrk_random_pages.lua")
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--duration", default="5s", help="wrk duration before each reading")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    load = SimpleNamespace(threads=2, connections=16, duration=args.duration)
    with tempfile.TemporaryDirectory(prefix="konbit-floor-") as work:
        work = Path(work)
        config = work / "gunicorn_settings.py"
        config.write_text(GUNICORN_SETTINGS)
        paths = write_lines(work / "paths", ["/"])
        modules = []
        for number, (label, more) in enumerate(STEPS):
            modules += more
            app_module = f"floor_{number}"
            (work / f"{app_module}.py").write_text(
                "".join(f"import {name}  # noqa: F401\n" for name in modules)
                + "from ceiling_app import app  # noqa: F401\n")
            totals = []
            for _ in range(args.runs):
                server = Server(app_module, f"{app_module}:app", 2, work, chdir=args.ceiling,
                                env=dict(os.environ, PYTHONPATH=str(work)),
                                config=str(config))
                try:
                    wrk(load, server.url, args.ceiling / "wrk_random_pages.lua", [paths])
                    total, breakdown = server_memory(process_tree(server.process.pid))
                finally:
                    server.stop()
                totals.append(total)
            print(f"{label}: {statistics.median(totals):.1f} MiB "
                  f"(runs: {', '.join(map(str, totals))}; last: {breakdown})", flush=True)


if __name__ == "__main__":
    main()
