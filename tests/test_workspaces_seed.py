"""The demo seeder: three workspaces in three languages, every role, posts and comments."""
from sqlalchemy import func, select

from app.extensions import db
from app.spaces.models import Membership, Space
from workspaces.models import Comment, Invitation, JoinRequest, Post


def test_seed_demo_builds_the_workspaces(app, client):
    from app.seed import seed_demo
    site = seed_demo()
    assert site is not None
    spaces = {s.slug: s for s in db.session.scalars(select(Space).where(
        Space.kind == "workspace"))}
    assert {"health-mutuals-senegal", "ministry-law-drafting",
            "social-protection-training-2026"} <= set(spaces)
    assert spaces["ministry-law-drafting"].visibility == "private"
    roles = set(db.session.scalars(select(Membership.role)))
    assert roles == {"owner", "editor", "viewer"}
    assert db.session.scalar(select(func.count(Post.id))) >= 6
    assert db.session.scalar(select(func.count(Comment.id))) >= 6
    assert db.session.scalar(select(func.count(Invitation.id)).where(
        Invitation.status == "pending")) == 1
    assert db.session.scalar(select(func.count(JoinRequest.id))) == 1
    # The private one stays private; the public ones show their posts.
    assert client.get("/w/ministry-law-drafting/").status_code == 404
    page = client.get("/w/health-mutuals-senegal/blog/")
    assert "Campagne d'adhésion".encode() in page.data or b"Campagne" in page.data
    assert b"Brouillon" not in page.data
    assert client.get("/w/social-protection-training-2026/").status_code == 200
