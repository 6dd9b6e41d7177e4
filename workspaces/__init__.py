"""workspaces package: see STYLE.md."""


def init_app(app):
    """Register this package's blueprints, signal receivers and panels."""
