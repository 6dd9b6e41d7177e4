"""Shared pieces of the workspaces API: lookups, checks, JSON shapes."""
from flask import abort, request
from flask_login import current_user

from app import policy
from app.api import require_user
from workspaces import queries


def iso(moment):
    return moment.isoformat() + "Z" if moment is not None else None


def load_space(slug):
    """The workspace if the caller may read it, else 404."""
    space = queries.workspace_by_slug(slug)
    if space is None or not policy.can_read(current_user, space):
        abort(404, "No such workspace.")
    return space


def require(check, thing, message):
    """401 for an anonymous caller, 403 for a reader without the right."""
    user = require_user()
    if not check(user, thing):
        abort(403, message)
    return user


def string_field(data, name, required=False, default=None):
    """``data[name]`` as a string, or 422 saying what is wrong."""
    if name not in data or data[name] is None:
        if required:
            abort(422, f"'{name}' is required.")
        return default
    value = data[name]
    if not isinstance(value, str):
        abort(422, f"'{name}' must be a string.")
    return value


def paging_args():
    return queries.paging(request.args.get("page"), request.args.get("per_page"))


def refuse(error):
    abort(error.status, str(error.message))


def workspace_json(space, member_count=None):
    body = {"slug": space.slug, "name": space.name, "description": space.description or "",
            "visibility": space.visibility, "join_policy": space.join_policy,
            "created_at": iso(space.created_at), "last_activity_at": iso(space.last_activity_at),
            "url": f"/w/{space.slug}/"}
    if member_count is not None:
        body["member_count"] = member_count
    return body


def member_json(membership):
    return {"username": membership.user.username, "display_name": membership.user.name,
            "role": membership.role, "joined_at": iso(membership.created_at)}


def post_json(post, comment_count=None):
    body = {"slug": post.slug, "title": post.title, "body": post.body, "html": post.html,
            "tags": post.tag_names, "status": post.status,
            "author": post.author.username if post.author else None,
            "published_at": iso(post.published_at), "created_at": iso(post.created_at),
            "updated_at": iso(post.updated_at), "rev": post.head_number,
            "url": f"/w/{post.space.slug}/blog/{post.slug}"}
    if comment_count is not None:
        body["comment_count"] = comment_count
    return body


def comment_json(comment):
    return {"id": comment.id, "author": comment.author.username if comment.author else None,
            "body": comment.body, "html": comment.html, "created_at": iso(comment.created_at)}
