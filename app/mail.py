"""Outgoing mail: an SMTP server when ``MAIL_SERVER`` is set, otherwise ``.eml``
files in ``instance/outbox/`` (so a fresh site never loses a message)."""
import os
import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formataddr, format_datetime, make_msgid

from flask import current_app

from app.timeutil import aware, utcnow


def build_message(to, subject, body, headers=None):
    cfg = current_app.config
    message = EmailMessage()
    message["From"] = formataddr((cfg["SITE_NAME"], cfg["MAIL_DEFAULT_SENDER"]))
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(aware(utcnow()))
    message["Message-ID"] = make_msgid(domain=cfg["MAIL_DEFAULT_SENDER"].rpartition("@")[2] or None)
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message


def send_mail(to, subject, body, headers=None):
    """Send one plain-text message; returns the message sent."""
    message = build_message(to, subject, body, headers)
    cfg = current_app.config
    if cfg.get("MAIL_SERVER"):
        _send_smtp(message, cfg)
    else:
        _write_outbox(message, cfg["OUTBOX_PATH"])
    return message


def _send_smtp(message, cfg):
    smtp_class = smtplib.SMTP_SSL if cfg.get("MAIL_USE_SSL") else smtplib.SMTP
    with smtp_class(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=30) as smtp:
        if cfg.get("MAIL_USE_TLS"):
            smtp.starttls()
        if cfg.get("MAIL_USERNAME"):
            smtp.login(cfg["MAIL_USERNAME"], cfg.get("MAIL_PASSWORD") or "")
        smtp.send_message(message)


def _write_outbox(message, outbox):
    os.makedirs(outbox, exist_ok=True)
    name = f"{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:12]}.eml"
    with open(os.path.join(outbox, name), "wb") as fh:
        fh.write(message.as_bytes())
