"""``GET /api/v1/news``: the site news, newest first, paginated."""
from flask import jsonify, request

from app.api import make_api_blueprint
from app.api.openapi import add_paths, error_response, json_response
from app.pagination import paging
from app.timeutil import aware
from app.urls import absolute_url
from community.news import queries

api_bp = make_api_blueprint("news_api", __name__)


def news_json(news):
    return {
        "id": news.id, "title": news.title, "slug": news.slug, "body": news.body,
        "html": news.html, "author": news.author.username if news.author else None,
        "published_at": aware(news.published_at).isoformat(),
        "updated_at": aware(news.updated_at).isoformat(), "url": absolute_url(news.path),
        "newsletter_url": absolute_url(f"/news/{news.id}/newsletter.pdf")
        if news.newsletter_sha256 else None,
    }


@api_bp.route("/news")
def news_list():
    page, per_page = paging(request.args.get("page"), request.args.get("per_page"))
    listing = queries.listing(page, per_page)
    return jsonify({"total": listing.total, "page": listing.page,
                    "items": [news_json(n) for n in listing.items]})


NEWS = {
    "type": "object",
    "required": ["id", "title", "slug", "body", "html", "author", "published_at", "url"],
    "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "slug": {"type": "string"},
        "body": {"type": "string"}, "html": {"type": "string"},
        "author": {"type": ["string", "null"]},
        "published_at": {"type": "string", "format": "date-time"},
        "updated_at": {"type": "string", "format": "date-time"},
        "url": {"type": "string"}, "newsletter_url": {"type": ["string", "null"]}},
}

PATHS = {"/news": {"get": {
    "summary": "Site news, newest first", "operationId": "listNews", "security": [],
    "parameters": [
        {"name": "page", "in": "query", "required": False, "schema": {"type": "integer"}},
        {"name": "per_page", "in": "query", "required": False,
         "schema": {"type": "integer"}}],
    "responses": {
        "200": json_response("A page of news", {
            "type": "object", "required": ["total", "page", "items"],
            "properties": {"total": {"type": "integer"}, "page": {"type": "integer"},
                           "items": {"type": "array",
                                     "items": {"$ref": "#/components/schemas/NewsPost"}}}}),
        "400": error_response("A malformed parameter")}}}}


def init_app(app):
    app.register_blueprint(api_bp)
    add_paths(app, PATHS, {"NewsPost": NEWS})
