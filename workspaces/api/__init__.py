"""The workspaces' JSON API: /api/v1/workspaces/... and /api/v1/w/<slug>/posts/...

Like every endpoint, these ask ``app.policy``: what the caller may not read is
404; 401 asks an anonymous caller to authenticate; 403 only where the caller
may read the thing but not change it."""
from app.api import make_api_blueprint

api_bp = make_api_blueprint("workspaces_api", __name__)


@api_bp.before_request
def _refuse_nul_bytes():
    from workspaces.views.common import refuse_nul_bytes
    refuse_nul_bytes()


from workspaces.api import members, posts, spaces  # noqa: E402,F401
