"""Nonsense in the query string of any list, filter or record URL is a 4xx or
is ignored, never a 500 (on PostgreSQL an out-of-range number is a database
error unless the code refuses it first)."""
import itertools

import pytest

NASTY = [
    '1e309',
    'NaN',
    '-1',
    '99999999999999999999',
    '%00',
    'x',
    '',
    '2147483648',
    '0',
    '<script>',
    'inf',
    '1,5',
    "9" * 400,
]
URLS = [
    "/ns/Schemes?members_min={v}",
    "/ns/Schemes?year_started_max={v}",
    "/ns/Schemes?sort={v}",
    "/ns/Schemes?country={v}",
    "/ns/Schemes.csv?members_max={v}",
    "/ns/Library?year_min={v}&page={v}",
    "/ns/Country?indicator={v}",
    "/api/v1/records/Schemes?members_min={v}",
    "/api/v1/records/Schemes?page={v}",
    "/api/v1/records/Schemes?per_page={v}",
    "/people?page={v}",
    "/people?country={v}",
    "/people?expertise={v}",
    "/people?language={v}",
    "/people?sort={v}",
    "/api/v1/people?page={v}",
    "/forum/?page={v}",
    "/forum/general/?page={v}",
    "/news?page={v}",
    "/api/v1/news?page={v}",
    "/forum/t/1?page={v}",
    "/forum/t/1?quote={v}",
    "/messages?page={v}",
    "/moderation?page={v}",
    "/admin/audit?page={v}&actor={v}&action={v}",
    "/ns/Glossary?letter={v}",
    "/ns/Knowledge?x={v}",
    "/search?q={v}&page={v}",
    "/api/v1/search?q={v}&page={v}",
    "/api/v1/glossary/{v}",
    "/wiki/Country:Senegal?rev={v}",
    "/u/demo-amina/photo?size={v}",
    "/recent?limit={v}",
    "/ns/Country/new?iso2={v}",
    "/language/{v}?next={v}",
    "/wiki/Knowledge:Mechanisms/key-questions",
]


@pytest.mark.parametrize("who", [None, "probe-admin"], ids=["anonymous", "admin"])
def test_nonsense_query_values_never_fail(app, client, runner, make_user, auth, who):
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    app.config["PROPAGATE_EXCEPTIONS"] = False
    app.testing = False
    make_user("probe-admin", role="admin")
    if who:
        auth.login(who)
    bad = []
    for url, v in itertools.product(URLS, NASTY):
        u = url.replace("{v}", v)
        r = client.get(u)
        if r.status_code >= 500:
            bad.append((who, u, r.status_code))
    assert not bad, "\n".join(map(str, bad))
