"""The knowledge base: a tree in a chosen order, and key questions.

Pages of the same level are ordered by their ``position`` field, then by
title (pages without a position come after). A key question is a subpage
``Knowledge:<Page>/Key questions/<Question>``: members ask one with the small
form under the page (it creates that subpage, empty); it is answered once its
page has a text, which anyone who may edit writes through the usual editor."""
import re
from types import SimpleNamespace

from flask import abort, current_app, g, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app import policy
from app.extensions import db, limiter
from wiki import namespaces as ns
from wiki import view_facts
from wiki.pageurls import title_or_400
from wiki.queries import find_page, readable_page
from wiki.records import frontmatter
from wiki.sections import lookup
from wiki.sections.glossary import bodies
from wiki.sections.views import bp
from wiki.structure import children, tree
from wiki.titles import TitleError, parse
from wiki.urls import page_path

NAMESPACE = "Knowledge"
#: The segment under which a page's key questions live.
QUESTIONS = "Key questions"
MIN_QUESTION, MAX_QUESTION = 10, 200
LAST = float("inf")


def ordered(nodes, positions):
    """Sort a tree level by position then name, recursively."""
    def key(node):
        position = positions.get(node.page.id) if node.page is not None else None
        return (position if position is not None else LAST, node.name.casefold())
    nodes.sort(key=key)
    for node in nodes:
        ordered(node.children, positions)
    return nodes


def knowledge_index(space, namespace):
    """``/ns/Knowledge``: the tree of subpages in the chosen order."""
    pages = ns.all_pages(space, namespace, current_user)
    values = lookup.values_for([p.id for p in pages])
    positions = {pid: lookup.number(v.get("position")) for pid, v in values.items()}
    nodes = ordered(tree(pages), positions)
    return render_template("wiki/ns_tree.html", space=space, namespace=namespace, layout=ns.TREE,
                           nodes=nodes, page_path=page_path, pager_args={"namespace": namespace})


def is_question(title):
    parts = title.split("/")
    return len(parts) >= 2 and parts[-2] == QUESTIONS


def questions_of(page, reader):
    """``[(question page, answered)]`` under ``page``: two queries, none when
    the page has no subpage at all (questions are subpages)."""
    if not view_facts.has_subpages(page):
        return []
    parent = SimpleNamespace(title=f"{page.title}/{QUESTIONS}", space_id=page.space_id,
                             namespace=page.namespace)
    found = children(parent, reader)
    texts = bodies([p.id for p in found])
    return [(p, bool(frontmatter.body_of(texts.get(p.id) or "").strip())) for p in found]


def questions_panel(page, error=None, question=""):
    """``page_extra`` of a Knowledge page: its key questions and the form to ask one."""
    if page.namespace != NAMESPACE or page.deleted_at is not None or page.redirect_to_id \
            or is_question(page.title) or page.title.rsplit("/", 1)[-1] == QUESTIONS:
        return None
    questions = questions_of(page, current_user)
    return render_template("sections/key_questions.html", page=page, questions=questions,
                           can_ask=policy.can_edit(current_user, page.space),
                           error=error, question=question, page_path=page_path,
                           min_length=MIN_QUESTION, max_length=MAX_QUESTION)


def question_title(page, text):
    """The Title of a question about ``page``; TitleError says what is wrong."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) < MIN_QUESTION:
        raise TitleError(_("Write a question of at least %(count)s characters.",
                           count=MIN_QUESTION))
    if len(text) > MAX_QUESTION:
        raise TitleError(_("A question has at most %(count)s characters.", count=MAX_QUESTION))
    if "/" in text:
        raise TitleError(_("A question cannot contain a slash (/)."))
    return parse(f"{NAMESPACE}:{page.title}/{QUESTIONS}/{text}")


def question_limit():
    return current_app.config.get("RATELIMIT_KEY_QUESTIONS", "20 per hour")


@bp.route("/wiki/<path:title>/key-questions", methods=["POST"])
@limiter.limit(question_limit, methods=["POST"])
def ask_question(title):
    """Create the subpage of a new key question (members who may edit only)."""
    from wiki.services import WikiError, save_page
    space = g.space
    page = readable_page(space, title_or_400(title), current_user)
    if page is None or page.namespace != NAMESPACE or page.deleted_at is not None:
        abort(404)
    if not current_user.is_authenticated:
        return redirect(f"/login?next={page_path(space, page)}")
    if not policy.can_edit(current_user, space):
        abort(403)
    text = request.form.get("question", "")
    try:
        new = question_title(page, text)
    except TitleError as error:
        return render_form(page, str(error.message), text, 422)
    if find_page(space, new) is not None:
        return render_form(page, _("This question has already been asked."), text, 409,
                           existing=new)
    try:
        save_page(space, new, "", current_user._get_current_object(),
                  summary=_("Key question"), language=page.language)
    except WikiError as error:
        db.session.rollback()
        return render_form(page, str(error.message), text, error.status)
    db.session.commit()
    return redirect(page_path(space, page) + "#key-questions", 303)


def render_form(page, error, text, status, existing=None):
    html = render_template("sections/ask_question.html", page=page, error=error,
                           question=text, existing=existing, page_path=page_path,
                           min_length=MIN_QUESTION, max_length=MAX_QUESTION)
    return html, status
