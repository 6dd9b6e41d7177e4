"""The feeds package's routes: HTML streams, Atom/RSS feeds, watching,
the dashboard and the settings forms.

``bp`` holds the site-wide routes; ``page_bp`` the page history feeds, mounted
twice like the wiki (the commons at the root, each workspace under /w/<slug>)."""
from flask import Blueprint, g

bp = Blueprint("feeds", __name__, template_folder="../templates")
page_bp = Blueprint("feeds_wiki", __name__, template_folder="../templates")


@page_bp.url_value_preprocessor
def pick_space(endpoint, values):
    # Resolved in the view, for the feed's reader (who may come with a token).
    g.feeds_space_slug = values.pop("space_slug", None) if values else None


from feeds.views import account, feeds, html  # noqa: E402,F401  (routes)
