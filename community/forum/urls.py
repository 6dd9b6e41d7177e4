"""Where forum things live: the one place that builds forum paths.

The site forum (the commons) is under ``/forum/``, a workspace's under
``/w/<slug>/forum/``; a page's Talk is ``<page path>/talk``. Paths are built
from strings so that services, seeders, mail and feeds can use them without a
request."""
from wiki.urls import page_path, space_prefix


def forum_path(space, suffix=""):
    return f"{space_prefix(space)}/forum/{suffix}"


def category_path(category, **params):
    return _with_query(forum_path(category.space, f"{category.slug}/"), params)


def thread_path(thread, anchor=None, **params):
    path = _with_query(forum_path(thread.space, f"t/{thread.id}"), params)
    return path + (f"#{anchor}" if anchor else "")


def post_path(post, page=None):
    """A post's place in its thread (on the page of the thread it is on)."""
    params = {"page": page} if page and page > 1 else {}
    return thread_path(post.thread, anchor=f"post-{post.id}", **params)


def talk_path(page):
    return page_path(page.space, page, "talk")


def _with_query(path, params):
    from urllib.parse import urlencode
    params = {k: v for k, v in params.items() if v is not None}
    return path + ("?" + urlencode(params) if params else "")
