"""Titles as they arrive in URLs: parse, reject action words, find the canonical form.

Shared by the HTML views and the JSON API so that both answer the same way."""
from flask import abort
from flask_babel import lazy_gettext as _l

from wiki.titles import TitleError, parse

#: Trailing URL segments that name an action on a page; a title may not end in one
#: (in lower case), or ``/wiki/<title>/history`` would be ambiguous.
ACTION_WORDS = frozenset({
    "edit", "history", "diff", "raw", "backlinks", "revert", "move", "delete", "restore",
    "protect", "unprotect", "attachments", "revisions", "translations", "translate",
    "history.atom", "history.rss", "subpages", "children", "talk",
})


def check_title(title):
    """Raise TitleError when the title ends in an action word, or in
    ``/attachments/<name>`` (the address of a file attached to a page)."""
    segments = title.title.split("/")
    word = title.leaf
    if len(segments) >= 3 and segments[-2] == "attachments":
        word = "/".join(segments[-2:])
    elif word not in ACTION_WORDS:
        return title
    raise TitleError(_l("A title cannot end with /%(word)s: that word names an action.",
                        word=word))


def title_or_400(raw):
    """The Title for a URL part, or a 400 carrying the reason."""
    try:
        return check_title(parse(raw))
    except TitleError as error:
        abort(400, str(error.message))


def is_canonical(raw, title):
    """Is ``raw`` (the decoded URL part) already the title's URL form?"""
    return raw == title.url_part
