"""The reportable kinds of the wiki and the workspaces' blogs (messages register
their own kind; the forum its own). Each acts through its package's services."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from community.moderation.registry import register_reportable


def _page_kind(app):
    from wiki import moderation as wiki_moderation
    from wiki import services as wiki_services
    from wiki.models import Page, Revision
    from wiki.urls import page_url

    def label(page):
        prefix = "" if page.space.is_commons else f"{page.space.slug}: "
        return prefix + page.full_title

    def current(page):
        return db.session.get(Revision, page.current_revision_id) \
            if page.current_revision_id else None

    def delete(page, actor):
        wiki_services.delete_page(page, actor, reason="moderation")

    register_reportable(
        app, "page", kind_label=_l("Wiki page"), label=label,
        load=lambda page_id: db.session.get(Page, page_id), url=page_url,
        author=lambda page: getattr(current(page), "author", None),
        hide=delete, delete=delete,
        text=lambda page: getattr(current(page), "body", ""),
        cleanup=wiki_moderation.revert_user_edits)


def _blog_kinds(app):
    from workspaces import services as blog
    from workspaces.models import Comment, Post

    def post_url(post):
        return f"/w/{post.space.slug}/blog/{post.slug}"

    def delete_post(post, actor):
        if post.deleted_at is None:
            blog.delete_post(post, actor)

    def delete_comment(comment, actor):
        if comment.deleted_at is None:
            blog.delete_comment(comment, actor)

    def delete_all(model, remove):
        def cleanup(user, actor):
            found = list(db.session.scalars(select(model).where(
                model.author_id == user.id, model.deleted_at.is_(None))))
            for thing in found:
                remove(thing, actor)
            return len(found)
        return cleanup

    register_reportable(
        app, "blog_post", kind_label=_l("Blog post"), label=lambda post: post.title,
        load=lambda post_id: db.session.get(Post, post_id), url=post_url,
        author=lambda post: post.author, hide=delete_post, delete=delete_post,
        text=lambda post: post.body, cleanup=delete_all(Post, delete_post))
    register_reportable(
        app, "blog_comment", kind_label=_l("Blog comment"),
        label=lambda comment: comment.post.title,
        load=lambda comment_id: db.session.get(Comment, comment_id),
        url=lambda comment: post_url(comment.post) + f"#comment-{comment.id}",
        author=lambda comment: comment.author, hide=delete_comment, delete=delete_comment,
        text=lambda comment: comment.body, cleanup=delete_all(Comment, delete_comment))


def init_app(app):
    _page_kind(app)
    _blog_kinds(app)
