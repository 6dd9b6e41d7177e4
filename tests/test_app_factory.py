import os

from app import create_app


def test_defaults_work_without_configuration(tmp_path, monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path / "site"))
    app = create_app()
    assert app.instance_path == str(tmp_path / "site")
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "sqlite:///" + str(tmp_path / "site" / "konbit.db")
    assert app.config["SEARCH_BACKEND"] == "whoosh"
    assert app.config["UPLOAD_MAX_BYTES"] == 20 * 1024 * 1024
    assert app.config["DEFAULT_LOCALE"] == "en"


def test_secret_key_is_generated_once_into_the_instance(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    first = create_app().config["SECRET_KEY"]
    second = create_app().config["SECRET_KEY"]
    assert len(first) == 64 and first == second
    assert (tmp_path / "secret_key").read_text() == first
    assert oct(os.stat(tmp_path / "secret_key").st_mode & 0o777) == "0o600"


def test_layers_override_in_order(tmp_path, monkeypatch):
    (tmp_path / "config.py").write_text("SITE_NAME = 'From file'\nDEFAULT_LOCALE = 'fr'\n"
                                        "UPLOAD_MAX_BYTES = 5\n")
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("SITE_NAME", "From env")
    app = create_app()
    assert app.config["SITE_NAME"] == "From env"
    assert app.config["DEFAULT_LOCALE"] == "fr"
    assert app.config["UPLOAD_MAX_BYTES"] == 5
    app = create_app({"SITE_NAME": "From test"})
    assert app.config["SITE_NAME"] == "From test"


def test_https_base_url_makes_cookies_secure(tmp_path, monkeypatch):
    monkeypatch.setenv("INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("BASE_URL", "https://konbit.example.org")
    assert create_app().config["SESSION_COOKIE_SECURE"] is True
    monkeypatch.setenv("BASE_URL", "http://127.0.0.1:5000")
    assert create_app().config["SESSION_COOKIE_SECURE"] is False


def test_nothing_happens_at_import_time():
    import importlib

    import app as package
    importlib.reload(package)
    assert not hasattr(package, "app")
