"""The access matrix, generated from the app's URL map.

Every route is requested by every kind of user (anonymous, signed-in
non-member, viewer, editor, owner, moderator, admin) in a public and in a
private workspace, with real values for its URL variables taken from a small
world built below. Routes added later are covered automatically; a route whose
variable the generator cannot fill fails the test, so that the generator is
taught about it (add the variable to ``values_for``).

Rules (SPEC.md "Who may do what", "No leak"):
- a route of a private workspace answers 404 to every non-member (moderators
  included; admins excepted), and 200 or a redirect to its members (403 only
  for viewers and editors, where an owner's right is needed);
- a route of a public workspace never answers 404 to a reader;
- writes (every method but GET) by non-editors never succeed;
- no page anywhere shows a private workspace's content to a non-member;
- nothing answers 5xx.
"""
import io

import pytest
from werkzeug.routing.converters import AnyConverter

from app.extensions import db

#: Text that only the private workspace contains.
MARKER = "Zebracorn"
USERS = ("anonymous", "stranger", "viewer", "editor", "owner", "moderator", "admin")
NON_MEMBERS = ("anonymous", "stranger", "moderator")
NON_EDITORS = ("anonymous", "stranger", "viewer", "moderator")
WORKSPACE_VARIABLES = {"slug", "space_slug"}
SKIPPED_ENDPOINTS = {"static"}
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
#: Writes a reader may legitimately make: (endpoint, user, visibility) -> allowed.
READER_WRITES = {
    "workspaces.add_comment": {("stranger", "public"), ("viewer", "public"),
                               ("moderator", "public"), ("viewer", "private")},
    "workspaces_api.add_comment": {("stranger", "public"), ("viewer", "public"),
                                   ("moderator", "public"), ("viewer", "private")},
    "workspaces.leave": {("viewer", "public"), ("viewer", "private")},
    # Asking to join (join policy "request") is what a non-member may do.
    "workspaces.join": {("stranger", "public"), ("moderator", "public")},
    "workspaces_api.add_member": {("stranger", "public"), ("moderator", "public")},
    "workspaces.delete_comment": {("moderator", "public")},
    # Following a forum thread is a reader's right; site moderators moderate public forums.
    "ws_forum.subscribe": {("stranger", "public"), ("viewer", "public"),
                           ("moderator", "public"), ("viewer", "private")},
    "ws_forum.delete_thread": {("moderator", "public")},
    "ws_forum.delete_post": {("moderator", "public")},
}
#: Query strings some routes need to answer at all.
QUERIES = {"/diff": "from=1&to=1"}


class UnfillableRoute(Exception):
    pass


def fill(rule, values):
    """URL values for every variable of ``rule``, or UnfillableRoute."""
    args = {}
    for name in sorted(rule.arguments):
        if rule.defaults and name in rule.defaults:
            continue
        converter = rule._converters.get(name)
        if isinstance(converter, AnyConverter):
            args[name] = sorted(converter.items)[0]
        elif name in values:
            args[name] = values[name]
        else:
            raise UnfillableRoute(f"{rule.rule}: no value for <{name}>")
    return args


def url_for_rule(rule, values):
    _domain, path = rule.build(fill(rule, values), append_unknown=False)
    for suffix, query in QUERIES.items():
        if rule.rule.endswith(suffix):
            path += "?" + query
    return path


def in_workspace(rule):
    return bool(rule.arguments & WORKSPACE_VARIABLES)


def routes(app):
    return [rule for rule in app.url_map.iter_rules() if rule.endpoint not in SKIPPED_ENDPOINTS]


@pytest.fixture
def world(app, make_user, make_workspace, add_member, make_post, make_comment):
    """Two workspaces with the same cast, a page, an attachment, a post and a comment each."""
    from app.spaces.services import commons
    from wiki.attachments import attach_file
    from wiki.services import save_page
    from wiki.titles import Title
    from community.forum import services as forum
    from workspaces import services

    people = {
        "stranger": make_user("stranger"), "viewer": make_user("vi"),
        "editor": make_user("ed"), "owner": make_user("olga"),
        "moderator": make_user("mod", role="moderator"), "admin": make_user("root", role="admin"),
    }
    invitee, asker = make_user("invitee"), make_user("asker")
    commons_page = save_page(commons(), Title("Main", "Main Page"), "The commons.",
                             people["editor"]).page
    attach_file(commons_page, "notes.txt", io.BytesIO(b"commons notes"), people["editor"])
    spaces = {}
    for visibility, slug in (("public", "open-ws"), ("private", "closed-ws")):
        secret = f" {MARKER}" if visibility == "private" else ""
        space = make_workspace(slug, people["owner"], visibility=visibility,
                               join_policy="request", description=f"About{secret}.")
        add_member(space, people["editor"], "editor")
        add_member(space, people["viewer"], "viewer")
        page = save_page(space, Title("Main", "Main Page"), f"Main page{secret}.",
                         people["editor"], tags=["matrix-tag"]).page
        attach_file(page, "notes.txt", io.BytesIO(f"notes{secret}".encode()), people["editor"])
        post = make_post(space, people["owner"], f"Plan{secret}", f"Body{secret}",
                         tags=["matrix-tag"], slug="plan")
        comment = make_comment(post, people["owner"], f"Comment{secret}")
        category = forum.create_category(space, people["owner"], "Plans", "plans")
        thread = forum.create_thread(space, people["owner"], f"Thread{secret}", f"Body{secret}",
                                     category=category)
        forum_post = forum.reply(thread, people["owner"], f"Reply{secret}")
        forum.create_thread(space, people["owner"], f"Talk{secret}", "On the page", page=page)
        invitation = services.invite_member(space, people["owner"], invitee)
        join_request = services.request_to_join(space, asker)
        db.session.commit()
        spaces[visibility] = {
            "slug": slug, "space_slug": slug, "title": "Main_Page", "name": "notes.txt",
            "namespace": "Library", "tag": "matrix-tag", "username": "ed", "post": post.slug,
            "rev": 1, "comment_id": comment.id, "invitation_id": invitation.id,
            "request_id": join_request.id, "token": "not-a-token", "token_id": 999999,
            "filename": "konbit.css", "category": "plans", "thread_id": thread.id,
            "post_id": forum_post.id, "news_id": 1, "news_slug": "news",
            "code": "fr",
        }
    # A conversation between owner and editor (messages): its page and API answer
    # 404 to everyone else, moderators included, and never show its text.
    from community.messages import services as messages
    conversation, _message = messages.start_conversation(
        people["owner"], [people["editor"]], f"Note {MARKER}", f"Words {MARKER}")
    db.session.commit()
    for values in spaces.values():
        values["conversation_id"] = conversation.id
    return people, spaces


