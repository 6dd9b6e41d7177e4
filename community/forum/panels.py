"""The forum in other packages' pages: a page's "Discussion (N)" tab and the
forum's latest threads on a workspace's home."""
from flask import current_app, render_template
from markupsafe import Markup

from community.forum import queries


def page_tab(page, active):
    """The Talk tab of a wiki page: one count query (the page is readable, so
    every live thread on it is)."""
    if page is None or getattr(page, "id", None) is None:
        return None
    # Rendered without the context processors (each may cost a query, and
    # this tab shows on every page view): the template needs none of them.
    template = current_app.jinja_env.get_template("forum/page_tab.html")
    return Markup(template.render(page=page, active=active, count=queries.talk_count(page)))


def workspace_home(space, user):
    return render_template("forum/panel_workspace.html", space=space,
                           threads=queries.latest_threads(space))


def init_app(app):
    from app.panels import PAGE_TABS, add_panel
    add_panel(app, PAGE_TABS, 10, page_tab)
    add_panel(app, "workspace_home", 10, workspace_home)
