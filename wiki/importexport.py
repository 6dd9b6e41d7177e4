"""Markdown folders in and out of a space's wiki.

Import: one page per ``.md`` file, found recursively (hidden files too, but
never through a symbolic link, so nothing outside the folder is read).
Folders make subpages (``Dir/File``); ``_index.md`` (or a Hugo bundle's
``index.md``) is the folder's own page. YAML front matter may give the
``title``, ``tags`` and ``language`` (or ``lang``); other keys stay in the
page's body, in its front matter.

A front-matter title names the file's own segment, and a folder page's title
names its folder for the pages inside it; a title that spells out the whole
path (as an export writes it) is taken as it is.

Export is the inverse: ``<Namespace>/<title segments>.md``, a page with
subpages becoming ``<segments>/_index.md``, with ``title``, ``tags`` and
``language`` in the front matter. Importing an export gives the same pages."""
import os
import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select

from app.extensions import db
from wiki.models import Page
from wiki.pageurls import check_title
from wiki.queries import find_page
from wiki.records import frontmatter
from wiki.tags import TAG
from wiki.titles import FORBIDDEN, Title, TitleError, parse, validate_title
from wiki.translations import LANGUAGES

INDEX_STEMS = ("_index", "index")
#: Files larger than this are refused: a page is prose, not a data dump.
MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: (path relative to the folder, reason) for every file not imported.
    refused: list = field(default_factory=list)
    titles: list = field(default_factory=list)

    @property
    def imported(self):
        return self.created + self.updated + self.unchanged


def split_front_matter(text):
    """``(metadata dict, rest of the text)``: see ``wiki.records.frontmatter.split``."""
    return frontmatter.split(text)


def join_front_matter(metadata, body):
    return frontmatter.join(metadata, body)


def normalise_tags(raw):
    """Tags as a list of ``[a-z0-9-]{1,40}``, from a YAML list or a comma string."""
    if raw is None:
        return []
    items = raw.split(",") if isinstance(raw, str) else raw if isinstance(raw, list) else [raw]
    tags = []
    for item in items:
        tag = re.sub(r"[^a-z0-9-]+", "-", str(item).strip().lower()).strip("-")[:40]
        if tag and TAG.fullmatch(tag) and tag not in tags:
            tags.append(tag)
    return tags


def normalise_language(raw):
    """``pt-BR`` -> ``pt``; None for a language the site does not have."""
    if not isinstance(raw, str):
        return None
    code = raw.strip().lower().replace("_", "-").split("-")[0]
    return code if code in LANGUAGES else None


@dataclass
class _Found:
    path: str          # relative to the folder, with "/"
    segments: list     # folder names + stem ("" for the root index)
    metadata: dict
    body: str


def _walk(root, report):
    """Every ``.md`` file under ``root`` (symbolic links refused), sorted."""
    found = []
    for folder, dirs, names in os.walk(root, followlinks=False):
        for name in list(dirs):
            if os.path.islink(os.path.join(folder, name)):
                report.refused.append((os.path.relpath(os.path.join(folder, name), root),
                                       "symbolic link (not followed)"))
                dirs.remove(name)
        dirs.sort()
        for name in sorted(names):
            if not name.lower().endswith(".md"):
                continue
            full = os.path.join(folder, name)
            rel = os.path.relpath(full, root).replace(os.sep, "/")
            if os.path.islink(full) or not os.path.isfile(full):
                report.refused.append((rel, "symbolic link or special file (not followed)"))
                continue
            if os.path.getsize(full) > MAX_FILE_BYTES:
                report.refused.append((rel, f"larger than {MAX_FILE_BYTES} bytes"))
                continue
            try:
                with open(full, encoding="utf-8") as fh:
                    text = fh.read()
            except UnicodeDecodeError:
                report.refused.append((rel, "not UTF-8 text"))
                continue
            metadata, body = split_front_matter(text)
            parts = rel.split("/")
            stem = parts[-1][:-3]
            segments = parts[:-1] if stem in INDEX_STEMS else parts[:-1] + [stem]
            found.append(_Found(rel, segments, metadata, body))
    return found


def _title_text(value, namespace):
    """A front-matter title without a leading ``Namespace:`` of this site, the
    characters a title may not hold replaced (it is display text, not a path)."""
    text = FORBIDDEN.sub(" ", str(value)).strip()
    try:
        parsed = parse(text, default_namespace=namespace)
        return parsed.title
    except TitleError:
        return text


def make_title(namespace, text):
    """The Title for ``text`` in ``namespace``; raises TitleError saying why not."""
    text = unicodedata.normalize("NFC", text).replace("_", " ")
    if FORBIDDEN.search(text):
        raise TitleError("a title cannot contain # < > [ ] { } | \\ or control characters")
    text = re.sub(r"\s+", " ", text).strip()
    return check_title(Title(namespace, validate_title(text)))


