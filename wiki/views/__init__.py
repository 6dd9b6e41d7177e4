"""The wiki's HTML views. Every route gets ``g.space`` from the mount it came
through (``/wiki/...`` the commons, ``/w/<slug>/wiki/...`` a workspace)."""
from flask import Blueprint

from app.spaces.lookup import resolve_space

bp = Blueprint("wiki", __name__, template_folder="../templates")


@bp.url_value_preprocessor
def pick_space(endpoint, values):
    resolve_space(values.pop("space_slug", None) if values else None)


@bp.url_defaults
def keep_space(endpoint, values):
    from flask import g
    if endpoint.startswith("ws_wiki.") and "space_slug" not in values and "space" in g:
        values["space_slug"] = g.space.slug


from wiki.views import editing, page_admin, pages  # noqa: E402,F401  (routes on bp)
from wiki.views import namespaces, tags  # noqa: E402,F401  (routes on bp)
from wiki.views import attachments, translations  # noqa: E402,F401  (routes on bp)
from wiki.views import records  # noqa: E402,F401  (routes on bp)
