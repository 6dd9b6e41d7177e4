"""Where to send the browser after a form: only ever back into this site."""
from urllib.parse import urlsplit

from flask import url_for


def safe_next(target, default_endpoint="main.index"):
    """``target`` when it is a path on this site, else the default page.

    Refuses absolute URLs, scheme-relative ``//host`` and backslash tricks."""
    if target:
        parts = urlsplit(target)
        if (not parts.scheme and not parts.netloc and target.startswith("/")
                and not target.startswith("//") and "\\" not in target):
            return target
    return url_for(default_endpoint)
