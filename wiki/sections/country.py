"""Country profiles: the ``/ns/Country`` map and the lists under a profile.

``/ns/Country`` draws the world (``mapdata``) with every country that has a
profile in this space as a link, coloured by the indicator the reader picks
(a plain GET form: no script), a legend, the profiles by region, and a form
to start a new profile. A profile page lists, through the ``page_extra``
panel, the schemes, library documents and workspaces about its country, each
only with what the reader may read."""
from babel import Locale
from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import and_, or_, select

from app import policy
from app.countries import country_choices, country_name, country_names
from app.extensions import db
from app.spaces.models import Space
from wiki import namespaces as ns
from wiki.models import Page
from wiki.records import schema as s
from wiki.records.models import RecordValue
from wiki.sections import lookup, mapdata
from wiki.sections.definitions import REGIONS
from wiki.sections.views import bp, endpoint_for, space_args
from wiki.structure import namespace_path
from wiki.titles import Title, TitleError, normalise_text, parse
from wiki.urls import page_path

NAMESPACE = "Country"
DEFAULT_INDICATOR = "population"
#: How many schemes and documents a profile lists before "see all".
LISTED = 20


def locale():
    return str(get_locale() or "en")


def indicator_fields(schema):
    return [f for f in schema.fields if f.type == s.INDICATOR] if schema else []


def chosen_indicator(fields):
    """The indicator named in ``?indicator=``; an unknown one falls back to the first."""
    wanted = request.args.get("indicator") or DEFAULT_INDICATOR
    names = [f.name for f in fields]
    if wanted in names:
        return wanted
    return DEFAULT_INDICATOR if DEFAULT_INDICATOR in names else (names[0] if names else None)


def profiles_of(space, reader):
    """``[(page, iso2, region, values)]`` of the live Country pages of ``space``."""
    pages = ns.all_pages(space, NAMESPACE, reader)
    values = lookup.values_for([p.id for p in pages])
    found = []
    for page in pages:
        own = values.get(page.id, {})
        iso2 = lookup.text(own.get("iso2")).upper()
        region = lookup.text(own.get("region")) or mapdata.region_of(iso2)
        found.append((page, iso2, region, own))
    return found


def map_shapes(space, profiles, indicator):
    """Shapes with, for those that have a profile, its link and colour class."""
    by_code = {}
    for page, iso2, _region, values in profiles:
        if iso2 and iso2 not in by_code:
            by_code[iso2] = (page, lookup.number(values.get(indicator)) if indicator else None,
                             values.get(indicator))
    numbers = [value for _page, value, _raw in by_code.values() if value is not None]
    bounds = mapdata.breaks(numbers)
    shapes = []
    for shape in mapdata.world_map()["paths"]:
        code = shape["id"]
        name = country_name(code) if code in country_names() else shape["name"]
        entry = {"code": code, "name": name, "d": shape["d"], "href": None, "css": "none",
                 "value": None, "year": None}
        if code in by_code:
            page, value, raw = by_code[code]
            entry["href"] = page_path(space, page)
            entry["value"] = value
            entry["shown"] = mapdata.shown(value)
            entry["year"] = raw.get("year") if isinstance(raw, dict) else None
            entry["css"] = f"q{mapdata.class_of(value, bounds)}" if value is not None \
                else "nodata"
        shapes.append(entry)
    # Linked shapes last, so that their outline is drawn over their neighbours.
    shapes.sort(key=lambda e: e["href"] is not None)
    legend = [(number, mapdata.shown(low), mapdata.shown(high))
              for number, low, high in mapdata.legend(numbers, bounds)]
    return shapes, legend


def by_region(profiles, schema):
    field = schema.get("region") if schema else None
    groups = {}
    for page, iso2, region, values in profiles:
        groups.setdefault(region if region in REGIONS else "", []).append((page, iso2, values))
    ordered = []
    for region in list(REGIONS) + [""]:
        if region in groups:
            label = field.choice_label(region, locale()) if field and region else _("Other")
            entries = sorted(groups[region], key=lambda e: (country_name(e[1]) if e[1]
                                                            else e[0].title).lower())
            ordered.append((region or "other", label, entries))
    return ordered


