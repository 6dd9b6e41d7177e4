"""The site as ``make run`` serves it: gunicorn with ``app.gunicorn_conf`` (the
master loads and warms the app, then forks two workers that share it)."""
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from app.cli import initialise
from app.extensions import db
from tests.fixtures.server import live_config

GUNICORN = Path(sys.executable).with_name("gunicorn")
REPOSITORY = Path(__file__).resolve().parents[1]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url, language="en"):
    request = urllib.request.Request(url, headers={"Accept-Language": language})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read().decode("utf-8")


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        try:
            return get(url)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_gunicorn_with_the_shipped_settings_serves_every_language(tmp_path, make_page):
    instance = tmp_path / "served"
    from app import create_app
    app = create_app(live_config(instance))
    initialise(app)
    with app.app_context():
        make_page("Served", body="Read through gunicorn.")
        db.session.remove()
        db.engine.dispose()
    port = free_port()
    env = dict(os.environ, INSTANCE_PATH=str(instance), SEED_DEMO="0",
               DATABASE_URL=app.config["SQLALCHEMY_DATABASE_URI"])
    server = subprocess.Popen(
        [str(GUNICORN), "-c", "python:app.gunicorn_conf", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "app:create_app()"],
        cwd=REPOSITORY, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        status, _headers, html = wait_for(base + "/wiki/Served")
        assert status == 200 and "Read through gunicorn." in html
        # Enough requests to reach both workers; each answers in the reader's language.
        for _ in range(6):
            for language, word in (("fr", "Historique"), ("es", "Historial"), ("en", "History")):
                status, headers, html = get(base + "/wiki/Served", language)
                assert status == 200 and f'lang="{language}"' in html and word in html
        status, headers, _html = get(base + "/recent.atom")
        assert status == 200 and "atom" in headers["Content-Type"]
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode("utf-8", "replace")
    assert "Traceback" not in output, output
