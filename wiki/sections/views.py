"""The sections' HTML routes, on one blueprint mounted twice like the wiki's:
the commons at the root, each workspace under ``/w/<slug>`` (``g.space``).

Their static files (map colours, the glossary tooltip) are served by a second
blueprint, mounted once at ``/sections/static/``."""
from flask import Blueprint

from app.spaces.lookup import resolve_space

bp = Blueprint("sections", __name__, template_folder="templates")
static_bp = Blueprint("sections_static", __name__, static_folder="static",
                      static_url_path="/sections/static")


@bp.url_value_preprocessor
def pick_space(endpoint, values):
    resolve_space(values.pop("space_slug", None) if values else None)


@bp.url_defaults
def keep_space(endpoint, values):
    from flask import g
    if endpoint.startswith("ws_sections.") and "space_slug" not in values and "space" in g:
        values["space_slug"] = g.space.slug


def endpoint_for(space, name):
    """``sections.<name>`` for the commons, ``ws_sections.<name>`` for a workspace."""
    return f"{'sections' if space.is_commons else 'ws_sections'}.{name}"


def space_args(space):
    return {} if space.is_commons else {"space_slug": space.slug}


from wiki.sections import country, knowledge  # noqa: E402,F401  (routes on bp)
