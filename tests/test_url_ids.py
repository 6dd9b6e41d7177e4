"""Ids past the database's 32-bit range are missing things (404), never a 500."""
import pytest

HUGE = 2**31


@pytest.mark.parametrize("path", [
    f"/forum/t/{HUGE}", f"/forum/t/{HUGE}.atom", f"/news/{HUGE}", f"/news/{HUGE}-slug",
    f"/messages/{HUGE}", f"/api/v1/messages/{HUGE}", f"/wiki/Main_Page/revert/{HUGE}",
])
def test_ids_past_the_integer_range_are_404(client, auth, make_user, path):
    make_user("reader")
    auth.login("reader")
    response = client.get(path)
    assert response.status_code == 404
    # POST: a refused token (400) or method (405) may answer first, never a 500
    assert client.post(path).status_code in (400, 404, 405)


def test_a_huge_before_is_400(client):
    assert client.get(f"/recent?before={HUGE * 2}").status_code == 400
    assert client.get(f"/api/v1/recent?before={HUGE * 2}").status_code == 400


def test_a_huge_id_on_a_route_that_takes_posts_is_404(client, make_user, api_token):
    headers = api_token(make_user("writer"))
    response = client.post(f"/api/v1/messages/{HUGE}", headers=headers, json={"body": "Hi"})
    assert response.status_code == 404
