"""Post and comment bodies to sanitised HTML, through the one renderer (app.markup).

A post renders like a page of its workspace: ``[[Page]]`` links the
workspace's wiki, ``[[commons:Page]]`` the commons (wiki.rendering resolves
them). Comments are plain Markdown without wiki links."""
from app.markup import render_plain


def render_post_body(body, space):
    from wiki.rendering import render_revision_body
    return str(render_revision_body(body or "", space).html)


def render_comment_body(body):
    return str(render_plain(body or ""))
