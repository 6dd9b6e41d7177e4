"""The workspaces' HTML views under /w/: directory, home, settings, members, blog.

Every view asks ``app.policy``; what a reader may not read answers 404."""
from flask import Blueprint

from wiki.urls import page_path

#: Static files live under /w/static/ ("static" is a reserved workspace slug).
bp = Blueprint("workspaces", __name__, url_prefix="/w", template_folder="../templates",
               static_folder="../static", static_url_path="/static")


@bp.before_request
def _refuse_nul_bytes():
    from workspaces.views.common import refuse_nul_bytes
    refuse_nul_bytes()


@bp.context_processor
def workspace_helpers():
    return {"page_path": page_path}


from workspaces.views import blog, directory, members, space  # noqa: E402,F401
