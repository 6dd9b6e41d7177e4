"""``flask --app app send-digests``: run daily from cron."""
import click

from feeds import notifications


def init_app(app):
    @app.cli.command("send-digests")
    def send_digests_command():
        """Mail each user the daily digest of watched changes (and any immediate
        notification left unsent by a crash)."""
        immediate = notifications.send_immediate()
        digests = notifications.send_digests()
        click.echo(f"Sent {digests} digest(s) and {immediate} immediate notification(s).")
