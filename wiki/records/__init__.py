"""Records: namespaces that declare fields.

A namespace may declare typed fields (``wiki.records.schema``); a page of it
is then a record whose field values live in the page's YAML front matter, so
they are versioned, diffed and merged with the text. On save the values are
copied into a typed table so that indexes filter, sort and count in SQL.

Modules, one job each: ``schema`` (declarations), ``frontmatter`` (YAML in and
out), ``validation`` (typed values and messages), ``models`` and ``store``
(the typed table), ``queries`` (filters, sort, facets), ``display`` (labels,
infobox), ``editor`` (the form), ``blocks`` (query blocks in pages),
``csvio`` (CSV export) and ``csv_import`` (the ``import-csv`` command)."""


def init_app(app):
    """Template helpers for the page view, the editor and the indexes."""
    from wiki.records import blocks, display

    app.jinja_env.globals.update(
        record_infobox=display.infobox,
        record_locale=display.locale_code,
        expand_record_blocks=blocks.expand,
        records_index_url=display.index_url,
    )
