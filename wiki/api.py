"""The wiki's JSON API: /api/v1/pages/... and /api/v1/w/<slug>/pages/..."""
from app.api import make_api_blueprint
from app.spaces.lookup import resolve_space

api_bp = make_api_blueprint("wiki_api", __name__)


@api_bp.url_value_preprocessor
def pick_space(endpoint, values):
    resolve_space(values.pop("space_slug", None) if values else None)
