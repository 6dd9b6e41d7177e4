"""Files attached to pages: name rules, content-addressed storage and services.

Every upload is stored once per content, as ``<ATTACHMENTS_PATH>/ab/cd/<sha256>``:
identical files share one blob, and a blob is never changed once written (it
is written to a temporary file in the same folder, then renamed into place,
so a reader never sees half a file). An attachment is a name on a page; each
upload under that name adds a version and keeps the older ones."""
import hashlib
import mimetypes
import os
import re
import tempfile
import unicodedata
from urllib.parse import quote

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from app import signals
from app.extensions import db
from app.timeutil import utcnow
from wiki.models import Attachment, AttachmentVersion, Revision
from wiki.urls import page_path

CHUNK = 64 * 1024
MAX_NAME = 200
MAX_COMMENT = 500
#: Served inline; everything else is a download (a browser could run HTML,
#: SVG, XML or script from our origin).
INLINE_TYPES = {
    "image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp",
    "application/pdf", "text/plain",
}
IMAGE_TYPES = {t for t in INLINE_TYPES if t.startswith("image/")}
#: Windows device names: harmless here, but a file saved under such a name by a
#: reader who downloads it is not.
RESERVED_STEMS = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                  *(f"lpt{i}" for i in range(1, 10))}
_UNSAFE = re.compile(r"[^\w.\-+()@,=~ ]", re.UNICODE)


class AttachmentError(ValueError):
    """A refused upload; ``status`` is the HTTP status the views answer with."""

    status = 400

    def __init__(self, message, code="invalid", status=None):
        super().__init__(message)
        self.message = message
        #: ``empty``, ``name`` or ``too-large``: views pick the translated text by it.
        self.code = code
        if status is not None:
            self.status = status


class AttachmentTooLarge(AttachmentError):
    status = 413


def sanitise_name(raw):
    """A safe file name from whatever a browser sent, or ``""``.

    Like werkzeug's ``secure_filename`` (no folders, no leading dots, no
    characters a shell or a file system would treat specially) but Unicode
    letters and digits are kept: ``Relatório 2024.pdf`` stays readable."""
    name = unicodedata.normalize("NFC", raw or "")
    # Only the last path component counts, whichever separator the client used.
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\s+", " ", name).replace(" ", "_")
    name = re.sub(r"_{2,}", "_", name)
    name = re.sub(r"\.{2,}", ".", name)
    # No hidden files and no names that end in a dot ("..md" becomes "md").
    name = name.strip("._- ")
    if not name:
        return ""
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    if stem.lower() in RESERVED_STEMS:
        name = "_" + name
    if len(name) > MAX_NAME:
        ext = ext[:20]
        keep = MAX_NAME - (len(ext) + 1 if ext else 0)
        name = (stem[:keep] + "." + ext) if ext else name[:MAX_NAME]
    return name


def guess_type(name):
    kind, _encoding = mimetypes.guess_type(name, strict=False)
    return kind or "application/octet-stream"


def is_inline(content_type):
    """May a browser show this type in the page rather than download it?"""
    return content_type in INLINE_TYPES


def is_image(content_type):
    return content_type in IMAGE_TYPES


# --- storage -----------------------------------------------------------------

def storage_root():
    return current_app.config["ATTACHMENTS_PATH"]


def blob_path(sha256):
    if not re.fullmatch(r"[0-9a-f]{64}", sha256 or ""):
        raise ValueError("not a SHA-256 digest")
    return os.path.join(storage_root(), sha256[:2], sha256[2:4], sha256)


