"""The forum in other packages' pages: a page's "Discussion (N)" tab and the
forum's latest threads on a workspace's home."""
from flask import current_app, render_template
from markupsafe import Markup
from sqlalchemy import func, select

from community.forum import queries
from community.forum.models import Thread
from wiki import view_facts
from wiki.models import Page


def page_tab(page, active):
    """The Talk tab of a wiki page: a count read with the page (the page is
    readable, so every live thread on it is)."""
    if page is None or getattr(page, "id", None) is None:
        return None
    # Rendered without the context processors (each may cost a query, and
    # this tab shows on every page view): the template needs none of them.
    template = current_app.jinja_env.get_template("forum/page_tab.html")
    count = view_facts.fact(page, "talk_count", queries.talk_count)
    return Markup(template.render(page=page, active=active, count=count))


def _talk_count(dialect_name):
    return (select(func.count(Thread.id))
            .where(Thread.page_id == Page.id, Thread.deleted_at.is_(None)).scalar_subquery())


view_facts.register_fact("talk_count", _talk_count)


def workspace_home(space, user):
    return render_template("forum/panel_workspace.html", space=space,
                           threads=queries.latest_threads(space))


def init_app(app):
    from app.panels import PAGE_TABS, add_panel
    add_panel(app, PAGE_TABS, 10, page_tab)
    add_panel(app, "workspace_home", 10, workspace_home)
