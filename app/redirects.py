"""Where to send the browser after a form: only ever back into this site."""
import re
from urllib.parse import urlsplit

from flask import url_for

#: Browsers drop tabs and newlines inside URLs and read a backslash as a
#: slash, so ``/\t/evil.example`` or ``/\\evil.example`` would leave the site.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f\\]")


def safe_next(target, default_endpoint="main.index"):
    """``target`` when it is a path on this site, else the default page.

    Refuses absolute URLs, scheme-relative ``//host``, backslashes, control
    characters."""
    if isinstance(target, str) and target.startswith("/") and not target.startswith("//"):
        if not _UNSAFE.search(target) and len(target) <= 2000:
            parts = urlsplit(target)
            if not parts.scheme and not parts.netloc:
                return target
    return url_for(default_endpoint)
