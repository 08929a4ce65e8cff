from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gcm_portal.accounts.choices import Role
from gcm_portal.accounts.models import User
from gcm_portal.accounts.services import role_grant


class Command(BaseCommand):
    help = "Grant a role to a user: grant_role EMAIL ROLE [--country ISO2] [--entity CODE]"

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--country", help="ISO 3166-1 alpha-2 code, for focal_point")
        parser.add_argument("--entity", help="UN entity code, for entity_focal_point")

    def handle(self, *args, email, role, country, entity, **options):
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            raise CommandError(f"No user with e-mail address {email}.") from None
        try:
            membership, created = role_grant(user=user, role=role, country=country, entity=entity)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        verb = "Granted" if created else "Already held:"
        self.stdout.write(f"{verb} {membership} to {user.email}")
