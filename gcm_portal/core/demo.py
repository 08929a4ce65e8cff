"""Demo accounts and content for `make run` and the tests. Never loaded in production (see the command)."""

from __future__ import annotations

from django.db import transaction

from gcm_portal.accounts.choices import Role
from gcm_portal.accounts.models import User
from gcm_portal.accounts.services import role_grant

DEMO_PASSWORD = "gcm-demo-2026"

# email, full name, organisation, language, roles [(role, country ISO2, entity code)], superuser
DEMO_ACCOUNTS = [
    ("admin@example.org", "Ada Admin", "GCM Portal operations", "en", [], True),
    (
        "staff@example.org",
        "Sami Staff",
        "UN Network on Migration secretariat",
        "en",
        [(Role.NETWORK_STAFF, None, None)],
        False,
    ),
    (
        "focal.ghana@example.org",
        "Kofi Mensah",
        "Ministry of the Interior, Ghana",
        "en",
        [(Role.FOCAL_POINT, "GH", None), (Role.MEMBER, None, None)],
        False,
    ),
    (
        "focal.mexico@example.org",
        "Lucía Hernández",
        "Secretaría de Relaciones Exteriores, México",
        "es",
        [(Role.FOCAL_POINT, "MX", None), (Role.MEMBER, None, None)],
        False,
    ),
    (
        "focal.morocco@example.org",
        "Amina Benali",
        "Ministère des Affaires étrangères, Maroc",
        "fr",
        [(Role.FOCAL_POINT, "MA", None), (Role.MEMBER, None, None)],
        False,
    ),
    (
        "focal.jamaica@example.org",
        "Andre Campbell",
        "Ministry of Foreign Affairs and Foreign Trade, Jamaica",
        "en",
        [(Role.FOCAL_POINT, "JM", None), (Role.MEMBER, None, None)],
        False,
    ),
    ("entity.iom@example.org", "Ivan Petrov", "IOM", "ru", [(Role.ENTITY_FOCAL_POINT, None, "IOM")], False),
    (
        "reviewer@example.org",
        "Rana Haddad",
        "Independent expert",
        "ar",
        [(Role.EXPERT_REVIEWER, None, None), (Role.MEMBER, None, None)],
        False,
    ),
    (
        "fund@example.org",
        "Wei Zhang",
        "Migration MPTF Fund Management Unit",
        "zh-hans",
        [(Role.FUND_MANAGER, None, None)],
        False,
    ),
    (
        "member@example.org",
        "Maria Costa",
        "Migrant-led civil society organisation",
        "en",
        [(Role.MEMBER, None, None)],
        False,
    ),
]


# Domain apps register their demo content here from AppConfig.ready(); each loader is idempotent.
DEMO_LOADERS: list = []


def register_demo_loader(loader) -> None:
    if loader not in DEMO_LOADERS:
        DEMO_LOADERS.append(loader)


@transaction.atomic
def load_demo_data() -> list[tuple[str, str]]:
    """Create or refresh the demo accounts, then each app's demo content; running it twice changes nothing."""
    summary = []
    for email, name, organisation, language, roles, superuser in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            factory = User.objects.create_superuser if superuser else User.objects.create_user
            user = factory(
                email=email,
                password=DEMO_PASSWORD,
                full_name=name,
                organisation=organisation,
                preferred_language=language,
            )
        for role, country, entity in roles:
            role_grant(user=user, role=role, country=country, entity=entity)
        described = ", ".join(
            f"{Role(role).label}" + (f" {country or entity}" if (country or entity) else "")
            for role, country, entity in roles
        )
        summary.append((email, "Administrator" if superuser else described))
    for loader in DEMO_LOADERS:
        loader()
    return summary
