"""Where a page lives: the one place that builds wiki URLs.

The commons' pages are under ``/wiki/``, a workspace's under ``/w/<slug>/wiki/``;
everything else (views, feeds, search, mail) builds page URLs through here."""
from urllib.parse import quote, urlencode

from wiki.titles import Title


def space_prefix(space):
    return "" if space is None or space.is_commons else f"/w/{space.slug}"


def page_path(space, title, action=None, **params):
    """``/wiki/Library:Health_financing/history?x=1`` for the commons, with the
    workspace prefix for a workspace. ``title`` is a Title, a Page or a string."""
    if isinstance(title, Title):
        part = title.url_part
    elif hasattr(title, "full_title"):
        part = title.full_title.replace(" ", "_")
    else:
        part = str(title).replace(" ", "_")
    path = f"{space_prefix(space)}/wiki/{quote(part, safe='/:,()!$*@;=+~')}"
    if action:
        path += f"/{action}"
    params = {k: v for k, v in params.items() if v is not None}
    if params:
        path += "?" + urlencode(params)
    return path


def page_url(page, action=None, **params):
    """The path of an existing Page (or of one of its actions)."""
    return page_path(page.space, page, action, **params)
