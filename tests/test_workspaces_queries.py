"""List pages run a bounded number of SQL statements, whatever their length."""
from app.extensions import db
from tests.fixtures.sql import count_queries


def build(make_user, make_workspace, add_member, make_post, make_comment, size, tag):
    """A workspace with ``size`` members, posts and comments on each post."""
    owner = make_user(f"owner{tag}")
    space = make_workspace(f"space-{tag}", owner, visibility="private")
    users = [make_user(f"u{tag}-{n}") for n in range(size)]
    for n, user in enumerate(users):
        add_member(space, user, ("viewer", "editor")[n % 2])
    editors = [u for n, u in enumerate(users) if n % 2] or [owner]
    for n in range(size):
        post = make_post(space, editors[n % len(editors)], f"Post {n}", tags=[f"t{n % 3}", "all"])
        if n == 0:
            for m in range(size):
                make_comment(post, users[m % len(users)], f"Comment {m}")
    return space, owner


PATHS = ["/w/{slug}/", "/w/{slug}/blog/", "/w/{slug}/blog/?tag=all", "/w/{slug}/members",
         "/w/{slug}/blog/post-0", "/w/", "/"]


def test_statement_count_does_not_grow(client, auth, make_user, make_workspace, add_member,
                                       make_post, make_comment):
    worlds = [build(make_user, make_workspace, add_member, make_post, make_comment, size, tag)
              for size, tag in ((3, "small"), (30, "large"))]
    counts = {}
    for space, owner in worlds:
        auth.login(owner.username)
        for path in PATHS:
            url = path.format(slug=space.slug)
            client.get(url)  # warm caches (locale, first-request work)
            db.session.expire_all()
            with count_queries() as statements:
                response = client.get(url)
            assert response.status_code == 200, url
            counts.setdefault(path, []).append(len(statements))
        auth.logout()
    for path, (small, large) in counts.items():
        assert large <= small, (path, small, large)
        assert large < 30, (path, small, large)


def test_directory_with_many_workspaces_is_bounded(client, make_user, make_workspace):
    owner = make_user("olga")
    counts = []
    for start, stop in ((0, 3), (3, 30)):
        for n in range(start, stop):
            make_workspace(f"ws-{n:02d}", owner)
        db.session.expire_all()
        with count_queries() as statements:
            assert client.get("/w/").status_code == 200
        counts.append(len(statements))
    assert counts[1] <= counts[0], counts
