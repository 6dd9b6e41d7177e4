"""Demo content: each package adds a seeder; ``flask seed-demo`` runs them in order.

Seeders receive a ``DemoSite`` that carries what earlier ones made (users,
spaces) so later ones can build on it."""
from flask import current_app
from sqlalchemy import func, select

from app.accounts.models import User
from app.accounts.services import create_user
from app.extensions import db
from app.spaces.services import commons

#: Every demo account shares this password; README says to run with SEED_DEMO=0 in production.
DEMO_PASSWORD = "konbit-demo-2026"

#: username, display name, role, locale, country, organisation, bio
DEMO_PEOPLE = [
    ("amina", "Amina Diallo", "admin", "fr", "SN", "Union des mutuelles de santé de Thiès",
     "Coordinates a network of 40 health mutuals in Senegal."),
    ("joao", "João Ferreira", "moderator", "pt", "MZ", "Instituto Nacional de Acção Social",
     "Works on social assistance programmes and their payment systems."),
    ("lucia", "Lucía Mendoza", "member", "es", "BO", "Red de Microseguros Andina",
     "Actuary; designs micro-insurance products for farmers."),
    ("priya", "Priya Raman", "member", "en", "IN", "Self-Employed Women's Association",
     "Researches community-based health insurance and informal workers."),
    ("kofi", "Kofi Mensah", "member", "en", "GH", "National Health Insurance Authority",
     "Enrolment and claims management."),
    ("claire", "Claire Dubois", "member", "fr", "FR", "Social protection researcher",
     "Follows the extension of social protection to the informal economy."),
]


class DemoSite:
    def __init__(self):
        self.users = {}
        self.commons = None


def add_seeder(app, order, seeder):
    seeders = app.extensions.setdefault("konbit_seeders", [])
    seeders.append((order, seeder))
    seeders.sort(key=lambda item: item[0])


def site_is_empty():
    return db.session.scalar(select(func.count()).select_from(User)) == 0


def seed_people(site):
    for username, name, role, locale, country, org, bio in DEMO_PEOPLE:
        user = create_user(username, f"{username}@example.org", DEMO_PASSWORD, role=role,
                           locale=locale, display_name=name)
        user.country, user.organisation, user.bio = country, org, bio
        site.users[username] = user
    site.commons = commons()
    db.session.flush()


def seed_demo():
    """Fill an empty site; returns the DemoSite, or None when the site has users already."""
    if not site_is_empty():
        return None
    site = DemoSite()
    seed_people(site)
    for _order, seeder in current_app.extensions.get("konbit_seeders", []):
        seeder(site)
    db.session.commit()
    return site
