"""/people, the member directory, and /people/experts, the expert database
(the same directory, experts only). As in Elgg's members page, tabs list
everyone by name, the newest members first (``?sort=newest``) or who is
online now (``?online=1``); every filter combines with every tab."""
from flask import Blueprint, render_template, request
from flask_login import current_user

from app.accounts.profile_fields import (LANGUAGE_CODE, TAG_PATTERN, language_codes,
                                         language_name, normalise_tag)
from app.accounts.profiles import visible_fields
from app.collation import sort_key
from app.countries import country_choices, country_names
from app.pagination import paging
from community.directory import queries

bp = Blueprint("directory", __name__, template_folder="templates")
TRUE = ("1", "true", "on", "yes")


def clean_filters(args):
    """The filters the query string asks for; a value that names nothing is dropped."""
    country = (args.get("country") or "").strip().upper()[:2]
    expertise = normalise_tag((args.get("expertise") or "")[:60])
    language = (args.get("language") or "").strip().lower()[:3]
    return {
        "q": (args.get("q") or "").strip()[:100],
        "country": country if country in country_names() else "",
        "expertise": expertise if TAG_PATTERN.fullmatch(expertise) else "",
        "language": language if LANGUAGE_CODE.fullmatch(language or "-")
        and language in language_codes() else "",
        "experts": args.get("experts") in TRUE,
        "online": args.get("online") in TRUE,
        "sort": "newest" if args.get("sort") == "newest" else "name",
    }


def _directory(experts_page):
    filters = clean_filters(request.args)
    if experts_page:
        filters["experts"] = True
    page, _per_page = paging(request.args.get("page"))
    listing = queries.members(current_user, page=page, **filters)
    languages = sorted(queries.spoken_languages(current_user),
                       key=lambda code: sort_key(language_name(code)))
    endpoint = "directory.experts" if experts_page else "directory.people"
    link_args = {key: (1 if value is True else value) for key, value in filters.items()
                 if value and value != "name" and not (experts_page and key == "experts")}
    tab = "online" if filters["online"] else filters["sort"]
    return render_template(
        "directory/people.html", listing=listing, filters=filters, endpoint=endpoint,
        link_args=link_args, experts_page=experts_page, tab=tab, countries=country_choices(),
        languages=[(code, language_name(code)) for code in languages],
        cloud=queries.expertise_cloud(current_user, experts=filters["experts"]),
        fields_of=lambda person: visible_fields(current_user, person))


@bp.route("/people")
def people():
    return _directory(experts_page=False)


@bp.route("/people/experts")
def experts():
    return _directory(experts_page=True)
