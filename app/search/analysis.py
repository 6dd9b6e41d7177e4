"""Per-language text analysis, described once for both back ends.

Each content language (en, fr, es, pt) is analysed with its own stop words
and Snowball stemmer, after accent folding (``sante`` finds ``santé``).
Folding happens before stemming on both sides (documents and queries), so an
unaccented query meets the same stem as the accented word. Portuguese plurals
of words in -ão are then written -ão too (``PT_PLURAL``), on both sides. The ``plain``
analysis folds without stemming: prefixes, title completion and spelling
suggestions work on real words whatever the language.

The Whoosh back end builds its analysers from ``LANGUAGES`` (Whoosh's
``whoosh.lang`` stemmers and stop lists); PostgreSQL uses the text search
configurations named here, created by the init step with ``unaccent``, and is
given Portuguese text with those plurals already rewritten (``singular_endings``).

Changing how indexed text is analysed makes every index stale: bump
``ANALYSIS_VERSION`` (part of each document's fingerprint, so ``flask check``
lists the documents analysed otherwise) and run ``flask reindex``."""
import re
import unicodedata

#: Content language -> (Snowball language for Whoosh, PostgreSQL base configuration).
LANGUAGES = {
    "en": ("en", "english"),
    "fr": ("fr", "french"),
    "es": ("es", "spanish"),
    "pt": ("pt", "portuguese"),
}
DEFAULT_LANGUAGE = "en"
#: Bumped when the analysis of indexed text changes (2: Portuguese -ão plurals).
ANALYSIS_VERSION = 2
#: Words: runs of letters and digits.
TOKEN_PATTERN = r"\w+"
#: Marks around highlighted words in snippets (never present in indexed text).
MARK_START, MARK_END = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


class _Folding(dict):
    """A ``str.translate`` table: a character to its compatibility decomposition
    (NFKD) without combining marks, worked out the first time it is met."""

    def __missing__(self, code):
        decomposed = unicodedata.normalize("NFKD", chr(code))
        folded = self[code] = "".join(c for c in decomposed if not unicodedata.combining(c))
        return folded


_FOLDING = _Folding()


def fold(text):
    """Lower-case and strip accents, as the analysers do (one C-speed pass:
    decomposing character by character gives what decomposing the whole text
    then dropping its combining marks gives)."""
    return text.lower().translate(_FOLDING)


#: The accented letters of French, Spanish and Portuguese that fold to each letter.
_ACCENTED = {"a": "àáâãä", "c": "ç", "e": "èéêë", "i": "ìíîï", "n": "ñ", "o": "òóôõö",
             "u": "ùúûü", "y": "ýÿ"}


def unfolded_pattern(form):
    """A regular expression (to compile with ``re.IGNORECASE``) for the folded
    ``form`` as a text may write it, accented or not. Searching a text as it is
    gives the text's own offsets, and is many times faster than folding the text
    first when the text is not plain ASCII (``str.translate`` then looks up every
    character)."""
    return "".join(f"[{letter}{_ACCENTED[letter]}]" if letter in _ACCENTED
                   else re.escape(letter) for letter in form)


#: Portuguese words in -ão make their plurals in -ões, -ães or -ãos (pensão, pensões;
#: pão, pães; cidadão, cidadãos), which Snowball's stemmer keeps apart, accented
#: (pensã, pensõ) or folded (pensa, penso): on a folded word, the three plural
#: endings are written -ao before stemming, so singular and plural meet, however
#: they were typed (pensoes too). (A few words are conflated in passing: mães with
#: mão, caos with cão.)
PT_PLURAL_ENDINGS = ("oes", "aes", "aos")
PT_PLURAL = r"(?<=\w)(?:" + "|".join(PT_PLURAL_ENDINGS) + ")$"
PT_SINGULAR = "ao"
#: The languages whose analysis rewrites words before stemming.
REWRITING = ("pt",)
_PT_PLURAL_IN_TEXT = re.compile(
    r"(?<=\w)(?:" + "|".join(map(unfolded_pattern, PT_PLURAL_ENDINGS)) + r")\b",
    re.IGNORECASE)
_PT_PLURAL_WORD = re.compile(PT_PLURAL)


def singular_word(lang, word):
    """A folded word as the ``lang`` analysis writes it before stemming."""
    return _PT_PLURAL_WORD.sub(PT_SINGULAR, word) if lang == "pt" else word


def singular_endings(lang, text):
    """``text`` (as written, accented or not) with the plural endings that the ``lang``
    analysis rewrites before stemming already rewritten: for PostgreSQL, whose text
    search configurations cannot rewrite a word. Words keep their places."""
    return _PT_PLURAL_IN_TEXT.sub(PT_SINGULAR, text) if lang == "pt" else text


def word_forms(lang, word):
    """The folded forms a ``lang`` word may take that its analysis stems alike (the
    word itself first): ``pensao``, ``pensoes``, ``pensaes``, ``pensaos``. For
    marking them in a text with an analysis that does not rewrite them
    (PostgreSQL's headlines)."""
    if lang != "pt":
        return [word]
    singular = singular_word(lang, word)
    if not singular.endswith(PT_SINGULAR) or len(singular) <= len(PT_SINGULAR):
        return [word]
    base = singular[:-len(PT_SINGULAR)]
    return [word] + [base + end for end in (PT_SINGULAR, *PT_PLURAL_ENDINGS)
                     if base + end != word]


def words(text):
    """The folded words of ``text``, in order."""
    return re.findall(TOKEN_PATTERN, fold(text or ""))


def normalise_language(lang):
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def pg_config(lang):
    """The unaccenting PostgreSQL text search configuration for ``lang``."""
    return f"{LANGUAGES[normalise_language(lang)][1]}_unaccent"


PG_SIMPLE = "simple_unaccent"


def clean(text):
    """Text safe to index: no control characters (so the snippet marks are ours)."""
    return _CONTROL.sub(" ", text or "")


def split_marked(snippet):
    """Turn a snippet carrying ``MARK_START``/``MARK_END`` into ``[(text, highlighted)]``
    segments, so templates can escape the text and add ``<mark>`` themselves."""
    parts = []
    for index, chunk in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet or "")):
        if chunk:
            parts.append((chunk, index % 2 == 1))
    return parts


def replace_word(text, word, replacement):
    """Replace the typed forms of ``word`` (compared folded) in ``text``."""
    def swap(match):
        return replacement if fold(match.group(0)) == word else match.group(0)
    return re.sub(TOKEN_PATTERN, swap, text)
