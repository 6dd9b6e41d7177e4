"""A storm of concurrent saves to one page from several processes sharing the
database (SQLite in WAL mode, or PostgreSQL with TEST_DATABASE_URL).

Every worker edits its own line of the page through the JSON API, always
sending the revision it read as ``base_rev``; saves that raced are merged three
ways. Afterwards: no server error, every acknowledged save is in the history,
revisions are numbered 1..N without fork or gap, and the last text holds every
worker's last word."""
import multiprocessing
import re

import pytest
from sqlalchemy import select

from app.extensions import db
from tests.conftest import base_config
from wiki.models import Page, Revision

WORKERS = 4
SAVES = 12
TITLE = "Storm"


def initial_body():
    return "".join(f"worker {k}: start\n\n" for k in range(WORKERS))


def _worker(index, instance_path, url, headers, barrier, results):
    """One process: its own app (own engine and connections), many saves."""
    from app import create_app
    config = base_config(instance_path, url)
    config["SEARCH_INDEX_AFTER_COMMIT"] = False
    app = create_app(config)
    client = app.test_client()
    acknowledged, errors = [], []
    barrier.wait(timeout=30)
    for count in range(SAVES):
        for _attempt in range(20):
            current = client.get(f"/api/v1/pages/{TITLE}")
            if current.status_code != 200:
                errors.append(("get", current.status_code))
                break
            data = current.get_json()
            body = re.sub(rf"^worker {index}: .*$", f"worker {index}: {count}", data["body"],
                          flags=re.M)
            response = client.put(f"/api/v1/pages/{TITLE}", headers=headers, json={
                "body": body, "base_rev": data["rev"], "summary": f"w{index} c{count}"})
            if response.status_code == 200:
                acknowledged.append((response.get_json()["rev"], count,
                                     response.get_json()["merged"]))
                break
            if response.status_code != 409:
                errors.append(("put", response.status_code, response.get_data(as_text=True)[:300]))
                break
    with app.app_context():
        db.engine.dispose()
    results.put((index, acknowledged, errors))


@pytest.mark.slow
@pytest.mark.config(SEARCH_INDEX_AFTER_COMMIT=False)
def test_concurrent_saves_keep_every_revision(app, make_user, api_token, make_page):
    owner = make_user("storm")
    make_page(TITLE, body=initial_body(), author=owner)
    headers = api_token(owner)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    # Children open their own connections; none may be shared across the fork.
    db.session.remove()
    db.engine.dispose()

    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=_worker, args=(k, app.instance_path, url, headers,
                                                       barrier, results))
                 for k in range(WORKERS)]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=30)
        assert process.exitcode == 0

    errors = [error for _index, _acks, errs in outcomes for error in errs]
    assert errors == []
    page = db.session.scalar(select(Page).where(Page.title == TITLE))
    revisions = db.session.scalars(select(Revision).where(Revision.page_id == page.id)
                                   .order_by(Revision.number)).all()
    numbers = [r.number for r in revisions]
    assert numbers == list(range(1, len(numbers) + 1))
    assert page.head_number == numbers[-1]
    assert page.current_revision_id == revisions[-1].id

    by_number = {r.number: r for r in revisions}
    acknowledged = 0
    for index, acks, _errors in outcomes:
        assert len(acks) == SAVES, f"worker {index} lost saves"
        for rev, count, _merged in acks:
            acknowledged += 1
            assert f"worker {index}: {count}\n" in by_number[rev].body
        revs = [rev for rev, _count, _merged in acks]
        assert revs == sorted(revs) and len(set(revs)) == len(revs)
    # Every acknowledged save is its own revision (no-op saves are impossible here).
    assert len(revisions) == 1 + acknowledged
    final = revisions[-1].body
    for index in range(WORKERS):
        assert f"worker {index}: {SAVES - 1}\n" in final
    # Parents are recorded: each revision was based on an existing earlier one.
    assert all(r.parent_number is None or r.parent_number < r.number for r in revisions)


def _creator(index, instance_path, url, headers, barrier, results):
    from app import create_app
    config = base_config(instance_path, url)
    config["SEARCH_INDEX_AFTER_COMMIT"] = False
    app = create_app(config)
    client = app.test_client()
    barrier.wait(timeout=30)
    response = client.put("/api/v1/pages/Born_twice", headers=headers,
                          json={"body": "The same first text.\n", "summary": f"c{index}"})
    with app.app_context():
        db.engine.dispose()
    results.put(response.status_code)


@pytest.mark.slow
def test_concurrent_creation_makes_one_page(app, make_user, api_token):
    headers = api_token(make_user("maker"))
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    db.session.remove()
    db.engine.dispose()
    context = multiprocessing.get_context("fork")
    barrier, results = context.Barrier(WORKERS), context.Queue()
    processes = [context.Process(target=_creator, args=(k, app.instance_path, url, headers,
                                                        barrier, results))
                 for k in range(WORKERS)]
    for process in processes:
        process.start()
    statuses = sorted(results.get(timeout=60) for _ in processes)
    for process in processes:
        process.join(timeout=30)
    # One creates; the others merge the identical text against an empty base.
    assert statuses == [200] * (WORKERS - 1) + [201]
    page = db.session.scalar(select(Page).where(Page.title == "Born twice"))
    assert page.head_number == 1
