"""Every model of the core, and of the packages registered on it, in one import.

Alembic and ``create_app`` import this module so the metadata is complete."""
from app.accounts.models import ApiToken, User  # noqa: F401
from app.spaces.models import Membership, Space  # noqa: F401
from app.generation import SiteGeneration  # noqa: F401
from app.audit import AuditEntry  # noqa: F401
from app.antispam import TrustedUser, WriteLog  # noqa: F401
from app.site_settings import SiteSetting  # noqa: F401
