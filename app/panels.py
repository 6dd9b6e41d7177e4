"""Panels: places in core pages (home, settings, profile) that packages fill.

The core must not import the packages built on it, so they register a
provider here from their ``init_app``; ``provider(user)`` returns rendered
HTML (a ``Markup``) or None to show nothing."""
from flask import current_app
from markupsafe import Markup

HOME = "home"
SETTINGS = "settings"
PROFILE = "profile"
#: Beside a thing people can follow: page(page), namespace(space, name),
#: blog(space), post(post); providers read the viewer from flask_login.
PAGE = "page"
NAMESPACE = "namespace"
BLOG = "blog"
POST = "post"
#: Below a page's text: page_extra(page), e.g. the schemes and experts of a
#: country profile, or a glossary term's equivalents.
PAGE_EXTRA = "page_extra"
#: Extra tabs of a page: page_tabs(page, active) returns ``<li>`` items
#: (the page's discussion, for one).
PAGE_TABS = "page_tabs"


def add_panel(app, slot, order, provider):
    panels = app.extensions.setdefault("konbit_panels", {}).setdefault(slot, [])
    panels.append((order, provider))
    panels.sort(key=lambda item: item[0])


def render_panels(slot, *args):
    """The HTML of every panel registered for ``slot``, in order."""
    rendered = []
    for _order, provider in current_app.extensions.get("konbit_panels", {}).get(slot, []):
        html = provider(*args)
        if html:
            rendered.append(Markup(html))
    return rendered
