"""Wiki links: rendering with existence checks, PageLink rows, backlinks and
the invalidation that turns red links blue (and back)."""
from sqlalchemy import select

from app.extensions import db
from app.spaces.services import commons
from tests.fixtures.sql import count_queries
from wiki import links, rendering, services
from wiki.models import PageLink, Revision
from wiki.titles import parse


def current(page):
    return db.session.get(Revision, page.current_revision_id)


def test_render_marks_existing_and_missing(app, make_page):
    make_page("Foo")
    make_page("Library:Health financing")
    out = rendering.render_revision_body(
        "[[Foo]] [[foo|lower]] [[Bar]] [[Library:Health_financing]] [[Foo#Some part]] "
        "[[#Local]]", commons())
    assert '<a class="wikilink" href="/wiki/Foo">Foo</a>' in out.html
    assert '<a class="wikilink" href="/wiki/Foo">lower</a>' in out.html
    assert '<a class="wikilink new" href="/wiki/Bar/edit">Bar</a>' in out.html
    assert 'class="wikilink" href="/wiki/Library:Health_financing"' in out.html
    assert 'href="/wiki/Foo#some-part"' in out.html
    assert '<a class="wikilink" href="#local">Local</a>' in out.html
    space_id = commons().id
    assert out.links == [(space_id, "Main", "Foo"), (space_id, "Main", "Bar"),
                         (space_id, "Library", "Health financing")]


def test_one_query_for_all_links(app, make_page):
    for name in ("A", "Glossary:B", "Knowledge:C/D"):
        make_page(name)
    space = commons()
    body = " ".join(f"[[Page {n}]] [[Glossary:Term {n}]] [[Knowledge:X/{n}]]" for n in range(40))
    body += " [[A]] [[Glossary:B]] [[Knowledge:C/D]]"
    with count_queries() as statements:
        out = rendering.render_revision_body(body, space)
    assert len(statements) == 1
    assert out.html.count('class="wikilink new"') == 120
    assert out.html.count('class="wikilink"') == 3
    assert len(out.links) == 123


def test_no_query_without_links(app):
    space = commons()
    with count_queries() as statements:
        rendering.render_revision_body("Plain *text*.", space)
    assert statements == []


def test_commons_prefix_reaches_the_commons_from_a_workspace(app, make_page, make_space):
    make_page("Shared")
    space = make_space("health")
    make_page("Shared", space=space, body="workspace's own")
    out = rendering.render_revision_body("[[commons:Shared]] [[Shared]] [[commons:Nope]]", space)
    assert '<a class="wikilink" href="/wiki/Shared">commons:Shared</a>' in out.html
    assert '<a class="wikilink" href="/w/health/wiki/Shared">Shared</a>' in out.html
    assert 'class="wikilink new" href="/wiki/Nope/edit"' in out.html
    assert (commons().id, "Main", "Shared") in out.links
    assert (space.id, "Main", "Shared") in out.links


def test_invalid_targets_stay_text(app):
    out = rendering.render_revision_body("[[a/../b]] [[commons:]] [[Foo/]]", commons())
    assert "<a" not in out.html
    assert out.links == []


def test_save_records_and_replaces_links(app, make_page):
    page = make_page("Source", body="[[One]] [[Two]] [[One]]")
    rows = db.session.execute(select(PageLink.to_title).where(PageLink.from_page_id == page.id))
    assert sorted(r[0] for r in rows) == ["One", "Two"]
    make_page("Source", body="[[Two]] [[Three]] `[[Four]]`")
    rows = db.session.execute(select(PageLink.to_title).where(PageLink.from_page_id == page.id))
    assert sorted(r[0] for r in rows) == ["Three", "Two"]
    links.update_links(page, [])
    db.session.commit()
    assert db.session.scalar(select(PageLink.id).where(PageLink.from_page_id == page.id)) is None


def test_red_link_turns_blue_when_target_created_and_red_when_deleted(app, make_page):
    source = make_page("Source", body="See [[Target]].")
    assert "wikilink new" in rendering.html_for(current(source))
    target = make_page("Target")
    revision = current(source)
    db.session.refresh(revision)
    assert revision.html is None  # invalidated by the creation
    assert '<a class="wikilink" href="/wiki/Target">' in rendering.html_for(revision)
    services.delete_page(target, None)
    db.session.commit()
    db.session.refresh(revision)
    assert "wikilink new" in rendering.html_for(revision)
    services.restore_page(target, None)
    db.session.commit()
    db.session.refresh(revision)
    assert '<a class="wikilink" href="/wiki/Target">' in rendering.html_for(revision)


