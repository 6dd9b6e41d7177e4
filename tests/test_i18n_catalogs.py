"""Every user-visible string is marked for translation, and the French, Spanish
and Portuguese catalogs translate all of them."""
import ast
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from jinja2 import Environment
from jinja2.lexer import TOKEN_BLOCK_BEGIN, TOKEN_DATA, TOKEN_NAME

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["app", "wiki", "workspaces", "feeds", "community"]
LANGUAGES = ["fr", "es", "pt"]
#: Attributes whose text a person reads or hears.
READ_ATTRIBUTES = {"title", "alt", "placeholder", "aria-label", "label", "summary"}
#: Text that needs no translation: symbols, numbers, the site name in a template.
NEUTRAL = re.compile(r"^[\W\d_]*$|^(Konbit|RSS|Atom|API|URL|CSV|JSON|OK|ISO|PDF|SVG|SQL|@)$")


def template_files():
    for package in PACKAGES:
        yield from sorted((ROOT / package).glob("**/templates/**/*.html"))


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value and not NEUTRAL.match(value.strip()):
                self.found.append(value.strip())

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        text = data.strip()
        if text and not self._skip and not NEUTRAL.match(text):
            self.found.append(text)


def untranslated_template_text(source):
    """Literal text outside {% trans %} blocks and outside expressions.

    Expressions and tags are replaced by a placeholder so that the remaining
    HTML can be parsed for its text nodes and readable attributes."""
    env = Environment(extensions=["jinja2.ext.i18n", "jinja2.ext.do"])
    pieces, in_trans = [], 0
    tokens = [t for t in env.lex(source) if t[1] != "whitespace"]
    for index, (_lineno, kind, value) in enumerate(tokens):
        if kind == TOKEN_BLOCK_BEGIN and index + 1 < len(tokens):
            following = tokens[index + 1]
            if following[1] == TOKEN_NAME and following[2] in ("trans", "pluralize"):
                in_trans += 1 if following[2] == "trans" else 0
            if following[1] == TOKEN_NAME and following[2] == "endtrans":
                in_trans -= 1
        if kind == TOKEN_DATA and not in_trans:
            pieces.append(value)
        elif kind != TOKEN_DATA:
            pieces.append("\x00" if not pieces or pieces[-1] != "\x00" else "")
    html = "".join(pieces).replace("\x00", "X1")
    collector = _TextCollector()
    collector.feed(html)
    leftovers = []
    for text in collector.found:
        words = [w.strip("()[]{}.,:;!?\"'") for w in re.split(r"X1|\s+", text)]
        # Paths and URLs are addresses, not words.
        words = [w for w in words if w and not NEUTRAL.match(w) and not w.startswith(("/", "http"))]
        if any(re.search(r"[A-Za-z]{2,}", w) for w in words):
            leftovers.append(text)
    return leftovers


@pytest.mark.parametrize("path", list(template_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_template_text_is_marked_for_translation(path):
    assert untranslated_template_text(path.read_text(encoding="utf-8")) == []


def test_the_template_check_finds_unmarked_text():
    assert untranslated_template_text("<p>Hello there</p>") == ["Hello there"]
    assert untranslated_template_text('<input placeholder="Search">') == ["Search"]
    assert untranslated_template_text("<a>{{ x }} (Atom)</a> <code>/recent.atom</code>") == []
    assert untranslated_template_text("<p>{{ _('Hello') }} {{ name }}</p>") == []
    assert untranslated_template_text("<p>{% trans %}Hi {{ x }}{% endtrans %}</p>") == []


#: Calls whose string arguments a person reads.
USER_FACING_CALLS = {"flash"}
FIELD_SUFFIX = "Field"


def python_files():
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def unmarked_python_strings(source):
    """String literals passed to flash() or used as WTForms field labels."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        first = node.args[0]
        if (name in USER_FACING_CALLS or name.endswith(FIELD_SUFFIX)) and \
                isinstance(first, ast.Constant) and isinstance(first.value, str) and \
                re.search(r"[A-Za-z]{2,}", first.value):
            found.append(f"line {node.lineno}: {first.value!r}")
    return found


@pytest.mark.parametrize("path", list(python_files()), ids=lambda p: str(p.relative_to(ROOT)))
def test_python_strings_shown_to_people_are_marked(path):
    assert unmarked_python_strings(path.read_text(encoding="utf-8")) == []


def test_the_python_check_finds_unmarked_strings():
    assert unmarked_python_strings("flash('Saved')") == ["line 1: 'Saved'"]
    assert unmarked_python_strings("x = StringField('Name')") == ["line 1: 'Name'"]
    assert unmarked_python_strings("flash(_('Saved'))") == []


def extracted_msgids():
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2"),
                  ("**/templates/**.txt", "jinja2")]
    options = {"**/templates/**.html": {"extensions": "jinja2.ext.do", "trimmed": "true"},
               "**/templates/**.txt": {"extensions": "jinja2.ext.do", "trimmed": "true"}}
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
                "lazy_gettext": None, "N_": None}
    ids = set()
    for package in PACKAGES:
        for _fn, _line, message, _comments, _ctx in extract_from_dir(
                str(ROOT / package), method_map, options, keywords=keywords):
            ids.add(message if isinstance(message, str) else tuple(message))
    return ids


@pytest.fixture(scope="module")
def msgids():
    return extracted_msgids()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_translates_every_string(language, msgids):
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=language)
    missing, empty, fuzzy = [], [], []
    for msgid in sorted(msgids, key=str):
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        message = catalog.get(key)
        if message is None:
            missing.append(key)
        elif message.fuzzy:
            fuzzy.append(key)
        elif not (all(message.string) if isinstance(message.string, (tuple, list)) else message.string):
            empty.append(key)
    assert not missing, f"{language}: not in the catalog (run translate extract/update): {missing[:20]}"
    assert not fuzzy, f"{language}: fuzzy: {fuzzy[:20]}"
    assert not empty, f"{language}: untranslated: {empty[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language):
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=language)
    for message in catalog:
        if not message.id or not message.string:
            continue
        source = message.id if isinstance(message.id, str) else message.id[0]
        target = message.string if isinstance(message.string, str) else message.string[0]
        wanted = sorted(re.findall(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}|%\w+%", source))
        assert sorted(re.findall(r"%\(\w+\)[sd]|\{\{\s*\w+\s*\}\}|%\w+%", target)) == wanted, source
