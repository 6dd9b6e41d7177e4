"""Turn the watch form's hidden fields into a watch key and the thing it
follows (the view asks the policy whether the user may read that thing)."""
from app.accounts.models import User
from app.extensions import db
from app.spaces.models import Space
from feeds.streams import post_model
from feeds.watching import watch_target
from wiki.models import Page
from wiki.titles import canonical_namespace


class TargetError(ValueError):
    """The form names nothing that can be watched."""


def _int(form, name):
    raw = (form.get(name) or "").strip()
    if not raw.isdigit():
        raise TargetError(name)
    return int(raw)


def resolve_target(form):
    """``(key, thing)``; ``thing`` is None when it does not exist."""
    kind = form.get("kind", "")
    if kind == "page":
        page_id = _int(form, "page_id")
        return watch_target("page", page_id), db.session.get(Page, page_id)
    if kind in ("space", "blog"):
        space_id = _int(form, "space_id")
        return watch_target(kind, space_id), db.session.get(Space, space_id)
    if kind == "namespace":
        space_id = _int(form, "space_id")
        namespace = canonical_namespace(form.get("namespace", ""))
        if namespace is None:
            raise TargetError("namespace")
        return watch_target("namespace", space_id, namespace), db.session.get(Space, space_id)
    if kind == "user":
        user_id = _int(form, "user_id")
        return watch_target("user", user_id), db.session.get(User, user_id)
    if kind == "post" and post_model() is not None:
        post_id = _int(form, "post_id")
        return watch_target("post", post_id), db.session.get(post_model(), post_id)
    raise TargetError(kind)
