"""Every stream as Atom 1.0 and RSS 2.0: well formed, complete, escaped, absolute."""
import re
import xml.etree.ElementTree as ET

import pytest

from app.extensions import db
from wiki import services as wiki

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site(app, make_user, make_page, make_workspace):
    """A commons page edited twice (tagged), a public workspace with a page and a
    published post, and a tricky title."""
    from workspaces import services as ws
    ana = make_user("ana", display_name="Ana <Añez> & \"Co\"")
    bob = make_user("bob")
    make_page("Library:Health financing", body="alpha\nbeta\n", author=ana, summary="first",
              tags=["health"])
    make_page("Library:Health financing", body="alpha\ngamma\n", author=bob,
              summary="fix <b>&amp;</b>", tags=["health"])
    make_page("Glossary:Ça & là \"quoted\" 'x'", body="x", author=ana)
    space = make_workspace("health", ana)
    make_page("Notes", body="team notes", author=ana, space=space)
    ws.create_post(space, ana, "Launch & <news>", body="Hello **world** <script>x</script>",
                   status="published", tags=["health"])
    db.session.commit()
    return {"ana": ana, "bob": bob, "space": space}


STREAMS = ["/recent", "/wiki/Library:Health_financing/history", "/ns/Library",
           "/ns/Glossary", "/w/health/activity", "/w/health/blog", "/u/ana/activity",
           "/tags/health", "/w/health/wiki/Notes/history", "/w/health/ns/Main",
           "/w/health/tags/health"]


@pytest.mark.parametrize("stream", STREAMS)
def test_atom_is_complete(site, read_feed, stream):
    response, parsed = read_feed(stream + ".atom")
    assert response.mimetype == "application/atom+xml"
    assert parsed.version == "atom10"
    root = ET.fromstring(response.data)
    for name in ("id", "title", "updated", "author"):
        assert root.find(ATOM + name) is not None, name
    links = {link.get("rel"): link.get("href") for link in root.findall(ATOM + "link")}
    assert links["self"].startswith("http://localhost/") and stream in links["self"]
    assert links["alternate"].startswith("http://localhost/")
    entries = root.findall(ATOM + "entry")
    assert entries, stream
    for entry in entries:
        for name in ("id", "title", "updated", "link"):
            assert entry.find(ATOM + name) is not None, name
        assert entry.find(ATOM + "link").get("href").startswith("http://localhost/")
        assert re.match(r"tag:localhost,\d{4}-\d\d-\d\d:(activity|post)/\d+$",
                        entry.find(ATOM + "id").text)
        assert entry.find(ATOM + "author/" + ATOM + "name").text
    assert parsed.entries[0].updated_parsed is not None


@pytest.mark.parametrize("stream", STREAMS)
def test_rss_is_complete(site, read_feed, stream):
    response, parsed = read_feed(stream + ".rss")
    assert response.mimetype == "application/rss+xml"
    assert parsed.version == "rss20"
    channel = ET.fromstring(response.data).find("channel")
    for name in ("title", "link", "description"):
        assert channel.find(name) is not None and channel.find(name).text, name
    self_link = channel.find(ATOM + "link")
    assert self_link.get("rel") == "self" and self_link.get("href").startswith("http://")
    assert self_link.get("type") == "application/rss+xml"
    assert channel.find("link").text != self_link.get("href")  # the HTML page
    items = channel.findall("item")
    assert items
    for item in items:
        assert item.find("guid").text and item.find("guid").get("isPermaLink") == "false"
        assert re.match(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d [+-]\d{4}",
                        item.find("pubDate").text)
        assert item.find("link").text.startswith("http://localhost/")
        assert item.find("title").text


def test_special_characters_escape(site, read_feed):
    response, parsed = read_feed("/ns/Glossary.atom")
    assert parsed.entries[0].title.endswith("Ça & là \"quoted\" 'x'")
    assert "Ana <Añez> & \"Co\"" in parsed.entries[0].author
    _response, rss = read_feed("/ns/Glossary.rss")
    assert rss.entries[0].title.endswith("Ça & là \"quoted\" 'x'")
    _response, blog = read_feed("/w/health/blog.rss")
    assert blog.entries[0].title == "Launch & <news>"


def test_edit_entry_carries_summary_and_escaped_diff(site, read_feed):
    _response, parsed = read_feed("/wiki/Library:Health_financing/history.atom")
    newest = parsed.entries[0]
    assert newest.summary == "fix &lt;b&gt;&amp;amp;&lt;/b&gt;"  # HTML showing the text
    content = newest.content[0].value
    assert "-beta" in content and "+gamma" in content
    assert "fix &lt;b&gt;&amp;amp;&lt;/b&gt;" in content  # escaped inside the HTML
    assert "/diff?from=1&to=2" in newest.link


def test_blog_feed_has_full_sanitised_content(site, read_feed):
    _response, parsed = read_feed("/w/health/blog.atom")
    entry = parsed.entries[0]
    assert entry.title == "Launch & <news>"
    assert "<strong>world</strong>" in entry.content[0].value
    assert "<script>" not in entry.content[0].value
    assert entry.link == "http://localhost/w/health/blog/" + entry.link.rsplit("/", 1)[1]
    # Tagged posts are in the tag's stream too.
    _response, tagged = read_feed("/tags/health.atom")
    assert any(e.link == entry.link for e in tagged.entries)
    _response, scoped = read_feed("/w/health/tags/health.atom")
    assert {e.link for e in scoped.entries} == {entry.link}


