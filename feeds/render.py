"""Activities in the reader's language: the verb becomes a sentence at read time.

Rows store ``page.edited`` and data; this module turns them into words and
links for HTML streams, feeds and mail, with ``_()`` evaluated per reader."""
from flask_babel import gettext as _, lazy_gettext as _l
from markupsafe import Markup, escape

from wiki.urls import page_path, page_url

SENTENCES = {
    "page.created": _l("%(actor)s created %(title)s"),
    "page.edited": _l("%(actor)s edited %(title)s"),
    "page.moved": _l("%(actor)s moved %(old_title)s to %(title)s"),
    "page.deleted": _l("%(actor)s deleted %(title)s"),
    "page.restored": _l("%(actor)s restored %(title)s"),
    "page.reverted": _l("%(actor)s reverted %(title)s to revision %(to_rev)s"),
    "page.protected": _l("%(actor)s protected %(title)s"),
    "page.unprotected": _l("%(actor)s unprotected %(title)s"),
    "attachment.added": _l("%(actor)s attached %(name)s to %(title)s"),
    "workspace.created": _l("%(actor)s created the workspace %(title)s"),
    "member.invited": _l("%(actor)s invited %(user)s to %(title)s"),
    "member.joined": _l("%(actor)s joined %(title)s"),
    "member.left": _l("%(actor)s left %(title)s"),
    "member.removed": _l("%(actor)s removed %(user)s from %(title)s"),
    "post.published": _l("%(actor)s published %(title)s"),
    "post.edited": _l("%(actor)s edited the post %(title)s"),
    "comment.added": _l("%(actor)s commented on %(title)s"),
    "forum.thread_created": _l("%(actor)s started the discussion %(title)s"),
    "forum.replied": _l("%(actor)s replied in %(title)s"),
    "forum.thread_deleted": _l("%(actor)s deleted the discussion %(title)s"),
    "forum.post_deleted": _l("%(actor)s deleted a message in %(title)s"),
    "news.published": _l("%(actor)s published the news %(title)s"),
}
FALLBACK = _l("%(actor)s: %(verb)s %(title)s")


def actor_name(activity):
    return activity.actor.name if activity.actor is not None else _("Someone")


def _key(activity):
    if activity.verb == "member.left" and (activity.data or {}).get("removed"):
        return "member.removed"
    return activity.verb


def _params(activity, actor, title):
    data = activity.data or {}
    return {"actor": actor, "title": title, "verb": activity.verb,
            "old_title": data.get("old_title", ""), "to_rev": data.get("to_rev", ""),
            "name": data.get("name", ""), "user": data.get("user", "")}


def sentence(activity):
    """Plain text, for feed titles and mail."""
    message = SENTENCES.get(_key(activity), FALLBACK)
    return str(message) % _params(activity, actor_name(activity), activity.title)


def sentence_html(activity, actor_html, title_html):
    """The sentence with the links the template built; every other value is escaped."""
    message = SENTENCES.get(_key(activity), FALLBACK)
    return escape(str(message)) % _params(activity, Markup(actor_html), Markup(title_html))


def space_path(space):
    return "/" if space is None or space.is_commons else f"/w/{space.slug}/"


def post_path(space, data, post_id):
    return f"/w/{space.slug}/blog/{data.get('slug') or post_id}"


def activity_path(activity):
    """Where an activity's object lives (a diff for an edit)."""
    data = activity.data or {}
    space = activity.space
    if activity.page_id is None and activity.post_id is None and data.get("path"):
        # Things of packages the feeds do not know (forum, news) carry their path.
        return data["path"]
    if activity.page_id is not None and activity.page is not None:
        page = activity.page
        if activity.object_type == "attachment":
            return page_url(page, "attachments")
        if activity.verb in ("page.edited", "page.reverted") and data.get("old_rev"):
            return page_url(page, "diff", **{"from": data["old_rev"], "to": data.get("rev")})
        return page_url(page)
    if activity.page_id is not None or activity.object_type == "page":
        return page_path(space, activity.title)
    if activity.post_id is not None:
        path = post_path(space, data, activity.post_id)
        if activity.object_type == "comment":
            path += f"#comment-{activity.object_id}"
        return path
    if activity.verb.startswith("member."):
        return f"/w/{space.slug}/members"
    return space_path(space)


def object_label(activity):
    """The linked words for the object: a page title with its workspace."""
    return activity.title


def user_path(user):
    return f"/u/{user.username}"
