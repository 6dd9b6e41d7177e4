"""Configuration: documented defaults, then ``instance/config.py``, then the
environment, then the test mapping. Every key has a working default."""
import os
import secrets
import tempfile

#: Keys read from the environment, with the type to coerce them to.
ENV_KEYS = {
    "SECRET_KEY": str,
    "DATABASE_URL": str,
    "SEARCH_BACKEND": str,
    "MAIL_SERVER": str,
    "MAIL_PORT": int,
    "MAIL_USERNAME": str,
    "MAIL_PASSWORD": str,
    "MAIL_USE_TLS": bool,
    "MAIL_USE_SSL": bool,
    "MAIL_DEFAULT_SENDER": str,
    "UPLOAD_MAX_BYTES": int,
    "RATELIMIT_STORAGE_URI": str,
    "RATELIMIT_ENABLED": bool,
    "DEFAULT_LOCALE": str,
    "SITE_NAME": str,
    "BASE_URL": str,
    "SEED_DEMO": bool,
    "EXTRA_NAMESPACES": list,
    "TRUSTED_PROXIES": int,
    "PAGE_CACHE": bool,
    "PAGE_CACHE_MIN_REQUESTS": int,
    "CACHE_TYPE": str,
    "CACHE_REDIS_URL": str,
    "CACHE_DIR": str,
    "CACHE_THRESHOLD": int,
}


class Defaults:
    """The documented defaults; the README lists each of them."""

    SITE_NAME = "Konbit"
    #: Public address of the site, used for absolute links in feeds and mail.
    BASE_URL = "http://127.0.0.1:5000"
    #: Unset: generated into ``instance/secret_key`` on first start.
    SECRET_KEY = None
    #: Unset: SQLite file ``konbit.db`` in the instance folder.
    DATABASE_URL = None
    SEARCH_BACKEND = "whoosh"
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_DEFAULT_SENDER = "konbit@localhost"
    UPLOAD_MAX_BYTES = 20 * 1024 * 1024
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    #: Limits per client address on the account forms (POST only).
    RATELIMIT_LOGIN = "10 per minute;60 per hour"
    RATELIMIT_SIGNUP = "10 per hour"
    RATELIMIT_RESET = "5 per 15 minutes"
    #: Per signed-in member, on every view that writes (wiki, blog, messages, reports...).
    RATELIMIT_WRITE = "90 per minute"
    #: Anti-spam (app/antispam.py). A member is trusted once the account is
    #: TRUST_AFTER_DAYS old and has written TRUST_AFTER_WRITES times (or a
    #: moderator says so); until then at most NEW_ACCOUNT_MAX_LINKS links per
    #: text and NEW_ACCOUNT_MAX_POSTS_PER_HOUR writes an hour.
    TRUST_AFTER_DAYS = 3
    TRUST_AFTER_WRITES = 5
    NEW_ACCOUNT_MAX_LINKS = 5
    NEW_ACCOUNT_MAX_POSTS_PER_HOUR = 60
    #: Private messages an hour: for new (untrusted) accounts, and for everyone.
    NEW_ACCOUNT_MAX_MESSAGES_PER_HOUR = 5
    MAX_MESSAGES_PER_HOUR = 60
    DEFAULT_LOCALE = "en"
    LANGUAGES = ("en", "fr", "es", "pt")
    SEED_DEMO = True
    #: How many reverse proxies in front of the app set X-Forwarded-For/-Proto.
    TRUSTED_PROXIES = 0
    #: Namespaces declared on top of the built-in ones.
    EXTRA_NAMESPACES = ()
    #: Fields of record namespaces, ``{"Namespace": [{"name", "type", "label",
    #: "required", "choices"}...]}``; wins over a built-in schema (wiki.records.schema).
    RECORD_FIELDS = {}
    #: Slow KDF for passwords (werkzeug method string); tests use a faster one.
    PASSWORD_HASH_METHOD = "scrypt"
    PASSWORD_MIN_LENGTH = 10
    #: Lifetime of a password-reset link, in seconds.
    RESET_TOKEN_MAX_AGE = 3600
    SESSION_COOKIE_HTTPONLY = True
    #: None: Secure exactly when BASE_URL is https.
    SESSION_COOKIE_SECURE = None
    REMEMBER_COOKIE_SECURE = None
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None
    SQLALCHEMY_TRACK_MODIFICATIONS = False


def coerce(kind, raw):
    """Turn an environment string into the type a key expects."""
    if kind is bool:
        return raw.strip().lower() in ("1", "true", "yes", "on")
    if kind is int:
        return int(raw)
    if kind is list:
        return tuple(item.strip() for item in raw.split(",") if item.strip())
    return raw


def load(app, test_config=None):
    """Apply the configuration layers to ``app.config`` in order."""
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for key, kind in ENV_KEYS.items():
        if key in os.environ and os.environ[key] != "":
            app.config[key] = coerce(kind, os.environ[key])
    if test_config:
        app.config.update(test_config)
    finish(app)


def finish(app):
    """Derive the settings that depend on others."""
    cfg = app.config
    os.makedirs(app.instance_path, exist_ok=True)
    if not cfg.get("SECRET_KEY"):
        cfg["SECRET_KEY"] = instance_secret(app.instance_path)
    if not cfg.get("DATABASE_URL"):
        cfg["DATABASE_URL"] = "sqlite:///" + os.path.join(app.instance_path, "konbit.db")
    cfg["SQLALCHEMY_DATABASE_URI"] = cfg["DATABASE_URL"]
    cfg.setdefault("SEARCH_INDEX_PATH", os.path.join(app.instance_path, "index"))
    cfg.setdefault("ATTACHMENTS_PATH", os.path.join(app.instance_path, "attachments"))
    cfg.setdefault("OUTBOX_PATH", os.path.join(app.instance_path, "outbox"))
    cfg["MAX_CONTENT_LENGTH"] = cfg["UPLOAD_MAX_BYTES"] + 64 * 1024
    cfg["BABEL_DEFAULT_LOCALE"] = cfg["DEFAULT_LOCALE"]
    secure = cfg["BASE_URL"].startswith("https://")
    for key in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if cfg.get(key) is None:
            cfg[key] = secure
    if cfg["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        # One writer at a time: wait for the lock instead of failing.
        cfg.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"connect_args": {"timeout": 30}})
    else:
        cfg.setdefault("SQLALCHEMY_ENGINE_OPTIONS", {"pool_pre_ping": True})


def instance_secret(instance_path):
    """Read the instance's secret key, creating it on first start.

    Several workers may start at once: the key is written to a private temporary
    file and linked into place, so exactly one key wins and all read it."""
    path = os.path.join(instance_path, "secret_key")
    if not os.path.exists(path):
        fd, tmp = tempfile.mkstemp(dir=instance_path)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_hex(32))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    with open(path, encoding="ascii") as fh:
        return fh.read().strip()
