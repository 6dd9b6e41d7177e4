"""Markdown import and export, on real files from the shared data folder
(tldr pages, OpenTelemetry docs) and on a round trip into a fresh site."""
import os
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from app import create_app
from app.extensions import db
from app.spaces.services import commons
from tests.conftest import IN_CI, base_config
from wiki.importexport import split_front_matter
from wiki.models import Page
from wiki.queries import find_page, get_revision
from wiki.titles import parse

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


@pytest.fixture
def shared_data():
    if not (SHARED_DATA / "tldr" / "en").is_dir():
        if IN_CI:
            pytest.fail(f"the shared data folder is missing: {SHARED_DATA}")
        pytest.skip("the shared data folder (../shared/data beside the repository) is absent")
    return SHARED_DATA


@pytest.fixture
def admin(make_user):
    return make_user("root-admin", role="admin")


def page_at(title, space=None):
    return find_page(space or commons(), parse(title))


def body_of(page):
    return get_revision(page).body


def test_tldr_pages_import_hidden_and_odd_names_refused(app, runner, admin, shared_data,
                                                        tmp_path):
    source = shared_data / "tldr" / "en"
    folder = tmp_path / "tldr"
    (folder / "archives").mkdir(parents=True)
    for name in ("git.md", "ls.md", "..md", "[.md", "2to3.md"):
        shutil.copy(source / name, folder / name)
    shutil.copy(source / "tar.md", folder / "archives" / "tar.md")
    (folder / "notes.txt").write_text("not markdown")
    outside = tmp_path / "outside.md"
    outside.write_text("# secret\n")
    os.symlink(outside, folder / "link.md")

    result = runner.invoke(args=["import-markdown", str(folder), "--ns", "Library",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "Imported 4 pages into Library (4 created, 0 updated, 0 unchanged)" in result.output
    assert "refused ..md: invalid title" in result.output
    assert "refused [.md: invalid title" in result.output
    assert "refused link.md: symbolic link" in result.output

    git = page_at("Library:Git")
    assert body_of(git) == (source / "git.md").read_text(encoding="utf-8")
    assert git.language == "en"
    assert page_at("Library:Archives/tar") is not None
    assert page_at("Library:2to3") is not None
    titles = {p.full_title for p in db.session.scalars(select(Page))}
    assert not any("secret" in t or "Link" in t for t in titles)

    # Importing again changes nothing.
    again = runner.invoke(args=["import-markdown", str(folder), "--ns", "Library"])
    assert "(0 created, 0 updated, 4 unchanged)" in again.output


def test_french_tldr_with_lang_option(app, runner, admin, shared_data, tmp_path):
    folder = tmp_path / "fr"
    folder.mkdir()
    shutil.copy(shared_data / "tldr" / "fr" / "tar.md", folder / "tar.md")
    result = runner.invoke(args=["import-markdown", str(folder), "--ns", "Help", "--lang", "fr",
                                 "--user", "root-admin"])
    assert result.exit_code == 0, result.output
    page = page_at("Help:Tar")
    assert page.language == "fr"
    assert get_revision(page).author.username == "root-admin"


def test_otel_docs_front_matter_and_folder_pages(app, runner, admin, shared_data, tmp_path):
    folder = tmp_path / "community"
    shutil.copytree(shared_data / "otel-docs" / "en" / "community", folder)
    (folder / "tagged.md").write_text(
        "---\ntitle: A tagged page\ntags: [Health Financing, micro]\nlang: pt-BR\n"
        "owner: someone\n---\nBody text.\n", encoding="utf-8")
    result = runner.invoke(args=["import-markdown", str(folder), "--ns", "Knowledge"])
    assert result.exit_code == 0, result.output
    assert "refused 0 files" in result.output
    # The folder's _index.md is the folder's page, named by its front-matter title,
    # and the files inside it are its subpages.
    root = page_at("Knowledge:Community")
    assert root is not None
    end_user = page_at("Knowledge:End-user resources")
    assert end_user is not None
    sub = db.session.scalars(select(Page.title).where(
        Page.title.like("End-user resources/%"))).all()
    assert len(sub) == 3
    assert page_at("Knowledge:Members of the OpenTelemetry Project") is not None
    # Other front matter stays in the body; title is taken out.
    metadata, rest = split_front_matter(body_of(root))
    assert metadata == {"menu": {"main": {"weight": 40}}, "cascade": {"type": "docs"}}
    assert "{{% community-lists %}}" in rest
    tagged = page_at("Knowledge:A tagged page")
    assert tagged.tag_names == ["health-financing", "micro"]
    assert tagged.language == "pt"
    assert split_front_matter(body_of(tagged)) == ({"owner": "someone"}, "Body text.\n")


def test_import_refuses_bad_options(app, runner, tmp_path, make_user):
    (tmp_path / "a.md").write_text("text")
    no_admin = runner.invoke(args=["import-markdown", str(tmp_path), "--ns", "Library"])
    assert no_admin.exit_code != 0 and "administrator" in no_admin.output
    make_user("boss", role="admin")
    bad_ns = runner.invoke(args=["import-markdown", str(tmp_path), "--ns", "Nowhere"])
    assert bad_ns.exit_code != 0 and "Unknown namespace" in bad_ns.output
    bad_user = runner.invoke(args=["import-markdown", str(tmp_path), "--ns", "Library",
                                   "--user", "ghost"])
    assert bad_user.exit_code != 0
    bad_ws = runner.invoke(args=["import-markdown", str(tmp_path), "--ns", "Library",
                                 "--workspace", "nope"])
    assert bad_ws.exit_code != 0


def test_import_into_a_workspace(app, runner, admin, make_space, tmp_path):
    space = make_space("health")
    (tmp_path / "plan.md").write_text("# Plan\n")
    result = runner.invoke(args=["import-markdown", str(tmp_path), "--ns", "Library",
                                 "--workspace", "health"])
    assert result.exit_code == 0, result.output
    assert page_at("Library:Plan", space) is not None
    assert page_at("Library:Plan") is None


def snapshot():
    pages = db.session.scalars(select(Page).where(Page.deleted_at.is_(None),
                                                  Page.redirect_to_id.is_(None)))
    return {(p.namespace, p.title): (body_of(p), sorted(p.tag_names), p.language)
            for p in pages}


def test_export_then_import_into_a_fresh_site_gives_the_same_pages(
        app, runner, admin, make_page, tmp_path, shared_data):
    make_page("Main Page", body="Welcome to [[Knowledge:Mechanisms]].\n", tags=["welcome"])
    make_page("Knowledge:Mechanisms", body="Several ways.\n", tags=["social-protection"])
    make_page("Knowledge:Mechanisms/Microinsurance", body="Small premiums.",
              tags=["microinsurance", "insurance"])
    make_page("Knowledge:Mechanisms/Microinsurance/index", body="An odd leaf name.\n")
    make_page("Knowledge:Mutuelles de santé", body="Une mutuelle...\n", language="fr",
              tags=["health"])
    make_page("Library:With front matter", body="---\nauthor: Kofi\nyear: 2024\n---\nText.\n")
    make_page("Library:Rule first", body="---\n\nA horizontal rule first.\n")
    make_page("Glossary:Premium", body="The amount paid.\n", language="es")
    tldr = (shared_data / "tldr" / "pt" / "tar.md").read_text(encoding="utf-8")
    make_page("Help:Tar", body=tldr, language="pt")
    before = snapshot()

    out = tmp_path / "export"
    result = runner.invoke(args=["export-markdown", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Exported {len(before)} pages" in result.output
    assert (out / "Knowledge" / "Mechanisms" / "_index.md").is_file()
    assert (out / "Knowledge" / "Mechanisms" / "Microinsurance" / "_index.md").is_file()
    assert (out / "Main" / "Main Page.md").is_file()
    metadata, _ = split_front_matter((out / "Glossary" / "Premium.md").read_text())
    assert metadata == {"title": "Glossary:Premium", "language": "es"}

    fresh_folder = tmp_path / "fresh"
    fresh = create_app(base_config(fresh_folder / "instance",
                                   "sqlite:///" + str(fresh_folder / "fresh.db")))
    with fresh.app_context():
        db.create_all()
        from app.accounts.services import create_user
        commons()
        create_user("importer", "importer@example.org", "correct horse battery", role="admin")
        db.session.commit()
    fresh_runner = fresh.test_cli_runner()
    with fresh.app_context():  # the command runs in the current app's context
        for namespace in sorted(os.listdir(out)):
            result = fresh_runner.invoke(args=["import-markdown", str(out / namespace),
                                               "--ns", namespace])
            assert result.exit_code == 0, result.output
            assert "refused 0 files" in result.output, result.output
        after = snapshot()
        db.session.remove()
        db.engine.dispose()
    assert after == before
