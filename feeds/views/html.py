"""HTML streams: /recent, a workspace's and a person's activity, the dashboard,
and the watch/unwatch form."""
from urllib.parse import urlencode

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import policy
from app.cache import cached_for_anonymous
from app.extensions import db
from app.redirects import safe_next
from app.spaces.lookup import resolve_space
from app.spaces.services import space_by_slug
from feeds import streams, watching
from feeds.views import bp
from feeds.views.common import parse_before, parse_limit, user_or_404
from feeds.watch_targets import TargetError, resolve_target
from wiki.titles import canonical_namespace

PAGE_SIZE = 50


def recent_filters(reader):
    """``/recent``'s filters (``ns``, ``ws``, ``user``, ``minor=0``): an unknown
    namespace or person is a 404, and so is a workspace the reader may not read."""
    filters = {}
    namespace = space = actor = None
    if request.args.get("ns"):
        namespace = canonical_namespace(request.args["ns"])
        if namespace is None:
            abort(404)
        filters["ns"] = namespace
    if request.args.get("ws"):
        space = space_by_slug(request.args["ws"])
        if space is None or not policy.can_read(reader, space):
            abort(404)
        filters["ws"] = space.slug
    if request.args.get("user"):
        actor = user_or_404(request.args["user"])
        filters["user"] = actor.username
    hide_minor = request.args.get("minor") == "0"
    if hide_minor:
        filters["minor"] = "0"
    stream = streams.recent(reader, namespace=namespace, space=space, actor=actor,
                            hide_minor=hide_minor)
    return stream, filters


def _page(stream):
    """One page of a stream and the address of the next, if any."""
    limit = parse_limit(PAGE_SIZE)
    rows = stream.rows(limit + 1, before=parse_before())
    if len(rows) <= limit:
        return rows, None
    args = [(k, v) for k, v in request.args.items(multi=True) if k != "before"]
    return rows[:limit], request.path + "?" + urlencode(args + [("before", rows[limit - 1].id)])


def _feed_links(path, filters=None):
    query = "?" + urlencode(filters) if filters else ""
    return {"atom": f"{path}.atom{query}", "rss": f"{path}.rss{query}"}


def _reader():
    return current_user if policy.can_write_anything(current_user) else None


@bp.route("/recent")
@cached_for_anonymous("ns", "ws", "user", "minor", "limit", "before")
def recent():
    stream, filters = recent_filters(_reader())
    rows, older = _page(stream)
    return render_template("feeds/recent.html", activities=rows, older=older,
                           filters=filters, feeds=_feed_links("/recent", filters),
                           namespaces=_namespaces())


def _namespaces():
    from wiki.titles import namespaces
    return namespaces()


@bp.route("/w/<slug>/activity")
def space_activity(slug):
    space = resolve_space(slug)
    rows, older = _page(streams.space_stream(_reader(), space))
    return render_template("feeds/space_activity.html", space=space, activities=rows,
                           older=older, feeds=_feed_links(f"/w/{space.slug}/activity"))


@bp.route("/u/<username>/activity")
def user_activity(username):
    user = user_or_404(username)
    rows, older = _page(streams.user_stream(_reader(), user))
    return render_template("feeds/user_activity.html", person=user, activities=rows,
                           older=older, feeds=_feed_links(f"/u/{user.username}/activity"))


@bp.route("/dashboard")
@login_required
def dashboard():
    targets = watching.watched_targets(current_user)
    rows, older = _page(streams.watched_stream(current_user, targets))
    return render_template("feeds/dashboard.html", activities=rows, older=older,
                           invitations=_pending_invitations(current_user),
                           watch_count=len(targets))


def _pending_invitations(user):
    """The workspaces package's pending invitations for ``user``, when it offers them."""
    try:
        from workspaces.services import pending_invitations
    except ImportError:
        return []
    return pending_invitations(user)


@bp.route("/watch", methods=["POST"])
@login_required
def watch():
    """Watch or unwatch (``action=unwatch``) what the hidden fields name."""
    try:
        target, thing = resolve_target(request.form)
    except TargetError:
        abort(400, _("Nothing to watch here."))
    if thing is None or not policy.can_read(current_user, thing):
        abort(404)
    if request.form.get("action") == "unwatch":
        watching.unwatch(current_user, target)
        flash(_("You no longer watch this."), "success")
    else:
        watching.watch(current_user, target)
        flash(_("You are now watching this."), "success")
    db.session.commit()
    return redirect(safe_next(request.form.get("next")))
