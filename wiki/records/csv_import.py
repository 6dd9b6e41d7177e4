"""``flask import-csv FILE --ns NAME``: create or update records from a CSV file.

The header row names the columns: ``title`` (required), field names (an
indicator also reads ``<name>_year`` and ``<name>_source``), and optionally
``body`` (an empty cell keeps the page's text), ``tags``, ``language`` and
``summary``. ``url`` and ``updated_at``
(what the CSV export writes) are skipped, so an export imports back; other
columns are reported once as ignored.

Each row is validated like the editor's form. A field whose column is present
is set (an empty cell clears it); fields without a column, the body (without a
``body`` column) and front-matter keys that are not fields are kept. A row that
changes nothing makes no revision, so running an import twice changes nothing
the second time. Refused rows are reported with their line and the reason; the
others are saved (the caller commits).

The file is read as UTF-8 (with or without a byte-order mark) or as UTF-16
with a byte-order mark (what spreadsheets write as "Unicode text"); another
encoding is named with ``--encoding`` (``cp1252`` for Excel's "CSV" on Windows).
A file that cannot be read so is refused whole, saying where it fails."""
import codecs
import csv
import io
from dataclasses import dataclass, field as dataclass_field

import click

from app.extensions import db
from wiki.importexport import make_title, normalise_language, normalise_tags
from wiki.queries import find_page
from wiki.records import frontmatter, schema as s
from wiki.records.validation import Invalid, is_empty, lenient, parse, to_yaml
from wiki.titles import TitleError

SPECIAL = ("title", "body", "tags", "language", "summary")
SKIPPED = ("url", "updated_at")
#: What the CSV export puts before a cell a spreadsheet would read as a formula.
QUOTED_FORMULA = ("'=", "'+", "'-", "'@", "'\t", "'\r")


@dataclass
class CsvReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    #: (line number, reason) of every row not imported.
    refused: list = dataclass_field(default_factory=list)
    #: Columns that are neither fields nor known ones.
    ignored_columns: list = dataclass_field(default_factory=list)


class Refused(Exception):
    pass


class UnreadableCsv(ValueError):
    """The file is not text in the encoding it was read with, or not CSV."""


#: Byte-order marks and the encoding each one says the file is in.
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data, encoding="utf-8"):
    """The text of a CSV file's bytes: a byte-order mark says its encoding, else
    ``encoding``. Raises UnreadableCsv naming the line that cannot be read."""
    encoding = next((name for bom, name in BOMS if data.startswith(bom)), encoding)
    if b"\x00" in data and not codecs.lookup(encoding).name.startswith(("utf-16", "utf-32")):
        raise UnreadableCsv("it contains NUL bytes: UTF-16 without a byte-order mark? "
                            "Name it with --encoding utf-16-le (or utf-16-be)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[:error.start].decode(encoding, "replace").count("\n") + 1
        raise UnreadableCsv(
            f"line {line} is not {codecs.lookup(encoding).name} text "
            f"(byte 0x{data[error.start]:02x}); if the file was saved in another "
            f"encoding, name it with --encoding (cp1252 for Excel on Windows, "
            f"latin-1, mac-roman...)") from None
    return text


def _cell(row, name):
    value = row.get(name)
    if value is None:
        return None
    value = value.strip()
    return value[1:] if value.startswith(QUOTED_FORMULA) else value


def _columns(schema, header):
    known = set(SPECIAL) | set(SKIPPED)
    for field in schema.fields:
        known.add(field.name)
        if field.type == s.INDICATOR:
            known |= {f"{field.name}_year", f"{field.name}_source"}
    return [name for name in header if name not in known]


def _field_raw(field, row):
    if field.type == s.INDICATOR:
        return {"value": _cell(row, field.name), "year": _cell(row, f"{field.name}_year"),
                "source": _cell(row, f"{field.name}_source")}
    return _cell(row, field.name)


def new_front_matter(schema, header, row, existing_data):
    """The front matter after this row; raises Refused with every field error."""
    data = dict(existing_data)
    errors = []
    kept = lenient(schema, existing_data)
    for field in schema.fields:
        if field.name not in header:
            if field.required and field.name not in kept:
                errors.append(f"{field.name}: a required field without a column")
            continue
        raw = _field_raw(field, row)
        if is_empty(raw):
            if field.required:
                errors.append(f"{field.name}: required")
            data.pop(field.name, None)
            continue
        try:
            data[field.name] = to_yaml(parse(field, raw))
        except Invalid as error:
            errors.append(f"{field.name}: {error.message}")
    if errors:
        raise Refused("; ".join(errors))
    return data


def _same(schema, data, old_data):
    """The same record: equal values (``"2021-02-03"`` is the date), equal other keys."""
    def others(d):
        return {k: v for k, v in d.items() if k not in schema.names}
    return lenient(schema, data) == lenient(schema, old_data) and others(data) == others(old_data)


def _title(namespace, row):
    text = _cell(row, "title") or ""
    if text.lower().startswith(namespace.lower() + ":"):
        text = text[len(namespace) + 1:]
    if not text:
        raise Refused("no title")
    try:
        return make_title(namespace, text)
    except TitleError as error:
        raise Refused(f"invalid title {text!r}: {error.message}") from None


def _rows(reader):
    """The reader's rows; a line the csv module cannot parse is UnreadableCsv."""
    try:
        yield from reader
    except csv.Error as error:
        # DictReader counts the lines of the rows it returned; its reader, those it read.
        raise UnreadableCsv(f"line {reader.reader.line_num}: {error}") from None


def import_rows(lines, space, namespace, actor, dry_run=False):
    """Import the CSV text ``lines`` (an iterable of lines) into ``namespace``."""
    from wiki.services import WikiError, save_page
    schema = s.schema_for(namespace)
    report = CsvReport()
    reader = csv.DictReader(lines)
    try:
        fieldnames = reader.fieldnames
    except csv.Error as error:
        raise UnreadableCsv(f"line 1: {error}") from None
    header = [name.strip() for name in (fieldnames or [])]
    reader.fieldnames = header
    if "title" not in header:
        report.refused.append((1, "the header row has no 'title' column"))
        return report
    report.ignored_columns = _columns(schema, header)
    seen = {}
    previous = reader.line_num
    for row in _rows(reader):
        start, previous = previous + 1, reader.line_num
        try:
            title = _title(namespace, row)
            if title in seen:
                raise Refused(f"same title as line {seen[title]}")
            seen[title] = start
            page = find_page(space, title)
            if page is not None and page.deleted_at is not None:
                raise Refused(f"{title.full} was deleted; restore it first")
            revision = page.current_revision if page is not None else None
            old_text = revision.body if revision is not None else ""
            old_data, old_body = frontmatter.split(old_text)
            data = new_front_matter(schema, header, row, old_data)
            body = old_body
            if (row.get("body") or "").strip():  # an empty cell keeps the text
                body = row["body"].replace("\r\n", "\n")
            tags = normalise_tags(_cell(row, "tags")) if "tags" in header else None
            language = None
            if _cell(row, "language"):
                language = normalise_language(_cell(row, "language"))
                if language is None:
                    raise Refused(f"unknown language {_cell(row, 'language')!r}")
        except Refused as refusal:
            report.refused.append((start, str(refusal)))
            continue
        same_text = page is not None and body == old_body and _same(schema, data, old_data)
        same_meta = page is not None and (tags is None or tags == page.tag_names) and (
            language is None or language == page.language)
        if same_text and same_meta:
            report.unchanged += 1
            continue
        text = old_text if same_text else frontmatter.join(data, body, order=schema.names)
        if dry_run:
            if page is None:
                report.created += 1
            else:
                report.updated += 1
            continue
        try:
            result = save_page(space, title, text, actor,
                               summary=_cell(row, "summary") or "Imported from CSV",
                               base_number=page.head_number if page is not None else None,
                               tags=tags, language=language)
        except (WikiError, ValueError) as error:
            report.refused.append((start, str(getattr(error, "message", error))))
            continue
        if result.created:
            report.created += 1
        elif result.revision is not None or not same_meta:
            report.updated += 1
        else:
            report.unchanged += 1
    db.session.flush()
    return report


def _known_encoding(_ctx, _param, value):
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}.") from None


