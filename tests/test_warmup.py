"""What the gunicorn master builds before it forks (app/warmup.py): templates,
catalogs and locale data of every language, so that the workers share them."""
from flask_babel import force_locale, get_translations

from app.warmup import warm_up


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
