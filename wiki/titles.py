"""Page titles: parsing, normalising and validating ``Namespace:Title``.

SPEC.md "Names": spaces and underscores are the same, NFC, first letter after
the namespace upper-cased, 1 to 255 characters, none of ``# < > [ ] { } | \\``
or control characters, no leading or trailing ``/``, no ``..`` segment."""
import re
import unicodedata
from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

MAIN = "Main"
BUILTIN_NAMESPACES = ("Main", "Library", "Glossary", "Knowledge", "Country", "Schemes", "Help")
FORBIDDEN = re.compile(r"[#<>\[\]{}|\\\x00-\x1f\x7f]")
MAX_LENGTH = 255


class TitleError(ValueError):
    """An invalid title; ``message`` says why, in the reader's language."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Title:
    namespace: str
    title: str

    @property
    def full(self):
        return self.title if self.namespace == MAIN else f"{self.namespace}:{self.title}"

    @property
    def url_part(self):
        """The title as it appears in a URL path (spaces as underscores)."""
        return self.full.replace(" ", "_")

    @property
    def parts(self):
        """Subpage segments: ``Mechanisms/Microinsurance`` -> ["Mechanisms", "Microinsurance"]."""
        return self.title.split("/")

    @property
    def parent(self):
        if "/" not in self.title:
            return None
        return Title(self.namespace, self.title.rsplit("/", 1)[0])

    @property
    def leaf(self):
        return self.title.rsplit("/", 1)[-1]

    def __str__(self):
        return self.full


def namespaces():
    """Every namespace of this site: the built-in ones, then those configured."""
    extra = tuple(current_app.config.get("EXTRA_NAMESPACES") or ())
    return BUILTIN_NAMESPACES + tuple(n for n in extra if n not in BUILTIN_NAMESPACES)


def canonical_namespace(name):
    """The configured spelling of a namespace name, matched case-insensitively, or None."""
    wanted = (name or "").strip().replace("_", " ").lower()
    for namespace in namespaces():
        if namespace.lower() == wanted:
            return namespace
    return None


def normalise_text(text):
    text = unicodedata.normalize("NFC", text or "").replace("_", " ")
    return re.sub(r"\s+", " ", text).strip()


def parse(raw, default_namespace=MAIN):
    """Parse a title as typed or as found in a URL; raises TitleError."""
    text = unicodedata.normalize("NFC", raw or "").replace("_", " ")
    if FORBIDDEN.search(text):
        raise TitleError(_l("A title cannot contain # < > [ ] { } | \\ or control characters."))
    text = re.sub(r"\s+", " ", text).strip()
    namespace = default_namespace
    if ":" in text:
        prefix, rest = text.split(":", 1)
        found = canonical_namespace(prefix)
        if found is not None:
            namespace, text = found, rest.strip()
    return Title(namespace, validate_title(text))


def validate_title(text):
    if not text:
        raise TitleError(_l("A title cannot be empty."))
    if len(text) > MAX_LENGTH:
        raise TitleError(_l("A title has at most 255 characters."))
    if text.startswith("/") or text.endswith("/"):
        raise TitleError(_l("A title cannot start or end with a slash."))
    segments = text.split("/")
    if any(segment.strip() in ("", ".", "..") for segment in segments):
        raise TitleError(_l("A title cannot contain empty, '.' or '..' segments."))
    text = "/".join(segment.strip() for segment in segments)
    return text[0].upper() + text[1:]