@click.command("import-csv")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--ns", "namespace", required=True, help="Namespace of the records (with fields).")
@click.option("--workspace", "slug", default=None, help="Workspace slug (default: commons).")
@click.option("--user", "username", default=None,
              help="Author of the revisions (default: the first administrator).")
@click.option("--dry-run", is_flag=True, help="Check and count, but save nothing.")
@click.option("--encoding", default="utf-8", show_default=True, callback=_known_encoding,
              help="Encoding of a file without a byte-order mark, e.g. cp1252 for "
                   "Excel's CSV on Windows, latin-1.")
def import_csv_command(path, namespace, slug, username, dry_run, encoding):
    """Create or update the records of a namespace from the CSV file PATH.

    PATH is read as UTF-8 (with or without a byte-order mark), as UTF-16 when it
    starts with a byte-order mark, else in the --encoding given. A file that
    cannot be read so is refused whole (nothing saved) with the line at fault.

    One revision per changed record. Exit status: 0 when every row was
    imported (or unchanged), 1 when some rows were refused (the others are
    saved), 2 for a usage error or a file that cannot be read."""
    from wiki.cli import _actor, _space
    from wiki.titles import canonical_namespace
    found = canonical_namespace(namespace)
    if found is None or s.schema_for(found) is None:
        raise click.UsageError(f"{namespace!r} is not a namespace with fields.")
    space = _space(slug)
    actor = _actor(username)
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        text = io.StringIO(decode(data, encoding), newline="")
        report = import_rows(text, space, found, actor, dry_run=dry_run)
    except UnreadableCsv as error:
        db.session.rollback()
        raise click.BadParameter(f"{click.format_filename(path)!r} cannot be read: {error}.",
                                 param_hint="PATH") from None
    if dry_run:
        db.session.rollback()
    else:
        db.session.commit()
    prefix = "Dry run: would have " if dry_run else ""
    click.echo(f"{prefix}created {report.created}, updated {report.updated}, "
               f"unchanged {report.unchanged}, refused {len(report.refused)}.")
    if report.ignored_columns:
        click.echo("ignored columns: " + ", ".join(report.ignored_columns))
    for line, reason in report.refused:
        click.echo(f"refused line {line}: {reason}")
    if report.refused:
        raise SystemExit(1)
