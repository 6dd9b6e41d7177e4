"""The forums' HTML views and feeds. One blueprint, two mounts like the wiki:
``/forum/...`` (the site forum, in the commons) and ``/w/<slug>/forum/...``
(a workspace's forum, read as the workspace reads); the Talk of a page at
``<page path>/talk`` comes through the same mounts.

Every route gets ``g.space`` from its mount: 404 when the reader may not read
it. Feeds resolve it themselves, for the reader of ``?token=``."""
from flask import Blueprint, g

from app.spaces.lookup import resolve_space

bp = Blueprint("forum", __name__, template_folder="../templates")
#: Routes that exist once for the whole site (the unsubscribe link of mails).
site_bp = Blueprint("forum_site", __name__, template_folder="../templates")

FEED_ENDPOINTS = {"forum_feed", "category_feed", "thread_feed"}


@bp.url_value_preprocessor
def pick_space(endpoint, values):
    slug = values.pop("space_slug", None) if values else None
    if endpoint and endpoint.rpartition(".")[2] in FEED_ENDPOINTS:
        g.forum_space_slug = slug
        return
    resolve_space(slug)


@bp.before_request
def _refuse_nul_bytes():
    from workspaces.views.common import refuse_nul_bytes
    refuse_nul_bytes()


from community.forum.views import feeds, forum, talk, threads, unsubscribe  # noqa: E402,F401
