"""/people: the member directory."""


def test_directory_lists_active_members_and_searches(client, make_user):
    make_user("ana", display_name="Ana Sow", organisation="Mutuelle de Thiès", country="SN")
    make_user("bob", display_name="Bob Li", country="CN")
    blocked = make_user("eve", display_name="Eve Hidden")
    from app.extensions import db
    from app.timeutil import utcnow
    blocked.blocked_at = utcnow()
    db.session.commit()
    html = client.get("/people").get_data(as_text=True)
    assert "Ana Sow" in html and "Bob Li" in html and "Eve Hidden" not in html
    found = client.get("/people?q=thi%C3%A8s").get_data(as_text=True)
    assert "Ana Sow" in found and "Bob Li" not in found
    by_country = client.get("/people?country=CN").get_data(as_text=True)
    assert "Bob Li" in by_country and "Ana Sow" not in by_country


def test_directory_paginates_and_ignores_nonsense(client, make_user):
    for number in range(35):
        make_user(f"member{number:02d}")
    first = client.get("/people").get_data(as_text=True)
    assert 'rel="next"' in first and "member00" in first and "member34" not in first
    assert "member34" in client.get("/people?page=2").get_data(as_text=True)
    assert client.get("/people?page=abc&country=ZZZ").status_code == 200
    assert client.get("/people?country=%00").status_code == 400
