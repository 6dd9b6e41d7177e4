"""Konbit: a wiki-and-workspace collaboration server for communities of practice.

``create_app`` is the only place that knows every package: it loads the
configuration, initialises the extensions and registers the blueprints of the
core and of ``wiki``, ``workspaces``, ``feeds`` and ``community``. Nothing happens at import time.
"""
import os

from flask import Flask

REPOSITORY_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def create_app(test_config=None):
    """Build a Konbit application.

    ``test_config`` is the last configuration layer (tests pass a mapping)."""
    instance_path = os.environ.get("INSTANCE_PATH") or os.path.join(REPOSITORY_ROOT, "instance")
    if test_config and test_config.get("INSTANCE_PATH"):
        instance_path = test_config["INSTANCE_PATH"]
    app = Flask(__name__, instance_path=os.path.abspath(instance_path),
                instance_relative_config=True)

    from app import config, converters
    config.load(app, test_config)
    converters.init_app(app)

    from app import assets, database, errors, i18n, security, templating
    from app.extensions import csrf, limiter
    database.init_app(app)
    i18n.init_app(app)
    csrf.init_app(app)
    limiter.init_app(app)
    from app import antispam
    antispam.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    assets.init_app(app)
    errors.init_app(app)
    from app import cache
    cache.init_app(app)

    from app.accounts import auth
    auth.init_app(app)

    register_blueprints(app)

    from app import cli
    cli.init_app(app)
    security.trust_proxies(app)
    return app


def register_blueprints(app):
    """The core's blueprints first, then the packages built on it."""
    from app.accounts import profile_views  # noqa: F401  (profiles on the accounts blueprint)
    from app.accounts.views import bp as accounts_bp
    from app.api import bp as api_bp
    from app.main import bp as main_bp
    app.register_blueprint(main_bp)
    app.register_blueprint(accounts_bp)
    app.register_blueprint(api_bp)

    from app import search
    search.init_app(app)

    import community
    import feeds
    import wiki
    import workspaces
    wiki.init_app(app)
    workspaces.init_app(app)
    feeds.init_app(app)
    community.init_app(app)