def country_index(space, namespace):
    """``/ns/Country``: the map, its legend, the profiles by region, "add a country"."""
    schema = s.schema_for(namespace)
    fields = indicator_fields(schema)
    indicator = chosen_indicator(fields)
    profiles = profiles_of(space, current_user)
    # Offer the indicators some profile has (all of them while none has any).
    present = {name for _p, _c, _r, values in profiles for name in values}
    offered = [f for f in fields if f.name in present or f.name == indicator] or fields
    shapes, legend = map_shapes(space, profiles, indicator)
    field = schema.get(indicator) if schema and indicator else None
    world = mapdata.world_map()
    return render_template(
        "sections/country_index.html", space=space, namespace=namespace, shapes=shapes,
        legend=legend, view_box=world["viewBox"], indicators=offered, indicator=indicator,
        indicator_label=field.label(locale()) if field else "", locale=locale(),
        regions=by_region(profiles, schema), can_add=policy.can_edit(current_user, space),
        countries=country_choices(_("Choose a country")), page_path=page_path,
        country_name=country_name, new_url=url_for(endpoint_for(space, "new_country"),
                                                   **space_args(space)))


def english_name(iso2):
    name = Locale.parse("en").territories.get(iso2, iso2)
    return normalise_text(name.replace("\u2019", "'"))


@bp.route("/ns/Country/new")
def new_country():
    """The "add a country" form's target: the existing profile, or the editor of
    ``Country:<English name>`` prefilled with the country and its region."""
    space = g.space
    iso2 = (request.args.get("iso2") or "").strip().upper()
    index = namespace_path(space, NAMESPACE)
    if iso2 not in country_names():
        flash(_("Choose a country from the list."), "error")
        return redirect(index + "#add-country")
    for page, code, _region, _values in profiles_of(space, current_user):
        if code == iso2:
            return redirect(page_path(space, page))
    try:
        title = parse(f"{NAMESPACE}:{english_name(iso2)}")
    except TitleError:
        title = Title(NAMESPACE, iso2)
    return redirect(page_path(space, title, "edit", iso2=iso2,
                              region=mapdata.region_of(iso2) or None))


def country_field_pairs():
    """``[(namespace, field name)]`` of every country-typed field of every record namespace."""
    pairs = []
    for namespace in s.record_namespaces():
        schema = s.schema_for(namespace)
        pairs += [(namespace, f.name) for f in schema.fields if f.type == s.COUNTRY]
    return pairs


def linked_workspaces(iso2, reader):
    """Workspaces the reader may read that hold a record about ``iso2`` (a
    scheme, a document, a profile...): one query."""
    pairs = country_field_pairs()
    if not pairs:
        return []
    pages = (select(Page.space_id)
             .join(RecordValue, RecordValue.page_id == Page.id)
             .where(or_(*[and_(Page.namespace == n, RecordValue.field == f) for n, f in pairs]),
                    RecordValue.value_text == iso2, Page.deleted_at.is_(None),
                    Page.redirect_to_id.is_(None),
                    Page.space_id.in_(policy.readable_space_ids(reader))))
    query = (select(Space).where(Space.id.in_(pages), Space.kind != "commons")
             .order_by(Space.name).limit(LISTED))
    return list(db.session.scalars(query))


def country_panel(page):
    """``page_extra`` of a Country page: its schemes, documents and workspaces."""
    if page.namespace != NAMESPACE or page.deleted_at is not None:
        return None
    iso2 = lookup.text(lookup.values_for([page.id]).get(page.id, {}).get("iso2")).upper()
    if not iso2:
        return None
    sections = []
    for namespace, heading in (("Schemes", _("Schemes in this country")),
                               ("Library", _("Documents about this country"))):
        if s.schema_for(namespace) is None or s.schema_for(namespace).get("country") is None:
            continue
        total, records = lookup.find(namespace, {"country": iso2, "sort": "title"},
                                     per_page=LISTED)
        sections.append({"namespace": namespace, "heading": heading, "total": total,
                         "records": records,
                         "all_url": namespace_path(page.space, namespace) + f"?country={iso2}"})
    workspaces = linked_workspaces(iso2, current_user)
    return render_template("sections/country_panel.html", sections=sections,
                           workspaces=workspaces, iso2=iso2, country=country_name(iso2),
                           page_path=page_path)
