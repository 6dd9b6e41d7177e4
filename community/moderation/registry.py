"""What members can report, and how moderators act on it.

Each package that owns reportable content registers its kinds from its
``init_app``; moderation never imports their models::

    from community.moderation.registry import register_reportable
    register_reportable(
        app, "forum_post",
        label=lambda post: post.thread.title,       # names the object (queue, audit log)
        load=lambda post_id: db.session.get(ForumPost, post_id),   # object or None
        url=lambda post: thread_path(post.thread) + f"#post-{post.id}",
        author=lambda post: post.author,              # a User or None
        hide=lambda post, actor: services.hide_post(post, actor),    # or None
        delete=lambda post, actor: services.delete_post(post, actor))  # or None

``hide`` and ``delete`` act through the owning package's services (flush, never
commit: the moderation view commits once, with the audit entry). Optional
keywords: ``kind_label`` (the kind's name shown to moderators, a lazy string),
``can_read(user, obj)`` (who may see, hence report, the object; default
``app.policy.can_read``), ``text(obj)`` (what the queue shows of it; default its
``body``), ``cleanup(user, actor)`` (hide or delete everything ``user`` wrote of
this kind, returning how many; run by "revert all edits" of a spammer),
``private`` (True for things only a few may read, like private messages:
moderators act on one only once it was reported to them, and the audit log
names it by its kind and id, never by its label).

``label`` may also be a plain string: then it names the kind, and objects are
labelled ``<kind label> #<id>``."""
from dataclasses import dataclass
from typing import Callable, Optional

from app import policy

_EXTENSION = "konbit_reportables"


@dataclass
class Reportable:
    kind: str
    label: Callable
    load: Callable
    url: Callable
    author: Callable
    hide: Optional[Callable]
    delete: Optional[Callable]
    kind_label: object
    can_read: Callable
    text: Callable
    cleanup: Optional[Callable]
    private: bool = False

    def label_of(self, obj):
        try:
            return str(self.label(obj))[:300]
        except Exception:  # a deleted parent, a missing relation: still name it
            return f"{self.kind} #{getattr(obj, 'id', '?')}"


def _default_text(obj):
    return getattr(obj, "body", "") or ""


def register_reportable(app, kind, *, label, load, url, author, hide, delete, kind_label=None,
                        can_read=None, text=None, cleanup=None, private=False):
    """Make ``kind`` reportable (see the module's docstring)."""
    if callable(label):
        object_label = label
    else:
        fixed = label

        def object_label(obj):
            return f"{fixed} #{obj.id}"
    entry = Reportable(kind=kind, label=object_label, load=load, url=url, author=author,
                       hide=hide, delete=delete,
                       kind_label=kind_label if kind_label is not None
                       else (label if not callable(label) else kind),
                       can_read=can_read or policy.can_read, text=text or _default_text,
                       cleanup=cleanup, private=bool(private))
    app.extensions.setdefault(_EXTENSION, {})[kind] = entry
    return entry


def registered(app):
    return app.extensions.get(_EXTENSION, {})


def get(app, kind):
    """The Reportable for ``kind`` or None."""
    if not isinstance(kind, str):
        return None
    return registered(app).get(kind)


def load_target(app, kind, target_id):
    """(Reportable, object) or (entry or None, None) when the kind or object is unknown."""
    entry = get(app, kind)
    if entry is None or not isinstance(target_id, int) or not 0 < target_id < 2**31:
        return entry, None
    return entry, entry.load(target_id)
