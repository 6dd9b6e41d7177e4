"""No leak: a private workspace's forum, threads, Talk and activity are 404 or
absent for outsiders everywhere; members see them. The Talk of wiki pages."""
import pytest

from app.extensions import db

SECRET = "Zebracorn plans"


@pytest.fixture
def private(make_user, make_workspace, make_category, make_thread, make_reply, make_page):
    owner, member = make_user("olga"), make_user("vic")
    make_user("out")
    make_user("mod", role="moderator")
    space = make_workspace("secret", owner, visibility="private", members={member: "viewer"})
    category = make_category(space=space, name="Plans")
    thread = make_thread(member, category, title=SECRET, body="Hidden body")
    make_reply(thread, owner, "Hidden reply")
    page = make_page("Main Page", body="Private page", space=space, author=owner)
    talk = make_thread(member, page=page, title="Secret talk")
    return {"space": space, "thread": thread, "talk": talk, "page": page}


def urls(private):
    thread, talk = private["thread"], private["talk"]
    return ["/w/secret/forum/", "/w/secret/forum/plans/", "/w/secret/forum/plans/new",
            f"/w/secret/forum/t/{thread.id}", f"/w/secret/forum/t/{talk.id}",
            "/w/secret/forum.atom", "/w/secret/forum/plans.rss",
            f"/w/secret/forum/t/{thread.id}.atom", "/w/secret/wiki/Main_Page/talk",
            "/w/secret/forum/categories"]


@pytest.mark.parametrize("who", [None, "out", "mod"])
def test_outsiders_get_404_everywhere(client, auth, private, who):
    if who:
        auth.login(who)
    for url in urls(private):
        assert client.get(url).status_code == 404, url
    thread = private["thread"]
    assert client.post(f"/w/secret/forum/t/{thread.id}/reply",
                       data={"body": "x"}).status_code in (404, 302)
    # Nor at the site forum's addresses.
    assert client.get(f"/forum/t/{thread.id}").status_code == 404
    for url in ("/recent", "/forum/", "/recent.atom", "/u/vic/activity", "/search?q=Zebracorn"):
        assert SECRET not in client.get(url).get_data(as_text=True), url


def test_members_see_it_all(client, auth, private):
    auth.login("vic")
    for url in urls(private)[:-1]:
        assert client.get(url).status_code == 200, url
    assert SECRET in client.get("/recent").get_data(as_text=True)
    assert SECRET in client.get("/w/secret/").get_data(as_text=True)  # the home panel
    assert "Discussion (1)" in client.get("/w/secret/wiki/Main_Page").get_data(as_text=True)
    assert SECRET in client.get("/search?q=Zebracorn").get_data(as_text=True)


def test_a_feed_token_opens_the_private_feed(client, private):
    from app.accounts.services import user_by_name
    from feeds.tokens import regenerate_feed_token
    token = regenerate_feed_token(user_by_name("vic"))
    other = regenerate_feed_token(user_by_name("out"))
    db.session.commit()
    assert client.get(f"/w/secret/forum.atom?token={token}").status_code == 200
    assert client.get(f"/w/secret/forum.atom?token={other}").status_code == 404


def test_talk_tab_counts_live_threads(client, auth, make_user, make_page, make_thread):
    ana = make_user("ana")
    page = make_page("Library:Health financing", body="Text.")
    html = client.get("/wiki/Library:Health_financing").get_data(as_text=True)
    assert "Discussion (0)" in html and "/wiki/Library:Health_financing/talk" in html
    first = make_thread(ana, page=page, title="Sources?")
    make_thread(ana, page=page, title="Figures for 2024")
    assert "Discussion (2)" in client.get("/wiki/Library:Health_financing").get_data(as_text=True)
    from community.forum import moderation
    moderation.delete_thread(first, make_user("mod", role="moderator"))
    db.session.commit()
    assert "Discussion (1)" in client.get("/wiki/Library:Health_financing").get_data(as_text=True)
    talk = client.get("/wiki/Library:Health_financing/talk").get_data(as_text=True)
    assert "Figures for 2024" in talk and "Sources?" not in talk


def test_start_a_talk_thread(client, auth, make_user, make_page):
    make_user("ana")
    make_page("Glossary:Premium", body="A premium is...")
    assert client.get("/wiki/Glossary:Premium/talk").status_code == 200
    assert client.get("/wiki/Glossary:Nothing/talk").status_code == 404
    assert client.get("/wiki/Glossary:premium/talk").status_code == 301
    auth.login("ana")
    response = client.post("/wiki/Glossary:Premium/talk",
                           data={"title": "Definition", "body": "Is it annual?"})
    assert response.status_code == 302
    thread_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "/wiki/Glossary:Premium/talk" in thread_page  # the breadcrumb back
    assert "Definition" in client.get("/wiki/Glossary:Premium/talk").get_data(as_text=True)
    response = client.post("/wiki/Glossary:Premium/talk", data={"title": "", "body": "kept"})
    assert response.status_code == 422 and "kept" in response.get_data(as_text=True)


def test_workspace_talk_and_deleted_page(client, auth, make_user, make_workspace, make_page,
                                        make_thread):
    owner = make_user("olga")
    space = make_workspace("coop", owner)
    page = make_page("Plan", space=space, author=owner)
    make_thread(owner, page=page, title="About the plan")
    assert "About the plan" in client.get("/w/coop/wiki/Plan/talk").get_data(as_text=True)
    from wiki.services import delete_page
    delete_page(page, owner)
    db.session.commit()
    assert client.get("/w/coop/wiki/Plan/talk").status_code == 404


def test_activity_of_threads_and_replies(client, auth, make_user, make_category, make_thread,
                                        make_reply):
    ana, bo = make_user("ana"), make_user("bo")
    thread = make_thread(ana, make_category(), title="Visible topic")
    make_reply(thread, bo, "reply")
    recent = client.get("/recent").get_data(as_text=True)
    assert "ana started the discussion" in recent or "started the discussion" in recent
    assert "replied in" in recent and f"/forum/t/{thread.id}" in recent
    assert "Visible topic" in client.get("/u/bo/activity").get_data(as_text=True)
    from community.forum import moderation
    moderation.delete_thread(thread, make_user("mod", role="moderator"))
    db.session.commit()
    assert "Visible topic" not in client.get("/recent").get_data(as_text=True)
    assert "Visible topic" not in client.get("/u/bo/activity").get_data(as_text=True)
    auth.login("mod")
    assert "Visible topic" in client.get("/recent").get_data(as_text=True)


def test_workspace_home_links_its_forum(client, make_user, make_workspace):
    make_workspace("coop", make_user("olga"))
    assert 'href="/w/coop/forum/"' in client.get("/w/coop/").get_data(as_text=True)
