"""The workspaces' verbs. Services flush and send the signals of
``app.signals``; the caller (a view or an API endpoint) commits once.

A refused change raises ``WorkspaceError`` carrying the HTTP status it maps
to, a message in the reader's language (lazy) and the form field at fault."""
from workspaces.services.errors import WorkspaceError  # noqa: F401
from workspaces.services.spaces import (create_workspace, delete_workspace,  # noqa: F401
                                        restore_workspace, touch, update_workspace,
                                        validate_slug)
from workspaces.services.members import (accept_invitation, accept_join_request,  # noqa: F401
                                         cancel_invitation, change_role, decline_invitation,
                                         invite_member, join_open_workspace, leave_workspace,
                                         pending_invitations, refuse_join_request,
                                         remove_member, request_to_join)
from workspaces.services.blog import (add_comment, create_post, delete_comment,  # noqa: F401
                                      delete_post, edit_post, refresh_post_html)
