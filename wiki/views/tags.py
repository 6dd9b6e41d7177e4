"""``/tags/`` (the tag cloud) and ``/tags/<tag>`` (everything tagged so).

Under the site's root they cover every space the reader may read; under
``/w/<slug>/`` only that workspace. Other packages add their tagged things
(blog posts...) to the tag page through the ``tag`` panel slot:
``provider(tag, reader, space_or_None)`` returns HTML or None."""
from flask import abort, g, redirect, render_template, request, url_for
from flask_login import current_user

from app.panels import render_panels
from wiki.tags import cloud_weights, is_valid_tag, pages_tagged, tag_cloud
from wiki.urls import page_path
from wiki.views import bp
from wiki.views.namespaces import page_number, query_args

TAG_PANEL = "tag"


def _scope():
    """None (every readable space) at the root, the workspace under /w/<slug>/."""
    return None if g.space.is_commons else g.space


@bp.route("/tags/", endpoint="tag_cloud")
def tag_cloud_view():
    cloud = cloud_weights(tag_cloud(current_user, space=_scope()))
    return render_template("wiki/tags.html", cloud=cloud, space=g.space)


@bp.route("/tags/<tag>")
def tag(tag):
    if not is_valid_tag(tag):
        if is_valid_tag(tag.strip().lower()):
            return redirect(url_for(request.endpoint, tag=tag.strip().lower()), 301)
        abort(404)
    pages = pages_tagged(tag, current_user, page=page_number(), space=_scope())
    panels = render_panels(TAG_PANEL, tag, current_user, _scope())
    return render_template("wiki/tags_tag.html", tag=tag, pages=pages, panels=panels,
                           space=g.space, page_path=page_path, pager_args=query_args(tag=tag))
