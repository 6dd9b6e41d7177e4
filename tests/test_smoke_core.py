def test_home_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert b'<html lang="en">' in response.data


def test_commons_exists_after_init(app):
    from app.spaces.services import commons
    assert commons().slug == "commons"