def test_entry_ids_are_stable(site, read_feed, make_page):
    _r, first = read_feed("/recent.atom")
    make_page("Library:Other", author=site["bob"])
    _r, second = read_feed("/recent.atom")
    assert [e.id for e in first.entries] == [e.id for e in second.entries][1:]


def test_limit(site, read_feed, client):
    _r, parsed = read_feed("/recent.atom?limit=2")
    assert len(parsed.entries) == 2
    _r, parsed = read_feed("/recent.rss?limit=0")
    assert len(parsed.entries) == 1
    _r, parsed = read_feed("/recent.atom?limit=100000")
    assert len(parsed.entries) == len(read_feed("/recent.atom?limit=200")[1].entries)
    assert client.get("/recent.atom?limit=abc").status_code == 400


def test_unreadable_streams_are_404(site, client, make_user, make_page):
    from workspaces import services as ws
    space = site["space"]
    ws.update_workspace(space, site["ana"], visibility="private")
    db.session.commit()
    for url in ("/w/health/activity.atom", "/w/health/blog.rss",
                "/w/health/wiki/Notes/history.atom", "/wiki/Nope/history.atom",
                "/ns/Nowhere.atom", "/tags/Bad_Tag.atom", "/u/nobody/activity.rss",
                "/w/nowhere/activity.atom"):
        assert client.get(url).status_code == 404, url
    page = make_page("Library:Doomed", author=site["ana"])
    wiki.delete_page(page, site["ana"])
    db.session.commit()
    assert client.get("/wiki/Library:Doomed/history.atom").status_code == 404


def test_private_workspace_disappears_from_public_feeds_at_once(site, read_feed):
    from workspaces import services as ws
    _r, parsed = read_feed("/recent.atom")
    assert any("/w/health/" in e.link for e in parsed.entries)
    ws.update_workspace(site["space"], site["ana"], visibility="private")
    db.session.commit()
    _r, parsed = read_feed("/recent.atom")
    assert not any("/w/health/" in e.link for e in parsed.entries)
    _r, parsed = read_feed("/tags/health.rss")
    assert not any("/w/health/" in e.link for e in parsed.entries)
    _r, parsed = read_feed("/w/health/tags/health.rss", status=404)


def test_names_titles_and_summaries_stay_text_in_entry_html(app, make_user, make_page,
                                                            make_workspace, read_feed):
    """A title, a workspace's name or an edit summary is text: inside an entry's
    HTML (Atom content, RSS description and content:encoded) it arrives escaped."""
    from workspaces import services as ws
    ana = make_user("ana")
    space = make_workspace("tricky", ana, name="X<script>alert(1)</script>")
    ws.create_post(space, ana, 'T<img src=x onerror="alert(2)">', body="b",
                   status="published")
    make_page("Sandbox", body="one", author=ana)
    make_page("Sandbox", body="two", author=ana, summary="S<script>alert(3)</script>")
    db.session.commit()
    for stream in ("/recent", "/w/tricky/activity", "/u/ana/activity",
                   "/wiki/Sandbox/history"):
        _r, atom = read_feed(stream + ".atom")
        _r, rss = read_feed(stream + ".rss")
        assert atom.entries and rss.entries
        for entry in atom.entries + rss.entries:
            html = [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]
            for fragment in html:
                assert "<script" not in fragment and "<img" not in fragment, (stream, fragment)
    _r, history = read_feed("/wiki/Sandbox/history.rss")
    assert history.entries[0].summary == "S&lt;script&gt;alert(3)&lt;/script&gt;"
    _r, activity = read_feed("/w/tricky/activity.atom")
    assert any("&lt;script&gt;alert(1)" in e.content[0].value for e in activity.entries)


def test_relative_links_in_entry_html_become_absolute(app, make_user, make_workspace,
                                                      read_feed):
    from workspaces import services as ws
    ana = make_user("ana")
    space = make_workspace("links", ana)
    ws.create_post(space, ana, "Linked", status="published",
                   body="See [[Guide]], [the library](/ns/Library) and a note.[^1]\n\n"
                        "[^1]: The note, with [a site link](https://example.org/x).")
    db.session.commit()
    for url in ("/w/links/blog.atom", "/w/links/blog.rss"):
        _r, parsed = read_feed(url)
        entry = parsed.entries[0]
        html = entry.content[0].value if "content" in entry else entry.summary
        hrefs = re.findall(r'(?:href|src)="([^"]*)"', html)
        assert hrefs, html
        absolute = ("http://localhost/", "https://example.org/")
        assert all(h.startswith(absolute) for h in hrefs), hrefs
        assert "http://localhost/w/links/wiki/Guide" in html
        assert "http://localhost/ns/Library" in html
        assert entry.link + "#fn" in html  # a footnote anchor points into the entry's page
