"""Tags on pages: ``[a-z0-9-]{1,40}``, lower-case, one row per page and tag.

Lists and counts filter in SQL by the spaces the reader may read, so a tag
cloud never counts a page the reader cannot see."""
import re

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from app import policy
from app.extensions import db
from wiki.models import Page, PageTag

TAG = re.compile(r"[a-z0-9-]{1,40}")
SEPARATORS = re.compile(r"[,;\s]+")
PER_PAGE = 50


def is_valid_tag(tag):
    return bool(TAG.fullmatch(tag or ""))


def normalise_tags(raw):
    """Tags from a string (comma or space separated) or a list: lower-cased,
    without a leading ``#``, without repeats, in the order given. Raises
    ValueError (translated message) for a tag that is not ``[a-z0-9-]{1,40}``."""
    if raw is None:
        return []
    items = SEPARATORS.split(raw) if isinstance(raw, str) else list(raw)
    tags = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(_("Tags must be text."))
        tag = item.strip().lstrip("#").lower()
        if not tag:
            continue
        if not is_valid_tag(tag):
            raise ValueError(_("Invalid tag “%(tag)s”: use 1 to 40 lower-case letters, digits "
                               "or hyphens.", tag=tag[:50]))
        if tag not in tags:
            tags.append(tag)
    return tags


def set_tags(page, tags):
    """Give ``page`` exactly these tags (raw input is normalised; may raise ValueError)."""
    wanted = normalise_tags(tags)
    for row in list(page.tags):
        if row.tag not in wanted:
            page.tags.remove(row)
    have = {row.tag for row in page.tags}
    for tag in wanted:
        if tag not in have:
            page.tags.append(PageTag(tag=tag))
    db.session.flush()
    return wanted


def _live_readable(query, reader, space):
    query = query.where(Page.deleted_at.is_(None), Page.redirect_to_id.is_(None),
                        Page.space_id.in_(policy.readable_space_ids(reader)))
    if space is not None:
        query = query.where(Page.space_id == space.id)
    return query


def register_tag_counter(app, counter):
    """Let a package put its own tagged things in the cloud: ``counter(reader,
    space)`` returns ``{tag: count}`` of those ``reader`` may read (blog posts)."""
    app.extensions.setdefault("konbit_tag_counters", []).append(counter)


def tag_cloud(reader, space=None, limit=200):
    """``[(tag, count)]`` of the most used tags on pages ``reader`` may read (in
    ``space`` only, when given), and on what packages count, sorted by tag."""
    count = func.count(PageTag.page_id.distinct())
    query = _live_readable(select(PageTag.tag, count).join(Page, Page.id == PageTag.page_id),
                           reader, space)
    counts = dict(db.session.execute(query.group_by(PageTag.tag)
                                     .order_by(count.desc(), PageTag.tag).limit(limit)).all())
    for counter in current_app.extensions.get("konbit_tag_counters", []):
        for tag, number in counter(reader, space).items():
            counts[tag] = counts.get(tag, 0) + number
    most = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
    return sorted(most, key=lambda item: item[0])


def cloud_weights(cloud, steps=5):
    """``[(tag, count, weight)]`` with weight 1..steps, for the cloud's font sizes."""
    if not cloud:
        return []
    top = max(count for _tag, count in cloud)
    return [(tag, count, 1 + (count - 1) * (steps - 1) // max(1, top - 1) if top > 1 else 1)
            for tag, count in cloud]


def pages_tagged(tag, reader, page=1, space=None, per_page=PER_PAGE):
    """One page (a Flask-SQLAlchemy Pagination) of live pages tagged ``tag`` that
    ``reader`` may read, newest change first."""
    query = _live_readable(
        select(Page).join(PageTag, PageTag.page_id == Page.id).where(PageTag.tag == tag),
        reader, space).order_by(Page.updated_at.desc(), Page.id.desc())
    return db.paginate(query, page=page, per_page=per_page, error_out=False)
