"""Profile files: the photo (decoded, squared, resized and re-encoded) and
the CV's PDF, kept content-addressed in the instance folder.

The original upload of a photo is never stored: Pillow decodes it and writes a
new JPEG (or PNG when it has transparency) holding only pixels, so EXIF (GPS
position, camera serial...), XMP, ICC and comments are gone. Blobs are
written to a temporary file and renamed into place, like wiki attachments."""
import hashlib
import io
import os
import re
import tempfile
import warnings

from flask import current_app

PHOTO_SIZE = 256
THUMB_SIZE = 64
#: Larger images are refused before decoding (a "decompression bomb").
MAX_PIXELS = 40_000_000
ACCEPTED_FORMATS = {"JPEG", "PNG", "GIF", "WEBP", "BMP"}
PDF_MAGIC = b"%PDF-"
CHUNK = 64 * 1024


class FileRefused(ValueError):
    """An upload that cannot be kept: ``status`` 413 (too large) or 422."""

    def __init__(self, code, status=422):
        super().__init__(code)
        #: ``too-large``, ``not-image``, ``not-pdf`` or ``empty``.
        self.code = code
        self.status = status


def storage_root():
    return (current_app.config.get("PROFILE_FILES_PATH")
            or os.path.join(current_app.instance_path, "profiles"))


def blob_path(sha256):
    if not re.fullmatch(r"[0-9a-f]{64}", sha256 or ""):
        raise ValueError("not a SHA-256 digest")
    return os.path.join(storage_root(), sha256[:2], sha256[2:4], sha256)


def store_bytes(data):
    """Keep ``data`` once under its SHA-256; returns the digest."""
    sha = hashlib.sha256(data).hexdigest()
    final = blob_path(sha)
    if os.path.exists(final):
        return sha
    os.makedirs(os.path.dirname(final), exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".upload-", dir=os.path.dirname(final))
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, final)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return sha


def read_limited(stream, max_bytes=None):
    """The upload's bytes; FileRefused(413) past ``UPLOAD_MAX_BYTES``."""
    if max_bytes is None:
        max_bytes = current_app.config["UPLOAD_MAX_BYTES"]
    buffer, size = io.BytesIO(), 0
    while True:
        chunk = stream.read(CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise FileRefused("too-large", 413)
        buffer.write(chunk)
    if size == 0:
        raise FileRefused("empty")
    return buffer.getvalue()


def _decode(data):
    """The upload as a loaded, upright Pillow image; FileRefused if it is none."""
    # Pillow is imported where a photo is handled, not by every worker at start
    # (about 2 MB that page views never use).
    from PIL import Image, ImageOps, UnidentifiedImageError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                if probe.format not in ACCEPTED_FORMATS:
                    raise FileRefused("not-image")
                width, height = probe.size
                if width * height > MAX_PIXELS or not width or not height:
                    raise FileRefused("not-image")
                probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
            # Turn the pixels as the camera said, before its EXIF is dropped.
            return ImageOps.exif_transpose(image)
    except FileRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError,
            Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise FileRefused("not-image")


def _encode(image, size, with_alpha):
    from PIL import Image, ImageOps
    squared = ImageOps.fit(image, (size, size), method=Image.Resampling.LANCZOS)
    # Pillow carries a source's comment, ICC profile or EXIF over in ``info``.
    squared.info = {}
    out = io.BytesIO()
    if with_alpha:
        squared.save(out, format="PNG", optimize=True)
    else:
        squared.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def process_photo(data):
    """``(photo bytes, thumbnail bytes, content type)`` from an uploaded image."""
    image = _decode(data)
    with_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if with_alpha else "RGB")
    kind = "image/png" if with_alpha else "image/jpeg"
    return _encode(image, PHOTO_SIZE, with_alpha), _encode(image, THUMB_SIZE, with_alpha), kind


def check_pdf(data):
    """A CV must be a PDF: its first bytes say so (``%PDF-``)."""
    if not data.startswith(PDF_MAGIC):
        raise FileRefused("not-pdf")
    return data
