"""Search behind a small facade (Whoosh by default, PostgreSQL full text as an option)."""


def init_app(app):
    """Choose the back end and connect indexing to the signals."""