def store_blob(stream, max_bytes):
    """Copy ``stream`` into the store; returns ``(sha256, size)``.

    Reads at most ``max_bytes + 1`` bytes: a larger file is refused with
    ``AttachmentTooLarge`` and leaves nothing behind."""
    root = storage_root()
    os.makedirs(root, exist_ok=True)
    digest = hashlib.sha256()
    size = 0
    fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=root)
    try:
        with os.fdopen(fd, "wb") as out:
            while True:
                chunk = stream.read(CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise AttachmentTooLarge("The file is larger than the upload limit.",
                                             "too-large")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        final = blob_path(sha)
        os.makedirs(os.path.dirname(final), exist_ok=True)
        if os.path.exists(final):
            os.unlink(tmp)
        else:
            os.replace(tmp, final)
        return sha, size
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


# --- queries -----------------------------------------------------------------

def attachments_of(page):
    """The page's attachments by name, their versions and uploaders loaded (two queries)."""
    return list(db.session.scalars(
        select(Attachment).where(Attachment.page_id == page.id)
        .options(selectinload(Attachment.versions).joinedload(AttachmentVersion.uploader))
        .order_by(Attachment.name)).unique())


def find_attachment(page, name):
    if "\x00" in name:
        return None  # names nothing, and PostgreSQL refuses NUL in text
    return db.session.scalar(select(Attachment).where(Attachment.page_id == page.id,
                                                      Attachment.name == name))


def find_version(attachment, number=None):
    """Version ``number`` of ``attachment`` (the newest when None), or None."""
    query = select(AttachmentVersion).where(AttachmentVersion.attachment_id == attachment.id)
    if number is None:
        query = query.order_by(AttachmentVersion.number.desc()).limit(1)
    elif not 0 < number < 2**31:
        return None  # names no version, and would overflow the database driver
    else:
        query = query.where(AttachmentVersion.number == number)
    return db.session.scalar(query)


def attachment_path(page, name, **params):
    """The URL path of a file on ``page`` (``version=N`` for an old one)."""
    return page_path(page.space, page, "attachments/" + quote(name, safe=""), **params)


# --- services ----------------------------------------------------------------

def attach_file(page, filename, stream, actor, comment="", content_type=None, max_bytes=None):
    """Store an upload as the newest version of ``filename`` on ``page``.

    The name is sanitised; an existing name gets a new version (the older ones
    stay downloadable). Sends ``attachment_added``. Returns the version."""
    name = sanitise_name(filename)
    if not name:
        raise AttachmentError("The file needs a name made of letters, digits or dots.", "name")
    if max_bytes is None:
        max_bytes = current_app.config["UPLOAD_MAX_BYTES"]
    sha, size = store_blob(stream, max_bytes)
    if size == 0:
        raise AttachmentError("The file is empty.", "empty")
    kind = guess_type(name)
    if content_type and content_type.startswith("image/") and kind == "application/octet-stream":
        kind = content_type.split(";")[0].strip().lower()
    attachment = find_attachment(page, name)
    now = utcnow()
    if attachment is None:
        attachment = Attachment(page_id=page.id, page=page, name=name, created_at=now)
        db.session.add(attachment)
        db.session.flush()
    number = (db.session.scalar(select(func.max(AttachmentVersion.number))
                                .where(AttachmentVersion.attachment_id == attachment.id)) or 0) + 1
    version = AttachmentVersion(
        attachment_id=attachment.id, number=number, sha256=sha, size=size, content_type=kind,
        uploader_id=getattr(actor, "id", None), comment=(comment or "").strip()[:MAX_COMMENT],
        created_at=now)
    db.session.add(version)
    attachment.updated_at = now
    # Embeds of this name render differently now: drop the page's cached HTML.
    db.session.execute(update(Revision).where(Revision.page_id == page.id)
                       .values(html=None).execution_options(synchronize_session=False))
    db.session.flush()
    signals.attachment_added.send(attachment, actor=actor, version=version)
    return version


def embed_resolver(page):
    """``resolve(name) -> (url, is_image)`` or None, for the renderer.

    ``![[photo.png]]`` embeds an image attached to the page and
    ``[[File:report.pdf]]`` links a file; both name a file of ``page``. The
    page's files are looked up once, on first use."""
    cache = {}

    def resolve(name):
        if page is None or getattr(page, "id", None) is None:
            return None
        if "files" not in cache:
            rows = db.session.execute(
                select(Attachment.name, AttachmentVersion.content_type)
                .join(AttachmentVersion, AttachmentVersion.attachment_id == Attachment.id)
                .where(Attachment.page_id == page.id)
                .order_by(Attachment.name, AttachmentVersion.number)).all()
            cache["files"] = {row.name: row.content_type for row in rows}
        wanted = sanitise_name(name)
        kind = cache["files"].get(wanted)
        if kind is None:
            return None
        return attachment_path(page, wanted), is_image(kind)

    return resolve


def check_blobs(repair=False):
    """Versions whose stored file is missing (reported; nothing can restore it)."""
    problems = []
    for sha in db.session.scalars(select(AttachmentVersion.sha256).distinct()):
        if not os.path.exists(blob_path(sha)):
            problems.append(f"attachment blob {sha} is missing from the store")
    return problems
