"""Test settings: the portal's own, plus the kernel's test app (``tests.kit``), whose small models
exercise the kernel kit on their own and show what a new app declares."""

import os

from gcm_portal.settings import *  # noqa: F403
from gcm_portal.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.kit"]

# The kit's models are public data too: writes to them invalidate the page cache.
PAGE_CACHE_TRACKED_APPS = [*PAGE_CACHE_TRACKED_APPS, "kit"]  # noqa: F405

# Parallel test workers share one Redis in CI: each keeps its cached pages and counters apart.
if REDIS_URL:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = "gcm-test-" + os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405

# Most tests sign staff in with force_login and no second factor; the tests of the gate itself
# (tests/security/test_two_factor.py) turn it on.
TWO_FACTOR_ENFORCED = False

# A Celery worker started by a reliability test (tests/reliability/test_worker.py) runs with these
# settings in its own process: its e-mail goes to files the test counts, optionally slowly.
if os.environ.get("GCM_TEST_EMAIL_DIR"):
    EMAIL_BACKEND = "tests.reliability.mailbackend.SlowFileBackend"
    EMAIL_FILE_PATH = os.environ["GCM_TEST_EMAIL_DIR"]

# The same for the broker: parallel test workers (and the Celery workers their tests start, which inherit
# PYTEST_XDIST_WORKER) each keep their queues apart, so no worker takes another test process's task.
if CELERY_BROKER_URL.startswith("redis"):  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
        "global_keyprefix": "gcm-test-" + os.environ.get("PYTEST_XDIST_WORKER", "main") + ":",
        # A worker killed while restoring unacknowledged tasks holds this lock until it expires
        # (5 minutes by default): the next worker of a reliability test would wait that long.
        "unacked_mutex_expire": 5,
        # Unacknowledged tasks past their visibility timeout are looked for every second, not every
        # 100 seconds (kombu's sweep interval times its throttle).
        "unacked_restore_interval": 1,
        "unacked_restore_throttle": 1,
    }