def _plan_titles(found, namespace):
    """The title of each file: from its path, with front-matter titles naming
    their own segment (and a folder page's title naming its folder)."""
    folder_names = {}
    for item in found:
        title = item.metadata.get("title")
        if title and item.path.rsplit("/", 1)[-1][:-3] in INDEX_STEMS and item.segments:
            text = _title_text(title, namespace)
            if "/" not in text:
                folder_names[tuple(item.segments)] = text
    plans = {}
    for item in found:
        segments = list(item.segments)
        title = item.metadata.get("title")
        text = _title_text(title, namespace) if title not in (None, "") else None
        if text is not None and len(text.split("/")) == len(segments) and segments:
            plans[item.path] = text
            continue
        mapped = [folder_names.get(tuple(segments[:i + 1]), segment)
                  for i, segment in enumerate(segments[:-1])]
        if text is not None:
            leaf = text.replace("/", "-")
        elif segments:
            leaf = folder_names.get(tuple(segments), segments[-1])
        else:
            leaf = None
        plans[item.path] = "/".join(mapped + [leaf]) if leaf else None
    return plans


def import_markdown(root, space, namespace, actor, language=None):
    """Import every ``.md`` file under ``root`` into ``namespace`` of ``space``.

    Existing pages get a new revision when the text differs. Flushes; the
    caller commits. Returns an ``ImportReport``."""
    from wiki.services import WikiError, save_page
    from wiki.translations import default_language
    language = normalise_language(language)
    report = ImportReport()
    found = _walk(root, report)
    plans = _plan_titles(found, namespace)
    seen = {}
    for item in found:
        text = plans.get(item.path)
        if not text:
            report.refused.append((item.path, "no title: give the folder's index a "
                                              "'title' in its front matter"))
            continue
        try:
            title = make_title(namespace, text)
        except TitleError as error:
            report.refused.append((item.path, f"invalid title {text!r}: {error.message}"))
            continue
        if title in seen:
            report.refused.append((item.path, f"same title as {seen[title]}"))
            continue
        seen[title] = item.path
        metadata = dict(item.metadata)
        metadata.pop("title", None)
        tags = normalise_tags(metadata.pop("tags", None))
        declared = metadata.pop("language", None) or metadata.pop("lang", None)
        metadata.pop("lang", None)
        body = join_front_matter(metadata, item.body)
        existing = find_page(space, title)
        page_language = (normalise_language(declared) or language
                         or (existing.language if existing else default_language(None)))
        if existing is not None and existing.deleted_at is not None:
            report.refused.append((item.path, f"{title.full} was deleted; restore it first"))
            continue
        try:
            # Refusals (WikiError) come before anything is written.
            result = save_page(space, title, body, actor, summary="Imported from Markdown",
                               base_number=existing.head_number if existing else None,
                               tags=tags, language=page_language)
        except WikiError as error:
            report.refused.append((item.path, error.message))
            continue
        report.titles.append(title.full)
        if result.created:
            report.created += 1
        elif result.revision is not None:
            report.updated += 1
        else:
            report.unchanged += 1
    db.session.flush()
    return report


def export_paths(titles):
    """Relative file path for each ``(namespace, title)``: pages with subpages
    become their folder's ``_index.md``; a segment called ``index`` or
    ``_index`` is a folder too, so it never reads as its parent's page."""
    parents = set()
    for namespace, title in titles:
        segments = title.split("/")
        for i in range(1, len(segments)):
            parents.add((namespace, "/".join(segments[:i])))
    paths = {}
    for namespace, title in titles:
        segments = title.split("/")
        if (namespace, title) in parents or segments[-1].lower() in INDEX_STEMS:
            paths[(namespace, title)] = "/".join([namespace, *segments, "_index.md"])
        else:
            paths[(namespace, title)] = "/".join([namespace, *segments[:-1],
                                                  segments[-1] + ".md"])
    return paths


def export_markdown(root, space):
    """Write every live page of ``space`` under ``root``; returns the number written."""
    from wiki.queries import get_revision
    pages = list(db.session.scalars(
        select(Page).where(Page.space_id == space.id, Page.deleted_at.is_(None),
                           Page.redirect_to_id.is_(None), Page.current_revision_id.isnot(None))
        .order_by(Page.namespace, Page.title)))
    paths = export_paths([(p.namespace, p.title) for p in pages])
    real_root = os.path.realpath(root)
    written = 0
    for page in pages:
        relative = paths[(page.namespace, page.title)]
        target = os.path.realpath(os.path.join(real_root, *relative.split("/")))
        if os.path.commonpath([real_root, target]) != real_root:
            continue  # cannot happen with valid titles; never write outside the folder
        revision = get_revision(page)
        metadata, body = split_front_matter(revision.body if revision else "")
        metadata.update(title=page.full_title, language=page.language)
        if page.tag_names:
            metadata["tags"] = list(page.tag_names)
        else:
            metadata.pop("tags", None)
        metadata.pop("lang", None)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(join_front_matter(metadata, body))
        written += 1
    return written
