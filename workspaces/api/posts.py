"""GET, POST /w/<slug>/posts; GET, PATCH, DELETE /w/<slug>/posts/<post>;
GET, POST /w/<slug>/posts/<post>/comments."""
from flask import abort, jsonify, request
from flask_login import current_user
from sqlalchemy import select

from app import antispam, policy
from app.api import json_body
from app.extensions import db
from workspaces import queries, services
from workspaces.api import api_bp
from workspaces.api.common import (comment_json, load_space, paging_args, post_json, refuse,
                                   require, string_field)
from workspaces.models import Post

POST_FIELDS = ("slug", "title", "body", "tags", "status")


def _load_post(slug, post_slug):
    space = load_space(slug)
    post = db.session.scalar(select(Post).where(Post.space_id == space.id,
                                                Post.slug == post_slug))
    if post is None or not policy.can_read(current_user, post):
        abort(404, "No such post.")
    return space, post


def _tags(data):
    tags = data.get("tags")
    if tags is not None and not isinstance(tags, (str, list)):
        abort(422, "'tags' is a list of strings.")
    return tags


def _check_write(user, data, kind):
    """The anti-spam limits of new accounts (app.antispam): 422 or 429."""
    text = "\n".join(value for value in (data.get("title"), data.get("body"))
                     if isinstance(value, str))
    try:
        antispam.check_write(user, text, kind)
    except antispam.WriteRefused as refused:
        abort(refused.status, str(refused.message))


def _check_fields(data):
    unknown = set(data) - set(POST_FIELDS)
    if unknown:
        abort(422, f"Unknown field(s): {', '.join(sorted(unknown))}.")


@api_bp.route("/w/<slug>/posts")
def list_posts(slug):
    space = load_space(slug)
    page, per_page = paging_args()
    tag = (request.args.get("tag") or "").strip().lower()[:40] or None
    listing = queries.blog_index(space, current_user, tag=tag, page=page, per_page=per_page)
    response = jsonify([post_json(post, count) for post, count in listing.items])
    response.headers["X-Total-Count"] = str(listing.total)
    return response


@api_bp.route("/w/<slug>/posts", methods=["POST"])
@antispam.write_limit
def create_post(slug):
    space = load_space(slug)
    user = require(policy.can_edit, space, "Only editors and owners write posts.")
    data = json_body()
    _check_fields(data)
    _check_write(user, data, "post")
    try:
        post = services.create_post(
            space, user, string_field(data, "title", required=True),
            string_field(data, "body", default=""), _tags(data),
            string_field(data, "status", default="draft"), string_field(data, "slug"))
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    response = jsonify(post_json(post, 0))
    response.status_code = 201
    response.headers["Location"] = f"/api/v1/w/{space.slug}/posts/{post.slug}"
    return response


@api_bp.route("/w/<slug>/posts/<post>")
def get_post(slug, post):
    _space, found = _load_post(slug, post)
    if services.refresh_post_html(found):
        db.session.commit()
    return jsonify(post_json(found, len(queries.comments_of(found))))


@api_bp.route("/w/<slug>/posts/<post>", methods=["PATCH"])
@antispam.write_limit
def update_post(slug, post):
    _space, found = _load_post(slug, post)
    user = require(policy.can_edit, found, "Only editors and owners edit posts.")
    data = json_body()
    _check_fields(data)
    _check_write(user, data, "post")
    if data.get("slug") is not None and data["slug"] != found.slug:
        abort(422, "A post's slug cannot change.")
    try:
        services.edit_post(found, user, title=string_field(data, "title"),
                           body=string_field(data, "body"), tags=_tags(data),
                           status=string_field(data, "status"))
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    return jsonify(post_json(found, len(queries.comments_of(found))))


@api_bp.route("/w/<slug>/posts/<post>", methods=["DELETE"])
def delete_post(slug, post):
    space, found = _load_post(slug, post)
    user = require(policy.can_edit, found, "Only editors and owners delete posts.")
    if found.author_id != user.id and not policy.can_manage(user, space):
        abort(403, "Only the author and the workspace's owners delete a post.")
    try:
        services.delete_post(found, user)
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    return "", 204


@api_bp.route("/w/<slug>/posts/<post>/comments")
def list_comments(slug, post):
    _space, found = _load_post(slug, post)
    return jsonify([comment_json(c) for c in queries.comments_of(found)])


@api_bp.route("/w/<slug>/posts/<post>/comments", methods=["POST"])
@antispam.write_limit
def add_comment(slug, post):
    _space, found = _load_post(slug, post)
    user = require(policy.can_comment, found, "You may not comment here.")
    data = json_body()
    _check_write(user, data, "comment")
    try:
        comment = services.add_comment(found, user, string_field(data, "body", required=True))
    except services.WorkspaceError as error:
        refuse(error)
    db.session.commit()
    return jsonify(comment_json(comment)), 201
