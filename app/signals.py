"""Documented signals, past tense. Senders are the services that changed state;
receivers (the activity recorder, search indexing, notifications) run inside
the same transaction, before the caller commits, so they must only flush.

Every signal is sent with the acting user as ``actor`` (None for the system)."""
from blinker import Namespace

_signals = Namespace()

# --- wiki ------------------------------------------------------------------
page_saved = _signals.signal("page-saved", doc="""A new revision of a page was stored.
sender: the Page; kwargs: actor, revision (Revision), created (bool: first revision),
merged (bool: a concurrent edit was merged in), previous (Revision or None).""")

page_moved = _signals.signal("page-moved", doc="""A page was renamed, leaving a redirect.
sender: the Page (under its new title); kwargs: actor, old_namespace, old_title,
redirect (the Page left at the old title or None), revision.""")

page_deleted = _signals.signal("page-deleted", doc="""A page was soft-deleted.
sender: the Page; kwargs: actor, reason.""")

page_restored = _signals.signal("page-restored", doc="""A deleted page was restored.
sender: the Page; kwargs: actor.""")

page_reverted = _signals.signal("page-reverted", doc="""A page was reverted to an old revision
(sent after ``page_saved`` for the new revision). sender: the Page; kwargs: actor,
revision (the new Revision), to_number (the revision number restored).""")

page_protected = _signals.signal("page-protected", doc="""A page's protection changed.
sender: the Page; kwargs: actor, protected (bool).""")

attachment_added = _signals.signal("attachment-added", doc="""A file (or a new version of it)
was attached to a page. sender: the Attachment; kwargs: actor, version.""")

# --- workspaces ------------------------------------------------------------
workspace_created = _signals.signal("workspace-created", doc="""sender: the Space; kwargs: actor.""")

workspace_updated = _signals.signal("workspace-updated", doc="""Settings changed (name,
description, visibility, join policy). sender: the Space; kwargs: actor, changes (dict of
field: (old, new)).""")

workspace_deleted = _signals.signal("workspace-deleted", doc="""sender: the Space; kwargs: actor.""")

workspace_restored = _signals.signal("workspace-restored", doc="""sender: the Space; kwargs: actor.""")

member_invited = _signals.signal("member-invited", doc="""sender: the Invitation; kwargs: actor,
space, user (the invitee), role.""")

member_joined = _signals.signal("member-joined", doc="""A user became a member (accepted an
invitation, was accepted, or joined an open workspace). sender: the Membership; kwargs:
actor, space, user, role.""")

member_left = _signals.signal("member-left", doc="""A member left or was removed.
sender: the Space; kwargs: actor, user, removed (bool: by an owner).""")

member_role_changed = _signals.signal("member-role-changed", doc="""sender: the Membership;
kwargs: actor, space, user, old_role, role.""")

join_requested = _signals.signal("join-requested", doc="""sender: the JoinRequest; kwargs: actor,
space.""")

post_published = _signals.signal("post-published", doc="""A blog post became public (status
published). sender: the Post; kwargs: actor, revision.""")

post_edited = _signals.signal("post-edited", doc="""A blog post (draft or published) was
changed. sender: the Post; kwargs: actor, revision.""")

post_deleted = _signals.signal("post-deleted", doc="""sender: the Post; kwargs: actor.""")

comment_added = _signals.signal("comment-added", doc="""sender: the Comment; kwargs: actor,
post.""")

comment_deleted = _signals.signal("comment-deleted", doc="""sender: the Comment; kwargs: actor.""")

# --- forums and news (community) ----------------------------------------------
# Forum signals carry what the activity log needs so that feeds never imports
# community: ``space`` (the forum's Space), ``title`` (the thread's title) and
# ``path`` (the thread's URL path, with an anchor for a reply).

forum_thread_created = _signals.signal("forum-thread-created", doc="""A discussion was started
(in a category, or on a page's Talk). sender: the Thread; kwargs: actor, space, post (the opening
ForumPost), title, path, page (the Page for a Talk thread, else None).""")

forum_post_added = _signals.signal("forum-post-added", doc="""A reply was posted in a thread.
sender: the ForumPost; kwargs: actor, thread, space, title, path.""")

forum_post_edited = _signals.signal("forum-post-edited", doc="""A forum post's text changed.
sender: the ForumPost; kwargs: actor, thread.""")

forum_post_deleted = _signals.signal("forum-post-deleted", doc="""A forum post was deleted or
hidden (by its author or a moderator). sender: the ForumPost; kwargs: actor, thread, space, title,
path.""")

forum_thread_deleted = _signals.signal("forum-thread-deleted", doc="""A thread was deleted by a
moderator. sender: the Thread; kwargs: actor, space, title, path.""")

forum_thread_changed = _signals.signal("forum-thread-changed", doc="""A moderator pinned,
unpinned, locked, unlocked or moved a thread. sender: the Thread; kwargs: actor, change
(``pinned``, ``unpinned``, ``locked``, ``unlocked``, ``moved``), category (the new ForumCategory
for a move, else None).""")

news_published = _signals.signal("news-published", doc="""A site news post was published.
sender: the NewsPost; kwargs: actor, space (the commons), title, path.""")

news_deleted = _signals.signal("news-deleted", doc="""A site news post was deleted.
sender: the NewsPost; kwargs: actor.""")

# --- accounts --------------------------------------------------------------
user_registered = _signals.signal("user-registered", doc="""sender: the User; kwargs: actor.""")

profile_updated = _signals.signal("profile-updated", doc="""sender: the User; kwargs: actor.""")

# --- messages and moderation (community) -----------------------------------
message_sent = _signals.signal("message-sent", doc="""A private message was sent (a new
conversation or a reply). sender: the Message; kwargs: actor, conversation, recipients (the
Users it went to).""")

content_reported = _signals.signal("content-reported", doc="""A member reported something
to the moderators. sender: the Report; kwargs: actor.""")
