"""Indexing after commit through the durable queue: crash repair at start-up
and in ``flask init``, ``flask reindex``, ``flask check``, and several
processes writing at once."""
import multiprocessing

from sqlalchemy import func, select

from app.extensions import db
from app.search.models import SearchQueueEntry
from tests.fixtures.search import BACKENDS

pytestmark = BACKENDS


def queued():
    return db.session.scalar(select(func.count()).select_from(SearchQueueEntry))


def test_rows_are_queued_in_the_transaction_and_drained_after_commit(backend, make_page,
                                                                     find):
    make_page("Queued", body="Drained words.")
    assert queued() == 0
    assert find("drained").total == 1


def test_a_crash_before_indexing_is_repaired_at_start_up(backend, app, app_factory,
                                                         make_page, find):
    app.config["SEARCH_INDEX_AFTER_COMMIT"] = False  # the process "dies" after commit
    make_page("Survivor", body="Phoenix words.")
    assert queued() >= 1
    assert find("phoenix").total == 0
    restarted = app_factory(SEARCH_BACKEND=backend)
    assert restarted.test_client().get("/").status_code == 200
    assert queued() == 0
    assert find("phoenix").total == 1


def test_flask_init_applies_leftover_rows(backend, app, runner, make_page, find):
    app.config["SEARCH_INDEX_AFTER_COMMIT"] = False
    make_page("Leftover", body="Remnant words.")
    app.config["SEARCH_INDEX_AFTER_COMMIT"] = True
    result = runner.invoke(args=["init"])
    assert result.exit_code == 0, result.output
    assert queued() == 0 and find("remnant").total == 1


def test_reindex_rebuilds_from_the_database(backend, app, runner, make_page, index_docs,
                                            find):
    from app.search.documents import SearchDoc
    make_page("Rebuilt", body="Rebuilt words.")
    index_docs(SearchDoc(kind="page", id=9999, title="Ghost", url="/wiki/Ghost", space_id=1,
                         body="Rebuilt ghost."))
    assert find("rebuilt").total == 2
    result = runner.invoke(args=["reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexed" in result.output
    assert [h.title for h in find("rebuilt").hits] == ["Rebuilt"]


def test_check_reports_missing_stale_and_extra_documents(backend, app, runner, make_page,
                                                         index_docs, find):
    from sqlalchemy.orm import Session

    from app import search
    from app.search.documents import SearchDoc
    kept = make_page("Kept", body="Kept words.")
    lost = make_page("Lost", body="Lost words.")
    with Session(db.engine) as session:
        with search.backend().batch(session) as batch:
            batch.apply({f"page:{lost.id}": None})
        session.commit()
    index_docs(SearchDoc(kind="page", id=kept.id, title="Kept", url="/wiki/Kept",
                         space_id=kept.space_id, body="Old words."),
               SearchDoc(kind="page", id=777, title="Extra", url="/wiki/Extra", space_id=1))
    result = runner.invoke(args=["check"])
    lines = [line for line in result.output.splitlines() if line.startswith("search:")]
    assert result.exit_code == 1
    assert any("missing" in line and f"page:{lost.id}" in line for line in lines)
    assert any("stale" in line and f"page:{kept.id}" in line for line in lines)
    assert any("extra" in line and "page:777" in line for line in lines)
    runner.invoke(args=["check", "--repair"])
    result = runner.invoke(args=["check"])
    assert not [line for line in result.output.splitlines() if line.startswith("search:")]
    assert find("lost").total == 1 and find("old").total == 0


def _write_pages(config, worker, count):
    """A separate process: its own app, writing pages through the wiki's services."""
    from app import create_app
    from app.spaces.services import commons
    from wiki.services import run_in_transaction, save_page
    from wiki.titles import parse
    app = create_app(config)
    with app.app_context():
        for number in range(count):
            run_in_transaction(lambda: save_page(
                commons(), parse(f"Worker {worker} page {number}"),
                f"Concurrentmarker text {worker} {number}.", None))
        db.engine.dispose()


def test_several_processes_write_at_once_without_losing_updates(backend, app, find):
    config = {key: app.config[key] for key in (
        "TESTING", "SECRET_KEY", "DATABASE_URL", "SEARCH_BACKEND", "PASSWORD_HASH_METHOD",
        "WTF_CSRF_ENABLED", "RATELIMIT_ENABLED", "BASE_URL")}
    config["INSTANCE_PATH"] = app.instance_path
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_write_pages, args=(config, worker, 6))
               for worker in range(4)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(120)
        assert process.exitcode == 0
    assert queued() == 0
    results = find("concurrentmarker")
    differences = index_differences(app)
    # On failure, say whether the index lost a document ("missing") or the search did.
    assert results.total == 24, differences
    assert not differences


def index_differences(app):
    """The lines of ``flask check`` about the search index: none when it matches."""
    result = app.test_cli_runner().invoke(args=["check"])
    return [line for line in result.output.splitlines() if line.startswith("search:")]
