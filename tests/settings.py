"""Test settings: the portal's own, plus the kernel's test app (``tests.kit``), whose small models
exercise the kernel kit on their own and show what a new app declares."""

from gcm_portal.settings import *  # noqa: F403
from gcm_portal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.kit"]
