"""What the gunicorn master builds before it forks (app/warmup.py): templates,
catalogs and locale data of every language, so that the workers share them."""
from pathlib import Path

from flask import request, request_started
from flask_babel import force_locale, get_translations

from app import create_app
from app.extensions import db
from app.warmup import warm_up
from tests.conftest import base_config


def test_warm_up_compiles_every_template_and_loads_every_catalog(app):
    warm_up(app)
    environment = app.jinja_env
    compiled = {key[1] for key in environment.cache.keys()}
    assert {"base.html", "wiki/page.html", "feeds/recent.html"} <= compiled
    with app.test_request_context("/"):
        for code, word in (("fr", "Modifier"), ("es", "Editar"), ("pt", "Editar")):
            with force_locale(code):
                assert get_translations().ugettext("Edit") == word


def test_a_warmed_app_still_serves_pages(app, client, make_page):
    warm_up(app)
    make_page("Warm", body="Served after the warm-up.")
    response = client.get("/wiki/Warm")
    assert response.status_code == 200
    assert "Served after the warm-up." in response.get_data(as_text=True)


def test_the_warm_up_answers_the_first_requests_and_leaves_no_connection(app, make_page):
    """The master answers the home page, recent changes and the latest page, as a
    worker's first requests would, then closes every connection it opened: a
    worker must never inherit one."""
    make_page("Older", body="Not the latest.")
    make_page("Latest", body="The commons' latest page.")
    served = []

    def record(sender, **extra):
        served.append(request.path)

    with request_started.connected_to(record, app):
        warm_up(app)
    assert {"/", "/recent", "/wiki/Latest"} <= set(served)
    assert "/wiki/Older" not in served
    assert db.engine.pool.checkedin() == 0


def test_the_warm_up_of_an_instance_not_yet_initialised_answers_nothing(tmp_path):
    app = create_app(base_config(tmp_path / "instance", f"sqlite:///{tmp_path / 'empty.db'}"))
    served = []
    with request_started.connected_to(lambda sender, **extra: served.append(1), app):
        warm_up(app)
    assert served == []
    with app.app_context():
        assert app.jinja_env.cache  # the rest of the warm-up still ran
        db.engine.dispose()


def test_a_worker_starts_without_what_only_rare_requests_need(tmp_path):
    """Pillow (profile photos) and numpy (search scoring) are imported by the
    requests that need them, not by every worker at start: memory that page views
    would never use."""
    import subprocess
    import sys
    script = ("import sys\nfrom app import create_app\n"
              f"create_app({{'INSTANCE_PATH': {str(tmp_path)!r}}})\n"
              "print('PIL' in sys.modules, 'numpy' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True, cwd=str(Path(__file__).resolve().parents[1]))
    assert shown.stdout.strip() == "False False"