def test_invalidate_linkers_only_touches_linkers(app, make_page):
    linker = make_page("Linker", body="[[Target]]")
    other = make_page("Other", body="[[Elsewhere]]")
    rendering.html_for(current(linker))
    rendering.html_for(current(other))
    db.session.commit()
    links.invalidate_linkers(commons().id, "Main", "Target")
    db.session.commit()
    assert current(linker).html is None
    assert current(other).html is not None


def test_html_for_is_free_when_fresh_and_renders_when_stale(app, make_page):
    page = make_page("Fresh", body="**x** [[Fresh]]")
    revision = current(page)
    rendering.html_for(revision)
    db.session.commit()
    revision = current(page)
    with count_queries() as statements:
        html = rendering.html_for(revision)
    assert statements == [] and "<strong>x</strong>" in html
    revision.renderer_version = rendering.RENDERER_VERSION - 1
    revision.html = "<p>old</p>"
    db.session.commit()
    assert "<strong>x</strong>" in rendering.html_for(revision)
    assert revision.renderer_version == rendering.RENDERER_VERSION


def test_backlinks_filtered_by_reader(app, make_page, make_space, make_user):
    target = make_page("Target")
    make_page("Public linker", body="[[Target]]")
    make_page("Self", body="[[Self]]")
    gone = make_page("Deleted linker", body="[[Target]]")
    services.delete_page(gone, None)
    member = make_user("member")
    secret = make_space("secret", visibility="private", members={member: "editor"})
    make_page("Secret linker", space=secret, body="[[commons:Target]]")
    make_page("Local target", space=secret, body="[[Target]]")  # its own Target, not ours
    db.session.commit()
    from flask_login import AnonymousUserMixin
    anonymous = AnonymousUserMixin()
    assert [p.title for p in links.backlinks(target, anonymous)] == ["Public linker"]
    assert [p.title for p in links.backlinks(target, member)] == ["Public linker",
                                                                  "Secret linker"]


def test_backlinks_view_hides_private_linkers(app, client, make_page, make_space, make_user,
                                              auth):
    make_page("Target")
    member = make_user("member")
    secret = make_space("secret", visibility="private", members={member: "editor"})
    make_page("Hidden linker", space=secret, body="[[commons:Target]]")
    make_page("Visible linker", body="[[Target]]")
    response = client.get("/wiki/Target/backlinks")
    assert response.status_code == 200
    assert b"Visible linker" in response.data and b"Hidden linker" not in response.data
    auth.login("member")
    assert b"Hidden linker" in client.get("/wiki/Target/backlinks").data


def test_hostile_page_renders_safely_in_the_view(app, client, make_page):
    make_page('Quote "and" & \'apostrophe\'',
              body='<script>alert(1)</script> [[Foo|<img src=x onerror=alert(1)>]] '
                   '[x](javascript:alert(1)) {{ config }}')
    response = client.get("/wiki/Quote_%22and%22_%26_'apostrophe'")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "<script>alert(1)" not in text and "onerror=alert" not in text.replace(
        "&lt;img src=x onerror=alert(1)&gt;", "")
    assert "javascript:" not in text
    assert "{{ config }}" in text
    assert "Quote &#34;and&#34; &amp; &#39;apostrophe&#39;" in text
    assert parse("Foo").title == "Foo"


def test_embeds_resolve_the_pages_attachments(app, make_page):
    import io

    from wiki import attachments
    page = make_page("Gallery", body="![[photo.png|A photo]] [[File:report.pdf]] ![[none.png]]")
    attachments.attach_file(page, "photo.png", io.BytesIO(b"\x89PNG\r\n\x1a\nfake"), None)
    db.session.commit()
    html = rendering.html_for(current(page))
    assert '<img alt="A photo" class="embed" src="/wiki/Gallery/attachments/photo.png">' in html
    assert '<span class="attachment new">report.pdf</span>' in html
    assert '<span class="attachment new">none.png</span>' in html
