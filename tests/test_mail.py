"""Outgoing mail: the outbox folder without MAIL_SERVER, a real SMTP server with it."""
import pytest

from app.mail import MailError, send_mail
from tests.fixtures.accounts import free_port, read_outbox


def test_without_mail_server_messages_land_in_the_outbox(app):
    send_mail("ana@example.org", "Héllo", "Body with ünicode\n")
    send_mail("bo@example.org", "Second", "Another\n")
    messages = read_outbox(app)
    assert [m["To"] for m in messages] == ["ana@example.org", "bo@example.org"]
    first = messages[0]
    assert first["Subject"] == "Héllo"
    assert "Body with ünicode" in first.get_content()
    assert "konbit@localhost" in first["From"]
    assert first["Message-ID"] and first["Date"]


def test_with_mail_server_messages_go_over_smtp(app, smtp_server):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port,
                      MAIL_DEFAULT_SENDER="noreply@konbit.test")
    send_mail("ana@example.org", "Over the wire", "Hello over SMTP\n", headers={"X-Test": "1"})
    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.mail_from == "noreply@konbit.test"
    assert envelope.rcpt_tos == ["ana@example.org"]
    message = smtp_server.messages[0]
    assert message["Subject"] == "Over the wire"
    assert message["X-Test"] == "1"
    assert "Hello over SMTP" in message.get_content()
    assert read_outbox(app) == []


def test_an_unreachable_server_raises_mail_error(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    with pytest.raises(MailError):
        send_mail("ana@example.org", "Lost", "Nobody listens\n")
