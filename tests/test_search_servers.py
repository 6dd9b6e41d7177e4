"""Two app servers sharing one PostgreSQL (SEARCH_BACKEND=postgres): what is
written through either is found through both, also when they write at once."""
import threading

import pytest

from tests.conftest import ON_POSTGRES

pytestmark = [
    pytest.mark.skipif(not ON_POSTGRES, reason="two servers share one PostgreSQL: needs "
                                               "TEST_DATABASE_URL=postgresql+psycopg://..."),
    pytest.mark.config(SEARCH_BACKEND="postgres"),
]


def test_writes_through_either_server_are_found_through_both(app, app_factory, make_user,
                                                             api_token, tmp_path):
    headers = api_token(make_user("writer"))
    second = app_factory(SEARCH_BACKEND="postgres", INSTANCE_PATH=str(tmp_path / "second"))
    servers = [app.test_client(), second.test_client()]
    errors = []

    def write(server_number, client):
        try:
            for number in range(8):
                response = client.put(
                    f"/api/v1/pages/Server_{server_number}_note_{number}",
                    json={"body": f"Twinserver words {server_number} {number}.",
                          "summary": "test"}, headers=headers)
                assert response.status_code == 201, response.get_data(as_text=True)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=write, args=(i, c)) for i, c in enumerate(servers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors
    for client in servers:
        body = client.get("/api/v1/search?q=twinserver").get_json()
        assert body["total"] == 16
        titles = {r["title"] for r in client.get("/api/v1/search?q=twinserver&page=1")
                  .get_json()["results"]}
        assert len(titles) == 16
        assert client.get("/search/suggest?q=server 1 note").get_json()
