"""The benchmark: the portal's endpoints beside three baselines, in the same run, with the same gunicorn
settings, measured with wrk.

    python bench/run.py --scale S --seconds 3          # what `make bench` runs
    python bench/run.py --scale M --seconds 10         # the run docs/performance.md reports
    python bench/run.py --scale S --seconds 2 --check  # CI: fail when a ratio target is badly missed
    python bench/run.py --scale M --skip-seed --groups search,search-ilike  # only hub search (and baselines)

It migrates and seeds the database named by DATABASE_URL (a SQLite file under bench/ by default),
starts gunicorn (2 sync workers, DEBUG off) for each server, measures every endpoint at 1 and 16
connections (requests per second, p50/p95/p99), the queries of one request and the workers' memory
before and after, streams the CSV export of every report (time to first byte, memory growth), and writes
the results as JSON (with the machine, versions and settings) and as a Markdown table, both under
bench/results/.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
WORKERS = 2
CONNECTIONS = (1, 16)

# Ratio targets (issue: "Speed"), at 16 connections, against the baselines measured in the same run.
TARGETS = {
    "cached": ("bare-django", 0.5),  # anonymous cached pages and API reads
    "uncached": ("floor", 0.5),  # uncached public pages and signed-in pages
    "api-list": ("bare-django", 0.3),  # API lists of 50, uncached
}
# --check fails when a ratio is below this share of its target ("badly missed"), for the groups listed
# here: the cached answers, which the M run of docs/performance.md brought within that margin. The other
# groups miss their targets by more (docs/performance.md says by how much and why); they are reported in
# the table, and join the check once they are within the margin.
CHECK_SHARE = 0.35
CHECKED_GROUPS = ("cached",)

# Hub search at scale: the planted terms of knowledge/bench.py (rare 0.01 %, medium 1 %, common 25 % of
# the index rows), ranked with facets through the API (uncached), against the same search with ILIKE.
SEARCH_TERMS = {"rare": "xylofen", "medium": "quorvant", "common": "kelmoria"}
SEARCH_P95_MS = {"rare": 30, "medium": 150, "common": 150}  # p95 at 1 connection
SEARCH_SPEEDUP = 20  # full-text search at least this many times faster than ILIKE, same run
SLOW_SAMPLES = 5  # sequential requests of the ILIKE baseline (too slow for wrk at scale M)


@dataclass
class Endpoint:
    name: str
    server: str
    path: str
    group: str  # baseline, cached, uncached, api-list, write
    headers: dict = field(default_factory=dict)
    method: str = "GET"
    body: str = ""
    # Writers of one record at 16 connections collide: the losers' 412 (the optimistic lock refusing a
    # stale write) is the expected answer, counted in "non2xx", not a failed run.
    conflicts_expected: bool = False


@dataclass
class Result:
    name: str
    group: str
    server: str
    path: str
    queries: int | None
    rss_before_mb: float
    rss_after_mb: float
    runs: dict


# ---------------------------------------------------------------------------
# Set-up
# ---------------------------------------------------------------------------


def portal_env(database_url: str, **extra) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY=env.get("SECRET_KEY", "bench-not-secret"),
        DATABASE_URL=database_url,
        CELERY_TASK_ALWAYS_EAGER="1",
        PYTHONPATH=str(ROOT),
        # The benchmark measures serving, not the open-data throttles: at hundreds of requests a second
        # the default 600 a minute would answer 429 (cheap refusals, not pages).
        API_THROTTLE_ANON="100000000/minute",
        API_THROTTLE_USER="100000000/minute",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit(f"manage.py {' '.join(args)} failed")
    return result.stdout


FIXTURES = r"""
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from gcm_portal.accounts.services import api_token_create
from gcm_portal.accounts.models import User
from reviews import services
from reviews.models import VoluntaryReport
from gcm_portal.taxonomy.models import Country