@pytest.fixture
def clients(app, world):
    """One test client per kind of user, signed in through the login form."""
    people, _spaces = world
    made = {"anonymous": app.test_client()}
    for kind, user in people.items():
        client = app.test_client()
        response = client.post("/login", data={"login": user.username,
                                               "password": "correct horse battery"})
        assert response.status_code == 302, kind
        made[kind] = client
    return made


@pytest.fixture
def tokens(world, api_token):
    """Bearer headers per kind of user, for API writes (sessions would need a CSRF header)."""
    people, _spaces = world
    made = {kind: api_token(user) for kind, user in people.items()}
    made["anonymous"] = {}
    return made


def test_generator_fails_on_an_unknown_variable(app):
    from werkzeug.routing import Map, Rule
    rule = Rule("/w/<slug>/gizmo/<gizmo_id>", endpoint="x")
    Map([rule])
    with pytest.raises(UnfillableRoute):
        fill(rule, {"slug": "open-ws"})
    assert fill(rule, {"slug": "a", "gizmo_id": "b"}) == {"slug": "a", "gizmo_id": "b"}


def test_every_route_can_be_filled(app, world):
    _people, spaces = world
    problems = []
    for rule in routes(app):
        try:
            url_for_rule(rule, spaces["public"])
        except UnfillableRoute as error:
            problems.append(str(error))
    assert problems == [], "teach values_for these variables:\n" + "\n".join(problems)


def _get(client, url):
    response = client.get(url)
    return response.status_code, response.get_data().decode("utf-8", "replace")  # icons too


def test_reads_follow_workspace_visibility(app, world, clients):
    _people, spaces = world
    failures = []
    for rule in routes(app):
        if "GET" not in rule.methods or not in_workspace(rule):
            continue
        for visibility, values in spaces.items():
            url = url_for_rule(rule, values)
            for kind in USERS:
                status, _body = _get(clients[kind], url)
                if status >= 500:
                    failures.append(f"{kind} GET {url}: {status}")
                elif visibility == "private" and kind in NON_MEMBERS:
                    if status != 404:
                        failures.append(f"{kind} GET {url}: {status}, expected 404")
                elif visibility == "private":
                    allowed = {200, 301, 302, 303, 307, 308}
                    if kind in ("viewer", "editor"):
                        allowed.add(403)
                    if status not in allowed:
                        failures.append(f"{kind} GET {url}: {status}, expected 200/30x")
                elif status == 404:
                    failures.append(f"{kind} GET {url}: 404 in a public workspace")
    assert failures == [], "\n".join(failures)


def _succeeded(response):
    if 200 <= response.status_code < 300:
        return True
    if 300 <= response.status_code < 400:
        return "/login" not in response.headers.get("Location", "")
    return False


def test_writes_by_non_editors_never_succeed(app, world, clients, tokens):
    _people, spaces = world
    failures = []
    for rule in routes(app):
        methods = rule.methods - READ_METHODS
        if not methods or not in_workspace(rule):
            continue
        for visibility, values in spaces.items():
            url = url_for_rule(rule, values)
            for kind in NON_EDITORS:
                if (kind, visibility) in READER_WRITES.get(rule.endpoint, ()):
                    continue
                for method in sorted(methods):
                    client = clients[kind]
                    if url.startswith("/api/"):
                        response = client.open(url, method=method, json={},
                                               headers=tokens[kind])
                    else:
                        response = client.open(url, method=method, data={})
                    if response.status_code >= 500 or _succeeded(response):
                        failures.append(f"{kind} {method} {url}: {response.status_code}")
                    if visibility == "private" and kind != "viewer" and \
                            response.status_code not in (404, 302, 401):
                        failures.append(f"{kind} {method} {url}: {response.status_code}, "
                                        "expected 404 (or the login form)")
    assert failures == [], "\n".join(failures)


def test_private_content_never_shows_to_non_members(app, world, clients):
    _people, spaces = world
    failures = []
    for rule in routes(app):
        if "GET" not in rule.methods:
            continue
        for values in spaces.values():
            url = url_for_rule(rule, values)
            for kind in NON_MEMBERS:
                status, body = _get(clients[kind], url)
                if MARKER in body:
                    failures.append(f"{kind} GET {url}: shows private content ({status})")
                if status >= 500:
                    failures.append(f"{kind} GET {url}: {status}")
    assert failures == [], "\n".join(failures)


def test_members_see_the_private_content(app, world, clients):
    """The marker test above means something: members do see the marker."""
    for kind in ("viewer", "editor", "owner", "admin"):
        assert MARKER in _get(clients[kind], "/w/closed-ws/")[1], kind
        assert MARKER in _get(clients[kind], "/w/closed-ws/blog/plan")[1], kind
