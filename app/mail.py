"""Outgoing mail: an SMTP server when ``MAIL_SERVER`` is set, otherwise ``.eml``
files in ``instance/outbox/`` (so a fresh site never loses a message)."""
import os
import smtplib
import uuid
from email.message import EmailMessage
from email.utils import formataddr, format_datetime, make_msgid

from flask import current_app

from app.timeutil import aware, utcnow


class MailError(RuntimeError):
    """The message could not be handed to the mail server (logged)."""


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
    """Send one plain-text message; returns the message sent.

    Raises MailError when the SMTP server cannot be reached or refuses the
    message, so that callers can tell the user instead of failing with a 500."""
    message = build_message(to, subject, body, headers)
    cfg = current_app.config
    if cfg.get("MAIL_SERVER"):
        try:
            _send_smtp(message, cfg)
        except (OSError, smtplib.SMTPException) as error:
            current_app.logger.error("Mail to %s not sent: %s", to, error)
            raise MailError(str(error)) from error
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
    # Microseconds first: the names sort in the order the messages were written.
    name = f"{utcnow():%Y%m%dT%H%M%S.%f}-{uuid.uuid4().hex[:12]}.eml"
    with open(os.path.join(outbox, name), "wb") as fh:
        fh.write(message.as_bytes())
