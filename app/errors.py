"""Error pages in the reader's language, and JSON errors under /api."""
from flask import abort, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

#: The slug each status carries in a JSON error.
ERROR_CODES = {
    400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found",
    405: "method-not-allowed", 409: "conflict", 413: "too-large",
    415: "unsupported-media-type", 422: "unprocessable", 429: "too-many-requests",
    500: "server-error",
}


def error_titles():
    return {
        400: _("Bad request"),
        401: _("Please sign in"),
        403: _("Not allowed"),
        404: _("Page not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        413: _("Too large"),
        415: _("Unsupported media type"),
        422: _("Cannot process this"),
        429: _("Too many requests"),
        500: _("Something went wrong"),
    }


def error_explanations():
    return {
        400: _("The request could not be understood."),
        401: _("You need to sign in to do this."),
        403: _("You are not allowed to do this."),
        404: _("There is nothing here, or you may not see it."),
        405: _("This address does not accept that kind of request."),
        409: _("Someone else changed this in the meantime."),
        413: _("What you sent is larger than this site accepts."),
        415: _("This address does not accept that kind of content."),
        422: _("What you sent could not be used."),
        429: _("You did that too often. Please wait a little and try again."),
        500: _("The site failed to answer. The error has been logged."),
    }


def wants_json():
    return request.path == "/api" or request.path.startswith("/api/")


def json_error(status, message, code=None, **extra):
    """The API's error body: ``{"error": {"code", "message"}}`` plus any extra keys."""
    body = {"error": {"code": code or ERROR_CODES.get(status, "error"), "message": message}}
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    return response


def refuse(error):
    """A service's refusal (``.status``, ``.message``) as the error page or JSON."""
    abort(error.status, str(error.message))


def form_error(form, error):
    """Put a service's message on the form field at fault (``error.field``),
    or refuse outright when no field is to blame."""
    field = getattr(form, error.field, None) if getattr(error, "field", None) else None
    if field is None:
        refuse(error)
    field.errors = list(field.errors) + [str(error.message)]


def handle_http_exception(error):
    status = error.code or 500
    # Werkzeug's stock descriptions are English; only our own messages are shown.
    message = error.description if error.description != type(error).description else None
    if isinstance(error, CSRFError):
        message = _("The form has expired or was not sent from this site. Please try again.")
    if wants_json():
        response = json_error(status, message or error_explanations().get(status, error.name))
    else:
        response = render_template(
            "errors/error.html", status=status,
            title=error_titles().get(status, error.name),
            explanation=error_explanations().get(status, ""),
            message=message if status in (400, 409, 413, 422) else None,
        ), status
    response = _as_response(response)
    if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if status == 429:
        response.headers.setdefault("Retry-After", "60")
    return response


def _as_response(value):
    from flask import make_response
    return make_response(value)


def handle_unexpected(error):
    from flask import current_app

    from app.extensions import db
    if current_app.testing and not current_app.config.get("TESTING_SWALLOW_ERRORS"):
        raise error
    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    # The failed transaction must not break the queries the error page makes.
    db.session.rollback()
    return handle_http_exception(InternalServerError())


def init_app(app):
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(Exception, handle_unexpected)
