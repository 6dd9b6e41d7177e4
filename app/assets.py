"""Static files: addresses that carry the file's version, kept by browsers for a
year (a reader on a slow, costly link fetches a stylesheet once, not on every
page), and the site's icon at ``/favicon.ico``."""
import hashlib
import os
from functools import lru_cache

from flask import current_app, request, send_from_directory, url_for

#: How long a browser keeps a versioned static file: a year, never checked again.
STATIC_MAX_AGE = 365 * 24 * 3600


def static_url(filename, endpoint="static"):
    """``url_for(endpoint, filename=...)`` with the file's version (``?v=``, from its
    content), built once per file and script root: browsers keep the file a year
    (``cache_versioned_static``) and a changed file gets a new address."""
    key = (request.script_root, endpoint, filename)
    url = _static_urls.get(key)
    if url is None:
        url = _static_urls[key] = url_for(endpoint, filename=filename,
                                          v=_static_version(endpoint, filename))
    return url


_static_urls = {}


@lru_cache(maxsize=64)
def _static_version(endpoint, filename):
    blueprint = endpoint.rpartition(".")[0]
    scaffold = current_app.blueprints[blueprint] if blueprint else current_app
    with open(os.path.join(scaffold.static_folder, filename), "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()[:12]


def cache_versioned_static(response):
    """A static file asked for with its current version is cached for good: its
    address changes with its content. Without ``v``, or with another one (an old
    page), it is checked each time, as before."""
    if request.endpoint and request.endpoint.rpartition(".")[2] == "static" \
            and response.status_code == 200 and request.args.get("v") == _static_version(
                request.endpoint, request.view_args["filename"]):
        response.cache_control.no_cache = None
        response.cache_control.public = True
        response.cache_control.max_age = STATIC_MAX_AGE
        response.cache_control.immutable = True
    return response


def favicon():
    """``/favicon.ico``, where browsers and feed readers look for the site's icon
    (pages link the versioned copy, ``static_url('favicon.ico')``)."""
    return send_from_directory(current_app.static_folder, "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600)


def init_app(app):
    app.after_request(cache_versioned_static)
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.jinja_env.globals["static_url"] = static_url
