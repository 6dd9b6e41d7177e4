"""Gunicorn settings for serving Konbit: ``gunicorn -c python:app.gunicorn_conf 'app:create_app()'``.

The application is loaded once, in the master, before the workers fork
(``preload_app``): the workers share its code and data pages copy-on-write
instead of each importing everything again. ``gc.freeze()`` moves what the
master built into a permanent generation, so the workers' garbage collector
never touches (and so never copies) those pages. Each worker then drops the
database connections it inherited: a connection must not be shared between
processes. Command-line flags (``--workers``, ``--bind``...) still apply."""
import gc

preload_app = True


def when_ready(server):
    """In the master, after the application is loaded and before any fork."""
    from app.warmup import warm_up
    warm_up(server.app.wsgi())
    gc.collect()
    gc.freeze()


def post_fork(server, worker):
    """In each new worker: its own connection pool, never the master's connections."""
    app = worker.app.wsgi()
    from app.extensions import db
    with app.app_context():
        db.engine.dispose(close=False)
