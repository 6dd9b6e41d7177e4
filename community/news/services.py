"""News services: write, edit and delete news posts, attach a newsletter issue,
and keep the news team. They flush, never commit; the views check
``policy.can_publish_news`` (news) or admin rights (the team) first."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app import signals
from app.audit import record_action
from app.extensions import db
from app.spaces.services import commons
from app.timeutil import utcnow
from community.news.models import NewsPost, NewsTeamMember

MAX_TITLE = 200
MAX_BODY = 100_000
PDF_MAGIC = b"%PDF-"


class NewsError(ValueError):
    def __init__(self, message, status=422, field=None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def _render(body):
    from wiki.rendering import render_revision_body
    return str(render_revision_body(body or "", commons()).html)


def _clean(title, body):
    title = " ".join(title.split()) if isinstance(title, str) else ""
    if not title or len(title) > MAX_TITLE:
        raise NewsError(_l("A title has 1 to %(n)d characters.", n=MAX_TITLE), 422, "title")
    body = (body or "").replace("\r\n", "\n") if isinstance(body, str) or body is None else None
    if body is None or len(body) > MAX_BODY:
        raise NewsError(_l("The text is too long."), 422, "body")
    return title, body


def store_newsletter(stream):
    """Keep an uploaded PDF in the file store: ``(sha256, size)``.

    Only a PDF (its first bytes say so) is taken; a file over
    ``UPLOAD_MAX_BYTES`` is refused with 413 and leaves nothing behind."""
    from wiki.attachments import AttachmentTooLarge, store_blob
    head = stream.read(len(PDF_MAGIC))
    if head != PDF_MAGIC:
        raise NewsError(_l("The newsletter must be a PDF file."), 422, "newsletter")
    stream.seek(0)
    try:
        return store_blob(stream, current_app.config["UPLOAD_MAX_BYTES"])
    except AttachmentTooLarge:
        raise NewsError(_l("The file is larger than the upload limit."), 413, "newsletter")


def _attach(news, newsletter):
    if newsletter is not None:
        news.newsletter_sha256, news.newsletter_size = store_newsletter(newsletter)


def publish_news(actor, title, body, newsletter=None):
    """Write and publish a news post (``newsletter``: an open PDF stream or None)."""
    from workspaces.services.blog import slugify
    title, body = _clean(title, body)
    now = utcnow()
    news = NewsPost(title=title, slug=slugify(title), body=body, html=_render(body),
                    author=actor, author_id=actor.id, created_at=now, published_at=now,
                    updated_at=now)
    _attach(news, newsletter)
    db.session.add(news)
    db.session.flush()
    signals.news_published.send(news, actor=actor, space=commons(), title=news.title,
                                path=news.path)
    return news


def edit_news(news, actor, title, body, newsletter=None, remove_newsletter=False):
    title, body = _clean(title, body)
    if remove_newsletter:
        news.newsletter_sha256 = news.newsletter_size = None
    _attach(news, newsletter)
    if body != news.body:
        news.html = _render(body)
    news.title, news.body, news.updated_at = title, body, utcnow()
    db.session.flush()
    return news


def delete_news(news, actor):
    if news.deleted_at is not None:
        raise NewsError(_l("This news was already deleted."), 409)
    news.deleted_at = utcnow()
    record_action(actor, "news.deleted", "news", news.id, news.title)
    db.session.flush()
    signals.news_deleted.send(news, actor=actor)


def add_to_team(user, actor):
    if db.session.get(NewsTeamMember, user.id) is not None:
        raise NewsError(_l("%(name)s is already in the news team.", name=user.name), 409,
                        "username")
    db.session.add(NewsTeamMember(user_id=user.id, added_by_id=actor.id, added_at=utcnow()))
    record_action(actor, "news.team_added", "user", user.id, user.username)
    db.session.flush()


def remove_from_team(user, actor):
    member = db.session.get(NewsTeamMember, user.id)
    if member is None:
        raise NewsError(_l("%(name)s is not in the news team.", name=user.name), 404)
    db.session.delete(member)
    record_action(actor, "news.team_removed", "user", user.id, user.username)
    db.session.flush()


def team():
    return list(db.session.scalars(select(NewsTeamMember).order_by(NewsTeamMember.added_at)))
