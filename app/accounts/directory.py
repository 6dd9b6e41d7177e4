"""The member directory at /people: who is here, searchable by name,
organisation and country. Blocked accounts are not listed."""
from flask import render_template, request
from sqlalchemy import func, or_, select

from app.accounts.models import User
from app.accounts.views import bp
from app.countries import country_choices
from app.pagination import paginate, paging

PER_PAGE = 30


def members(q="", country="", page=1, per_page=PER_PAGE):
    """One page of active members, newest last-seen first after name order."""
    statement = select(User).where(User.blocked_at.is_(None))
    q = (q or "").strip()[:100]
    if q:
        literal = q.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{literal}%"
        statement = statement.where(or_(
            User.username_key.like(pattern, escape="\\"),
            func.lower(User.display_name).like(pattern, escape="\\"),
            func.lower(User.organisation).like(pattern, escape="\\")))
    if country:
        statement = statement.where(User.country == country.upper()[:2])
    statement = statement.order_by(func.lower(func.coalesce(func.nullif(User.display_name, ""),
                                                            User.username)), User.id)
    return paginate(statement, page, per_page, scalars=True)


@bp.route("/people")
def people():
    q = request.args.get("q", "")
    country = request.args.get("country", "")
    page, _per_page = paging(request.args.get("page"))
    listing = members(q, country, page)
    return render_template("auth/people.html", listing=listing, q=q, country=country,
                           countries=country_choices())
