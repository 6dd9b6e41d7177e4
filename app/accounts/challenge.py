"""Sign-up defences against robots: a question only people answer, and a honeypot.

The question and its accepted answers are set by administrators
(``/admin/signup-question``) and kept in ``app.site_settings`` under
``signup_question``: ``{"question": {"en": ..., "fr": ...}, "answers": [...]}``.
No question set means no question asked. Answers are compared without case,
accents, surrounding spaces or final punctuation, so "paris", "París " and
"PARIS." all match "Paris".

The honeypot is a field people never see (hidden with CSS, skipped by the
keyboard, labelled "leave this empty"); a form that fills it is a robot's."""
import unicodedata

from flask import flash
from flask_babel import get_locale, gettext as _

from app import site_settings

KEY = "signup_question"
MAX_ANSWERS = 50


def normalise_answer(text):
    text = unicodedata.normalize("NFKD", text if isinstance(text, str) else "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split()).strip(" .!?¡¿")


def current():
    """The configured challenge ``{"question": {lang: text}, "answers": [...]}`` or None."""
    value = site_settings.get(KEY)
    if not isinstance(value, dict) or not value.get("answers"):
        return None
    questions = value.get("question")
    if not isinstance(questions, dict) or not any(questions.values()):
        return None
    return value


def question_text(challenge, locale=None):
    """The question in the reader's language, else in English, else any."""
    questions = challenge["question"]
    locale = str(locale or get_locale() or "en")
    return (questions.get(locale) or questions.get("en")
            or next(text for text in questions.values() if text))


def set_challenge(questions, answers):
    """Store a question (``{lang: text}``) and its answers; an empty question or
    no answer turns the challenge off. Flushes."""
    questions = {lang: (text or "").strip()[:300] for lang, text in questions.items()
                 if (text or "").strip()}
    answers = [a.strip()[:200] for a in answers if normalise_answer(a)][:MAX_ANSWERS]
    if not questions or not answers:
        site_settings.set(KEY, None)
        return None
    value = {"question": questions, "answers": answers}
    site_settings.set(KEY, value)
    return value


def is_right(challenge, answer):
    given = normalise_answer(answer)
    return bool(given) and given in {normalise_answer(a) for a in challenge["answers"]}


def prepare(form):
    """Before validation: label the answer field with the question (if any)."""
    challenge = current()
    form.challenge = challenge
    if challenge is not None:
        form.answer.label.text = question_text(challenge)
    return form


def passes(form):
    """After the form validated: False (with a message on the form) for a
    filled honeypot or a wrong answer."""
    if (form.website.data or "").strip():
        # Say nothing that would teach the robot which field gave it away.
        flash(_("Your sign-up could not be accepted. Please try again."), "error")
        return False
    challenge = getattr(form, "challenge", None)
    if challenge is not None and not is_right(challenge, form.answer.data):
        form.answer.errors = list(form.answer.errors) + [
            _("This is not the answer we expected. Please try again.")]
        return False
    return True
