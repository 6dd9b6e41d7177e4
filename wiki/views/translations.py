"""Translating pages: ``/wiki/<title>/translate`` shows the "Translate this page"
form (GET, ``?lang=fr``) and creates the translation (POST); a POST with
``mark_synced`` marks a translation up to date with its source.

The partial ``wiki/_translations.html`` (included by the page view) reads
``page_translations(page)``, a template global registered here."""
from flask import abort, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app import policy, signals
from app.extensions import db
from app.i18n import LANGUAGE_NAMES
from wiki import queries, translations, view_facts
from wiki.pageurls import check_title, title_or_400
from wiki.titles import TitleError, parse
from wiki.urls import page_path
from wiki.views import bp


def page_translations(page):
    """What the partial shows: the group's other pages the reader may read,
    the outdated notice, and the languages a translation may still be made in."""
    if page is None or getattr(page, "id", None) is None:
        return None
    siblings = (translations.group_of(page, current_user)
                if view_facts.in_translation_group(page) else [])
    may_edit = policy.can_edit(current_user, page)
    missing = translations.missing_languages(page, siblings) if may_edit else []
    return {
        "siblings": [(other, LANGUAGE_NAMES.get(other.language, other.language),
                      page_path(other.space, other)) for other in siblings],
        "outdated": translations.outdated(page, current_user),
        "offers": [(code, LANGUAGE_NAMES.get(code, code),
                    page_path(page.space, page, "translate", lang=code)) for code in missing],
        "mark_path": (page_path(page.space, page, "translate")
                      if may_edit and page.translation_of_id is not None else None),
    }


def _sync_on_save(page, **kwargs):
    """The edit form's "brought up to date" checkbox (``translation_synced``)."""
    from flask import has_request_context
    if not has_request_context() or page.translation_of_id is None:
        return
    if request.method == "POST" and request.form.get("translation_synced"):
        translations.mark_synced(page)


bp.add_app_template_global(page_translations, "page_translations")


@bp.record_once
def _setup(state):
    signals.page_saved.connect(_sync_on_save)


def _readable_page(raw):
    return queries.get_page_or_404(g.space, title_or_400(raw), current_user)


def _render_form(source, language, title_text, body, summary="", error=None, existing=None,
                 status=200):
    siblings = translations.group_of(source, current_user)
    return render_template(
        "wiki/translate.html", source=source, language=language, title_text=title_text,
        body=body, summary=summary, error=error, existing=existing,
        choices=translations.missing_languages(source, siblings),
        language_names=LANGUAGE_NAMES, page_path=page_path), status


@bp.route("/wiki/<path:title>/translate", methods=["GET", "POST"])
def translate(title):
    """GET: the form, prefilled with the source's text (``?lang=fr``); POST: create
    the translation, or (``mark_synced``) mark this translation up to date."""
    page = _readable_page(title)
    source = translations.source_of(page)
    if not policy.can_read(current_user, source):
        source = page
    if request.method == "POST" and request.form.get("mark_synced"):
        return _mark_synced(page)
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))
    if not policy.can_edit(current_user, source.space):
        abort(403)
    revision = queries.get_revision(source)
    source_body = revision.body if revision is not None else ""
    if request.method == "GET":
        choices = translations.missing_languages(
            source, translations.group_of(source, current_user))
        language = request.args.get("lang")
        if language not in translations.LANGUAGES:
            language = choices[0] if choices else None
        existing = translations.translation_in(source, language) if language else None
        if existing is not None and policy.can_read(current_user, existing):
            return redirect(page_path(existing.space, existing, "edit"))
        suggested = translations.suggested_title(source, language).full if language else ""
        return _render_form(source, language, suggested, source_body)

    language = request.form.get("language", "")
    title_text = request.form.get("title", "").strip()
    body = request.form.get("body", "")
    summary = request.form.get("summary", "")
    if language not in translations.LANGUAGES:
        return _render_form(source, None, title_text, body, summary,
                            _("Choose the language of the translation."), status=422)
    try:
        target = check_title(parse(title_text))
    except TitleError as error:
        return _render_form(source, language, title_text, body, summary, error.message,
                            status=400)
    try:
        created = translations.create_translation(
            source, target, body, current_user, language,
            summary=summary or _("Translation of %(title)s", title=source.full_title))
    except translations.TranslationError as error:
        db.session.rollback()
        messages = {
            "exists": _("This page already has a translation in that language."),
            "title-taken": _("A page with that title already exists. Choose another title."),
        }
        existing = error.page if error.page is not None and policy.can_read(
            current_user, error.page) else None
        return _render_form(source, language, title_text, body, summary,
                            messages.get(error.code, _("This translation cannot be made.")),
                            existing=existing, status=error.status)
    db.session.commit()
    return redirect(page_path(created.space, created), 303)


def _mark_synced(page):
    """The outdated notice's "Mark as up to date" button."""
    if page.translation_of_id is None:
        abort(400, _("This page is not a translation."))
    if not policy.can_edit(current_user, page):
        abort(403)
    translations.mark_synced(page)
    db.session.commit()
    return redirect(page_path(page.space, page), 303)
