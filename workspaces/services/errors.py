"""The one exception the workspace services raise."""


class WorkspaceError(ValueError):
    """A change the workspace rules refuse.

    ``status`` is the HTTP answer (409 for a conflict with the current state,
    422 for unusable input, 403 for a forbidden move); ``field`` names the
    form field at fault, if any."""

    def __init__(self, message, status=422, field=None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field
