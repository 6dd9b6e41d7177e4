"""Workspaces (name, description) and published blog posts as search documents.

Drafts are never indexed: a post's document exists only while it is
published and not deleted (the provider answers None otherwise, which removes
it). Receivers of the workspace and blog signals queue the changed thing in
the change's own transaction; the search facade indexes it after commit."""
from sqlalchemy import select

from app import search, signals
from app.spaces.models import KIND_WORKSPACE, Space
from workspaces.models import Post

POST, WORKSPACE = "post", "workspace"
PUBLISHED = "published"


def load_posts(session, ids):
    posts = session.scalars(select(Post).where(Post.id.in_(ids))).all()
    return {post.id: _post_document(post) for post in posts}


def _post_document(post):
    if post.status != PUBLISHED or post.deleted_at is not None:
        return None
    author = post.author
    return search.documents.SearchDoc(
        kind=POST, id=post.id, title=post.title, url=f"/w/{post.space.slug}/blog/{post.slug}",
        space_id=post.space_id, body=post.body, namespace="Blog", workspace=post.space.slug,
        language=(author.locale if author and author.locale else "en"),
        tags=sorted(post.tag_names), author=author.username if author else "",
        author_name=author.name if author else "", updated_at=post.updated_at)


def all_post_ids(session):
    return session.scalars(select(Post.id).where(Post.status == PUBLISHED,
                                                 Post.deleted_at.is_(None))).all()


def load_workspaces(session, ids):
    spaces = session.scalars(select(Space).where(Space.id.in_(ids))).all()
    return {space.id: _workspace_document(space) for space in spaces}


def _workspace_document(space):
    if space.kind != KIND_WORKSPACE or space.deleted_at is not None:
        return None
    return search.documents.SearchDoc(
        kind=WORKSPACE, id=space.id, title=space.name, url=f"/w/{space.slug}/",
        space_id=space.id, body=space.description or "", namespace="Workspaces",
        workspace=space.slug, updated_at=space.created_at, extra=space.slug)


def all_workspace_ids(session):
    return session.scalars(select(Space.id).where(Space.kind == KIND_WORKSPACE,
                                                  Space.deleted_at.is_(None))).all()


def _queue_post(post, **kwargs):
    search.enqueue(POST, post.id)


def _queue_workspace(space, **kwargs):
    search.enqueue(WORKSPACE, space.id)


def init_app(app):
    """Register the providers and queue what the workspace and blog signals change."""
    search.register_provider(app, POST, load_posts, all_post_ids)
    search.register_provider(app, WORKSPACE, load_workspaces, all_workspace_ids)
    for signal in (signals.post_published, signals.post_edited, signals.post_deleted):
        signal.connect(_queue_post, weak=False)
    for signal in (signals.workspace_created, signals.workspace_updated,
                   signals.workspace_deleted, signals.workspace_restored):
        signal.connect(_queue_workspace, weak=False)
