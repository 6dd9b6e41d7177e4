"""The community: the member directory and expert database, private messages,
the forums (site, workspace and page discussions), site news, and moderation
against spam and abuse. It builds on the core's accounts and profiles and
on the policy; the wiki, workspaces and feeds never import it."""


def init_app(app):
    from community import directory, forum, messages, moderation, news
    directory.init_app(app)
    messages.init_app(app)
    forum.init_app(app)
    news.init_app(app)
    moderation.init_app(app)