user = User.objects.get(email="focal.ghana@example.org")
store = import_module(settings.SESSION_ENGINE).SessionStore()
store[SESSION_KEY] = str(user.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = user.get_session_auth_hash()
store.create()
_token, token_key = api_token_create(user=user, name="benchmark")
draft = VoluntaryReport.objects.filter(created_by=user, title="Benchmark draft").first() or services.report_create(
    actor=user, country=Country.objects.get(iso2="GH"), title="Benchmark draft")
published = VoluntaryReport.objects.filter(public_version__isnull=False).order_by("pk").first()
print(json.dumps({"session": store.session_key, "token": token_key, "draft": draft.pk,
                  "report": published.pk, "reports": VoluntaryReport.objects.filter(public_version__isnull=False).count()}))
"""


# ---------------------------------------------------------------------------
# Servers
# ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, name: str, app: str, env: dict):
        self.name, self.port = name, free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop(), when the server is)
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "-w",
                str(WORKERS),
                "-k",
                "sync",
                "-b",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "600",  # the ILIKE baseline of hub search takes seconds a request at scale M
                "--log-level",
                "warning",
                app,
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            # A file, not a pipe: a pipe nobody reads fills with the server's log, and the server stops.
            stderr=self.log,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                # both workers booted: each has its own process
                if len(self.workers()) >= WORKERS:
                    return
            if self.process.poll() is not None:
                raise SystemExit(f"{name} did not start: {self.log_tail()}")
            time.sleep(0.2)
        raise SystemExit(f"{name} did not start in time")

    def log_tail(self, size: int = 2000) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-size:]

    def workers(self) -> list[int]:
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = stat.read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.process.pid:
                    children.append(int(stat.parent.name))
        return children

    def rss_mb(self) -> float:
        """The largest resident set of the workers, in MB."""
        sizes = []
        for pid in self.workers():
            with contextlib.suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        sizes.append(int(line.split()[1]) / 1024)
        return round(max(sizes, default=0.0), 1)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


# ---------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------


def request(server: Server, endpoint: Endpoint) -> tuple[int, dict, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    connection.request(endpoint.method, endpoint.path, body=endpoint.body or None, headers=endpoint.headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def wrk(server: Server, endpoint: Endpoint, connections: int, seconds: float) -> dict:
    command = [
        "wrk",
        f"-t{min(2, connections)}",
        f"-c{connections}",
        f"-d{max(1, int(seconds))}s",
        "--timeout",
        "60s",  # a slow answer is measured, not counted as an error (wrk's default gives up after 2 s)
        "-s",
        str(BENCH / "wrk.lua"),
    ]
    for name, value in endpoint.headers.items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://127.0.0.1:{server.port}{endpoint.path}")
    env = dict(os.environ, BENCH_METHOD=endpoint.method, BENCH_BODY=endpoint.body)
    output = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    summary = json.loads(output.strip().splitlines()[-1])
    seconds_run = summary["duration_us"] / 1e6
    if (summary["non2xx"] and not endpoint.conflicts_expected) or summary["errors"]:
        raise SystemExit(
            f"{endpoint.name}: {summary['non2xx']} answers other than 2xx or 3xx and {summary['errors']} errors "
            f"out of {summary['requests']} requests: the figures would measure refusals. The server said:\n"
            + server.log_tail()
        )
    return {
        "rps": round(summary["requests"] / seconds_run, 1),
        "p50_ms": round(summary["p50_us"] / 1000, 2),
        "p95_ms": round(summary["p95_us"] / 1000, 2),
        "p99_ms": round(summary["p99_us"] / 1000, 2),
        "requests": summary["requests"],
        "errors": summary["errors"],
        "non2xx": summary["non2xx"],
    }


def measure_sequential(server: Server, endpoint: Endpoint, samples: int = SLOW_SAMPLES) -> Result:
    """For endpoints too slow for wrk (the ILIKE baseline): a few requests one after the other. The
    figures stand for both connection counts (one request at a time is what the comparison needs)."""
    status, headers, _ = request(server, endpoint)
    if status >= 400:
        raise SystemExit(f"{endpoint.name}: {endpoint.method} {endpoint.path} answered {status}")
    before = server.rss_mb()
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        request(server, endpoint)
        times.append(time.perf_counter() - started)
    times.sort()

    def at(share: float) -> float:
        return round(times[min(len(times) - 1, int(share * len(times)))] * 1000, 2)

    run = {
        "rps": round(len(times) / sum(times), 3),
        "p50_ms": at(0.5),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "requests": len(times),
        "errors": 0,
        "non2xx": 0,
        "sequential": True,
    }
    queries = headers.get("X-Bench-Queries")
    return Result(
        name=endpoint.name,
        group=endpoint.group,
        server=server.name,
        path=endpoint.path,
        queries=int(queries) if queries is not None else None,
        rss_before_mb=before,
        rss_after_mb=server.rss_mb(),
        runs={str(c): run for c in CONNECTIONS},
    )


def measure(server: Server, endpoint: Endpoint, seconds: float) -> Result:
    if endpoint.group == "search-ilike":
        return measure_sequential(server, endpoint)
    status, headers, _ = request(server, endpoint)
    if status >= 400:
        raise SystemExit(f"{endpoint.name}: {endpoint.method} {endpoint.path} answered {status}")
    for _ in range(20):  # warm up (templates, connections, the page cache)
        request(server, endpoint)
    status, headers, _ = request(server, endpoint)
    queries = headers.get("X-Bench-Queries")
    before = server.rss_mb()
    runs = {str(c): wrk(server, endpoint, c, seconds) for c in CONNECTIONS}
    return Result(
        name=endpoint.name,
        group=endpoint.group,
        server=server.name,
        path=endpoint.path,
        queries=int(queries) if queries is not None else None,
        rss_before_mb=before,
        rss_after_mb=server.rss_mb(),
        runs=runs,
    )


def measure_export(server: Server, path: str) -> dict:
    """Stream the whole export once: time to the first byte, total time, size, and worker memory growth."""
    before = server.rss_mb()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    started = time.monotonic()
    connection.request("GET", path)
    response = connection.getresponse()
    first = response.read(1)
    first_byte = time.monotonic() - started
    size = len(first)
    peak = before
    while chunk := response.read(1 << 16):
        size += len(chunk)
        peak = max(peak, server.rss_mb())
    total = time.monotonic() - started
    connection.close()
    return {
        "path": path,
        "status": response.status,
        "first_byte_s": round(first_byte, 3),
        "total_s": round(total, 2),
        "bytes": size,
        "rss_before_mb": before,
        "rss_peak_mb": max(peak, server.rss_mb()),
        "rss_growth_mb": round(max(peak, server.rss_mb()) - before, 1),
    }


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def endpoints(fixtures: dict) -> list[Endpoint]:
    report, draft = fixtures["report"], fixtures["draft"]
    cookie = {"Cookie": f"sessionid={fixtures['session']}"}
    token = {"Authorization": f"Token {fixtures['token']}"}
    pages = [
        ("home", "/"),
        ("report list (50)", "/reviews/reports/"),
        ("report page", f"/reviews/reports/{report}/"),
        ("country page", "/countries/gh/"),
    ]
    api = [
        ("API report list (50)", "/api/v1/voluntary-reports/"),
        ("API report detail", f"/api/v1/voluntary-reports/{report}/"),
        ("API objectives", "/api/v1/objectives/"),
    ]
    result = [
        Endpoint("bare WSGI callable", "bare-wsgi", "/", "baseline"),
        Endpoint("bare Django view", "bare-django", "/", "baseline"),
        Endpoint("floor page", "portal", "/bench/floor/", "baseline"),
    ]
    result += [Endpoint(f"{name}, anonymous, cached", "portal", path, "cached") for name, path in pages + api]
    result += [Endpoint(f"{name}, anonymous, uncached", "portal-nocache", path, "uncached") for name, path in pages]
    result += [
        Endpoint(f"{name}, anonymous, uncached", "portal-nocache", path, "api-list" if "list" in name else "uncached")
        for name, path in api
    ]
    result += [Endpoint(f"{name}, signed in", "portal", path, "uncached", headers=cookie) for name, path in pages]
    result += [
        Endpoint("focal point dashboard", "portal", "/my-country/", "uncached", headers=cookie),
        Endpoint("API report list (50), token", "portal", "/api/v1/voluntary-reports/", "api-list", headers=token),
        *search_endpoints(),
        Endpoint(
            "save a draft (API PATCH)",
            "portal",
            f"/api/v1/voluntary-reports/{draft}/",
            "write",
            headers={**token, "If-Match": "*", "Content-Type": "application/json"},
            method="PATCH",
            body=json.dumps({"next_steps": "Benchmark edit of the next steps."}),
            conflicts_expected=True,
        ),
    ]
    return result


def search_endpoints() -> list[Endpoint]:
    result = []
    for frequency, term in SEARCH_TERMS.items():
        result.append(
            Endpoint(
                f"hub search {frequency} ({term}), ranked + facets",
                "portal-nocache",
                f"/api/v1/search/?q={term}",
                "search",
            )
        )
        result.append(
            Endpoint(
                f"hub search {frequency} ({term}), ILIKE",
                "portal-nocache",
                f"/bench/search-ilike/?q={term}",
                "search-ilike",
            )
        )
    return result


def search_figures(results: list[Result]) -> list[dict]:
    """Per planted term: p95 of the ranked search against its target, and its speed-up over ILIKE (the
    ratio of requests per second at 1 connection, measured in the same run)."""
    by_name = {r.name: r for r in results}
    rows = []
    for frequency, term in SEARCH_TERMS.items():
        fts = by_name.get(f"hub search {frequency} ({term}), ranked + facets")
        like = by_name.get(f"hub search {frequency} ({term}), ILIKE")
        if not fts or not like:
            continue
        p95 = fts.runs["1"]["p95_ms"]
        speedup = fts.runs["1"]["rps"] / like.runs["1"]["rps"] if like.runs["1"]["rps"] else float("inf")
        rows.append(
            {
                "term": f"{frequency} ({term})",
                "p95_ms": p95,
                "p95_target_ms": SEARCH_P95_MS[frequency],
                "p95_met": p95 <= SEARCH_P95_MS[frequency],
                "ilike_p95_ms": like.runs["1"]["p95_ms"],
                "speedup": round(speedup, 1),
                "speedup_met": speedup >= SEARCH_SPEEDUP,
            }
        )
    return rows


def ratios(results: list[Result], baselines: dict[str, float]) -> list[dict]:
    rows = []
    for r in results:
        rps = r.runs["16"]["rps"]
        target = TARGETS.get(r.group)
        row = {
            "name": r.name,
            "group": r.group,
            "vs_bare_django": round(rps / baselines["bare-django"], 3),
            "vs_floor": round(rps / baselines["floor"], 3),
        }
        if target:
            base, wanted = target
            value = rps / baselines[base]
            row.update(target=f">= {wanted} x {base}", ratio=round(value, 3), met=value >= wanted)
        rows.append(row)
    return rows


def markdown(payload: dict) -> str:
    lines = [
        f"Benchmark {payload['scale']} on {payload['machine']['cpu_count']} cores, {payload['settings']['database']}, "
        f"{payload['settings']['cache']}, gunicorn {WORKERS} sync workers, {payload['date']}",
        "",
        "| endpoint | queries | req/s c=1 | req/s c=16 | p50 / p95 / p99 ms (c=16) | worker MB | x bare Django | x floor | target |",
        "|---|---:|---:|---:|---|---|---:|---:|---|",
    ]
    by_name = {row["name"]: row for row in payload["ratios"]}
    for r in payload["results"]:
        one, many = r["runs"]["1"], r["runs"]["16"]
        row = by_name[r["name"]]
        target = ""
        if "ratio" in row:
            target = f"{row['target']}: {row['ratio']} {'met' if row['met'] else 'MISSED'}"
        if many["non2xx"]:
            target += f"{many['non2xx']:,} of {many['requests']:,} refused (412: a stale write) at c=16"
        lines.append(
            f"| {r['name']} | {r['queries'] if r['queries'] is not None else ''} | {one['rps']:,.0f} | "
            f"{many['rps']:,.0f} | {many['p50_ms']} / {many['p95_ms']} / {many['p99_ms']} | "
            f"{r['rss_before_mb']} → {r['rss_after_mb']} | {row['vs_bare_django']} | {row['vs_floor']} | {target} |"
        )
    if payload.get("search"):
        lines += [
            "",
            "| hub search term | p95 ms (c=1) | target | ILIKE p95 ms | speed-up vs ILIKE | target |",
            "|---|---:|---|---:|---:|---|",
        ]
        for row in payload["search"]:
            lines.append(
                f"| {row['term']} | {row['p95_ms']} | <= {row['p95_target_ms']} ms: {'met' if row['p95_met'] else 'MISSED'} "
                f"| {row['ilike_p95_ms']} | {row['speedup']} | >= {SEARCH_SPEEDUP}: {'met' if row['speedup_met'] else 'MISSED'} |"
            )
    export = payload["export"]
    lines += [
        "",
        f"CSV export of {payload['fixtures']['reports']:,} published reports: first byte after "
        f"{export['first_byte_s']} s, {export['bytes']:,} bytes in {export['total_s']} s, worker memory "
        f"{export['rss_before_mb']} → {export['rss_peak_mb']} MB (+{export['rss_growth_mb']} MB).",
    ]
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="S", choices=["XS", "S", "M"])
    parser.add_argument("--seconds", type=int, default=3)
    parser.add_argument("--check", action="store_true", help="exit 1 when a ratio target is badly missed")
    parser.add_argument("--out", default=str(BENCH / "results"))
    parser.add_argument("--skip-seed", action="store_true", help="reuse the data of an earlier run")
    parser.add_argument(
        "--groups",
        default="",
        help="comma-separated endpoint groups to measure (search, search-ilike, cached, ...); the baselines "
        "and the export always run; every group by default",
    )
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")

    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{BENCH / 'bench.sqlite3'}"
    env = portal_env(database_url)
    if not args.skip_seed:
        print(f"Setting up {database_url.split('@')[-1]} at scale {args.scale}...", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_data", "--i-know-this-is-not-production")
        print(manage(env, "seed_bench", "--scale", args.scale).strip(), flush=True)
    fixtures = json.loads(manage(env, "shell", "-c", FIXTURES).strip().splitlines()[-1])

    servers = {}
    try:
        servers["bare-wsgi"] = Server("bare-wsgi", "bench.bare:wsgi", env)
        servers["bare-django"] = Server("bare-django", "bench.bare:django", env)
        servers["portal"] = Server("portal", "bench.wsgi:application", env)
        servers["portal-nocache"] = Server(
            "portal-nocache", "bench.wsgi:application", portal_env(database_url, PAGE_CACHE_ENABLED="0")
        )
        results = []
        wanted = {"baseline", *filter(None, args.groups.split(","))}
        for endpoint in endpoints(fixtures):
            if args.groups and endpoint.group not in wanted:
                continue
            result = measure(servers[endpoint.server], endpoint, args.seconds)
            print(f"{result.name:55s} {result.runs['16']['rps']:9,.0f} req/s (c=16)", flush=True)
            results.append(result)
        export = measure_export(servers["portal-nocache"], "/reviews/reports/export.csv")
    finally:
        for server in servers.values():
            server.stop()

    baseline_of = {"bare WSGI callable": "bare-wsgi", "bare Django view": "bare-django", "floor page": "floor"}
    baselines = {baseline_of[r.name]: r.runs["16"]["rps"] for r in results if r.group == "baseline"}
    payload = {
        "scale": args.scale,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "platform": platform.platform(),
            "processor": platform.processor() or platform.machine(),
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
        },
        "versions": versions(),
        "settings": {
            "database": database_url.split("://")[0],
            "cache": "redis" if os.environ.get("REDIS_URL") else "local memory (per worker)",
            "workers": WORKERS,
            "worker_class": "sync",
            "seconds_per_run": args.seconds,
            "connections": list(CONNECTIONS),
        },
        "fixtures": fixtures,
        "baselines_rps": baselines,
        "results": [asdict(r) for r in results],
        "export": export,
    }
    payload["ratios"] = ratios(results, baselines)
    payload["search"] = search_figures(results)
    payload["export_target"] = {
        "first_byte_under_1s": export["first_byte_s"] < 1,
        "memory_growth_under_50mb": export["rss_growth_mb"] < 50,
    }
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stem = f"bench-{args.scale}-{payload['date'].replace(':', '')}"
    (out / f"{stem}.json").write_text(json.dumps(payload, indent=2))
    table = markdown(payload)
    (out / f"{stem}.md").write_text(table)
    print("\n" + table)
    print(f"Written: {out / stem}.json and .md")

    if args.check:
        failures = [
            f"{row['name']}: {row['ratio']} ({row['target']})"
            for row in payload["ratios"]
            if "ratio" in row
            and row["group"] in CHECKED_GROUPS
            and row["ratio"] < CHECK_SHARE * TARGETS[row["group"]][1]
        ]
        if failures:
            print("Badly missed:\n  " + "\n  ".join(failures))
            return 1
    return 0


def versions() -> dict:
    import django
    import rest_framework

    result = {"django": django.get_version(), "djangorestframework": rest_framework.VERSION}
    with contextlib.suppress(Exception):
        result["gunicorn"] = subprocess.run([GUNICORN, "--version"], capture_output=True, text=True).stdout.strip()
        result["wrk"] = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    return result


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
