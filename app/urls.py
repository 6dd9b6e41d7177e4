"""Absolute URLs for feeds and mail, on the configured BASE_URL."""
from flask import current_app


def absolute_url(path):
    return current_app.config["BASE_URL"].rstrip("/") + path
