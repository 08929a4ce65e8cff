"""An e-mail backend for worker processes started by the tests: it marks that sending began, waits
``GCM_TEST_EMAIL_DELAY`` seconds (time for the test to kill the worker mid-task), then writes each
message to its own file in ``EMAIL_FILE_PATH``."""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


class SlowFileBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(settings.EMAIL_FILE_PATH)
        (folder / f"started-{os.getpid()}-{uuid.uuid4().hex}").touch()
        time.sleep(float(os.environ.get("GCM_TEST_EMAIL_DELAY", "0")))
        for message in email_messages:
            (folder / f"sent-{uuid.uuid4().hex}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)
