"""The workspaces bench site: 1,000 workspaces, one busy blog, bulk inserted.

Spaces, users, memberships, posts (with their first revision) and comments go
in through SQLAlchemy Core ``executemany``. Post and comment HTML is rendered
once by the real renderers and reused. ``BLOG_SLUG`` holds the blog (100 posts,
1,000 comments, ``BUSY_POST`` carrying half of them); the other workspaces have
members only. One workspace in ten is private (the directory filters them)."""
import time
from datetime import timedelta

from scenarios import BENCH_PASSWORD, BENCH_USER, scale, scenario, site

BATCH = 20_000
BLOG_SLUG = "ws-0000"
BUSY_POST = "post-000"
MEMBERS_PER_SPACE = 5

POST_BODY = """A post of the benchmark blog, number {n}.

It has a couple of paragraphs of text, a list and some *emphasis*, so that its
HTML looks like a real post's:

- first point;
- second point, a little longer than the first one;
- third point.

Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor
incididunt ut labore et dolore magna aliqua.
"""
COMMENT_BODY = "Thanks for this post! I *agree* with the second point, mostly."


def counts():
    """(workspaces, users, posts, comments)."""
    if scale.small:
        return 30, 20, 10, 40
    return 1_000, 200, 100, 1_000


def build(app):
    from sqlalchemy import func, insert, select, text

    from app.accounts.models import User
    from app.accounts.services import create_user
    from app.extensions import db
    from app.markup import render_markdown
    from app.spaces.models import Membership, Space
    from app.timeutil import utcnow
    from workspaces.models import Comment, Post, PostRevision

    spaces, users, posts, comments = counts()
    began = time.perf_counter()
    bench = create_user(BENCH_USER, f"{BENCH_USER}@example.org", BENCH_PASSWORD)
    db.session.commit()
    conn = db.session.connection()
    now = utcnow()
    # Users share the bench user's password hash: hashing 200 passwords is not the point.
    first_user = db.session.scalar(select(func.max(User.id))) + 1
    conn.execute(insert(User.__table__), [
        {"id": first_user + n, "username": f"member{n}", "username_key": f"member{n}",
         "email": f"member{n}@example.org", "email_key": f"member{n}@example.org",
         "password_hash": bench.password_hash, "display_name": f"Member {n}",
         "role": bench.role, "locale": "", "country": "", "organisation": "", "bio": "",
         "created_at": now, "password_changed_at": now} for n in range(users)])
    user_ids = [bench.id] + [first_user + n for n in range(users)]

    first_space = db.session.scalar(select(func.max(Space.id))) + 1
    conn.execute(insert(Space.__table__), [
        {"id": first_space + n, "kind": "workspace", "slug": f"ws-{n:04d}",
         "name": f"Workspace {n}", "description": f"Benchmark workspace number {n}.",
         "visibility": "private" if n % 10 == 9 else "public", "join_policy": "request",
         "created_at": now - timedelta(minutes=n), "created_by_id": bench.id,
         "last_activity_at": now - timedelta(minutes=n)} for n in range(spaces)])
    memberships = []
    for n in range(spaces):
        chosen = {bench.id} | {user_ids[(n * 31 + k * 7) % len(user_ids)]
                               for k in range(MEMBERS_PER_SPACE - 1)}
        for k, user_id in enumerate(sorted(chosen)):
            memberships.append({"space_id": first_space + n, "user_id": user_id,
                                "role": "owner" if user_id == bench.id else
                                ("editor" if k % 2 else "viewer"), "created_at": now})
    for start in range(0, len(memberships), BATCH):
        conn.execute(insert(Membership.__table__), memberships[start:start + BATCH])

    blog_space = first_space
    post_html = render_markdown(POST_BODY.format(n=999999))
    first_post = (db.session.scalar(select(func.max(Post.id))) or 0) + 1
    post_rows, revision_rows = [], []
    for n in range(posts):
        body = POST_BODY.format(n=n)
        moment = now - timedelta(hours=n)
        post_rows.append({
            "id": first_post + n, "space_id": blog_space, "slug": f"post-{n:03d}",
            "title": f"Post number {n}", "body": body,
            "html": post_html.replace("999999", str(n)), "status": "published",
            "published_at": moment, "author_id": user_ids[n % len(user_ids)],
            "created_at": moment, "updated_at": moment, "head_number": 1})
        revision_rows.append({
            "post_id": first_post + n, "number": 1, "title": f"Post number {n}", "body": body,
            "tags": "", "status": "published", "author_id": user_ids[n % len(user_ids)],
            "created_at": moment})
    conn.execute(insert(Post.__table__), post_rows)
    conn.execute(insert(PostRevision.__table__), revision_rows)
    comment_html = render_markdown(COMMENT_BODY)
    comment_rows = []
    for n in range(comments):
        # Half of the comments on the busy post, the rest spread over the others.
        post = 0 if n % 2 == 0 else 1 + n % max(1, posts - 1)
        comment_rows.append({
            "post_id": first_post + post, "author_id": user_ids[n % len(user_ids)],
            "body": COMMENT_BODY, "html": comment_html,
            "created_at": now - timedelta(hours=posts) + timedelta(seconds=n)})
    conn.execute(insert(Comment.__table__), comment_rows)
    db.session.commit()
    db.session.execute(text("ANALYZE"))
    db.session.commit()
    print(f"workspaces site: {spaces:,} workspaces, {len(memberships):,} memberships, "
          f"{posts} posts, {comments:,} comments in {time.perf_counter() - began:.0f} s",
          flush=True)


@site("workspaces")
def workspaces_site(app):
    build(app)


@scenario("ws-home", site="workspaces", title="Workspace home /w/<slug>/, anonymous")
def ws_home(app):
    return [f"/w/{BLOG_SLUG}/"]


@scenario("ws-blog", site="workspaces", title="Blog index /w/<slug>/blog/, anonymous")
def ws_blog(app):
    return [f"/w/{BLOG_SLUG}/blog/"]


@scenario("ws-post", site="workspaces",
          title="Blog post with 500 comments, anonymous")
def ws_post(app):
    return [f"/w/{BLOG_SLUG}/blog/{BUSY_POST}"]


@scenario("ws-directory", site="workspaces", title="Directory /w/ (1,000 workspaces), anonymous")
def ws_directory(app):
    return ["/w/"]
