"""Run in a fresh process by test_upload_bombs: refuse or extract one bomb, print the peak memory above
idle (the process's resident high-water mark, reset after start-up) and the time taken, as JSON."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def _rss_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def main(path: str, mode: str) -> None:
    import django

    django.setup()
    # Everything that extraction needs, loaded before idle is measured.
    import pypdf  # noqa: F401
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gcm_portal.core import extract, files

    data_path = Path(path)
    idle = _rss_kb("VmRSS")
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    started = time.monotonic()
    outcome = ""
    if mode == "upload":
        with data_path.open("rb") as handle:
            upload = SimpleUploadedFile(data_path.name, b"")
            upload.file = handle
            upload.size = data_path.stat().st_size
            try:
                files.validate_upload(upload, kinds=files.DOCUMENT_KINDS)
                outcome = "accepted"
            except files.FileRejected:
                outcome = "refused"
    else:
        kind = files.FILE_KINDS[data_path.suffix.lstrip(".")]
        with data_path.open("rb") as handle, extract.time_cap(extract.EXTRACT_SECONDS + 1):
            try:
                text = kind.extract(handle)
                outcome = f"extracted {len(text)}"
            except extract.ExtractionCapped as capped:
                outcome = f"capped {capped}"
    seconds = time.monotonic() - started
    peak = _rss_kb("VmHWM")
    print(json.dumps({"outcome": outcome, "peak_above_idle_mb": (peak - idle) / 1024, "seconds": seconds}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
