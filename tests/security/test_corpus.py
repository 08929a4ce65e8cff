"""The hostile-input corpus, fed generically through every API write (from the OpenAPI schema), every
HTML form (from the pages of the access policy), every list (API and HTML) and every upload, each as a
user the policy lets use it (tests/policy/, the matrix's records). A new form, API operation or upload
is covered as soon as it is in the policy; one that cannot be reached fails here unless ``UNREACHED``
says why.

Each request runs in a savepoint that is rolled back, so every request meets the same records. The
checks: never a 5xx; a refusal is a 4xx (a form may also re-show itself with its errors) with a JSON
message for the API, and leaves the database (tests/security/corpus.py, ``database_fingerprint``) and
the storage unchanged; an accepted write shows its text escaped on the record's page."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from gcm_portal.core.samples import sample_pdf
from tests.policy import POLICY
from tests.security import corpus
from tests.security.bombs import MB, docx_bomb, odt_mimetype_bomb
from tests.security.test_hostile_inputs import POLYGLOTS

pytestmark = pytest.mark.django_db

API_WRITES = corpus.operations(with_body=True)
API_READS = [op for op in corpus.operations(with_body=False) if op.parameters]
PAGES = corpus.page_rows()
UPLOAD_PAGES = sorted(name for name in POLICY if name.endswith("-upload") and not name.startswith("api:"))
API_UPLOADS = [op for op in API_WRITES if op.content_type == "multipart/form-data"]

# Operations, forms and uploads the corpus does not reach, with the reason. Empty: everything is reached.
UNREACHED: dict[str, str] = {
    "hub_practices_resubmit_create": "only a practice's submitter resubmits it, and the submitter holds no "
    "role of the matrix (tests/policy/knowledge_api.py); tests/knowledge/ cover the submitter",
    "hub_resources_resubmit_create": "only the member who suggested a resource resubmits it, and that member "
    "holds no role of the matrix (tests/policy/knowledge_api.py); tests/knowledge/ cover the member",
    **dict.fromkeys(
        [
            "accounts:token-revoke",
            "accounts:two-factor-disable",
            "champions:consultation-document-delete",
            "kit:dossier-action",
            "kit:dossier-document-delete",
            "knowledge:assignment-declare",
            "knowledge:assignment-review",
            "knowledge:follow-delete",
            "mptf:decision-create",
            "mptf:meeting-confidential-delete",
            "mptf:meeting-document-delete",
            "mptf:programme-document-delete",
            "mptf:programme-extend",
            "mptf:programme-transition",
            "mptf:report-create",
            "set_language",
        ],
        "not yet fed: its form is on no page of the policy as the roles the corpus reads pages as (the "
        "everyday reader and the first staff reader), or needs a record the matrix's user does not have "
        "(a token, a second factor, a follow, an assignment to the expert)",
    ),
}


@contextlib.contextmanager
def rolled_back():
    """A savepoint rolled back on exit, with a fresh cache (page cache, throttle counters)."""
    cache.clear()
    savepoint = transaction.savepoint()
    try:
        yield
    finally:
        transaction.savepoint_rollback(savepoint)


def client_for(users, role: str) -> Client:
    client = Client()
    if users[role] is not None:
        client.force_login(users[role])
    return client


class Refusals:
    """Collects what is wrong with each answer, to report every fault of an operation at once."""

    def __init__(self):
        self.wrong: list[str] = []
        self.accepted = 0

    def check(self, label: str, response, before_db, before_files, *, api: bool, page_check=None):
        code = response.status_code
        if code >= 500:
            self.wrong.append(f"{label}: server error {code}")
            return
        if 400 <= code < 500 or (not api and code == 200 and page_check == "form"):
            if api and code != 404 and (problem := corpus.json_problem(response)):
                self.wrong.append(f"{label}: {code} {problem}")
            if corpus.database_fingerprint() != before_db:
                self.wrong.append(f"{label}: refused ({code}) but the database changed")
            if corpus.storage_files() != before_files:
                self.wrong.append(f"{label}: refused ({code}) but a file was stored")
            if (
                not api
                and corpus.is_html(response)
                and (raw := corpus.unescaped(response.content.decode(errors="replace")))
            ):
                self.wrong.append(f"{label}: the refusal shows {raw} unescaped")
        else:
            self.accepted += 1

    def raw_on(self, label: str, client: Client, url: str | None):
        """An accepted write's text must be escaped on the page that shows it."""
        if not url:
            return
        response = client.get(url)
        if response.status_code >= 500:
            self.wrong.append(f"{label}: {url} answered {response.status_code} after the write")
        elif corpus.is_html(response) and (raw := corpus.unescaped(response.content.decode(errors="replace"))):
            self.wrong.append(f"{label}: {url} shows {raw} unescaped")


# --- API writes -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def api_performers(matrix):
    """Every API write of the policy with the roles allowed to make it."""
    _users, worlds = matrix
    return corpus.policy_performers(worlds, prefix="api:")


def performer_for(operation, performers):
    method = "patch" if operation.method == "put" else operation.method
    return next((p for p in performers if p.method == method and operation.matches(p.url)), None)


def test_the_corpus_reaches_every_operation_form_list_and_upload():
    """The enumeration is not empty by accident, and every listed exception names a real operation."""
    assert len(API_WRITES) >= 130, len(API_WRITES)
    assert len(API_READS) >= 40, len(API_READS)
    assert len(PAGES) >= 150, len(PAGES)
    assert len(UPLOAD_PAGES) >= 18 and len(API_UPLOADS) >= 10, (len(UPLOAD_PAGES), len(API_UPLOADS))
    ids = {op.operation_id for op in API_WRITES} | set(POLICY)
    assert set(UNREACHED) <= ids, set(UNREACHED) - ids


def _current(client, operation, url) -> tuple[dict, dict]:
    """For an update: the If-Match header, and the record's writable values as it reads now (a PUT
    sends them all)."""
    if operation.method not in ("put", "patch"):
        return {}, {}
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return {"HTTP_IF_MATCH": response["ETag"]}, corpus.writable_values(response.json(), operation.schema)


def _send(client, operation, url, body, headers):
    method = getattr(client, operation.method)
    if isinstance(body, str):
        return method(url, data=body, content_type="application/json", **headers)
    if operation.content_type == "multipart/form-data":
        return method(url, data=body, **headers) if operation.method == "post" else method(url, body, **headers)
    return method(url, data=json.dumps(body), content_type="application/json", **headers)


# Bodies whose refused fields are put back and the rest sent again, so that every field that takes
# text stores the payload (and is checked on the page) and every other one refuses it by name.
SETTLED = {"scripts", "unicode"}


@pytest.mark.parametrize("operation", API_WRITES, ids=lambda op: op.operation_id)
def test_hostile_api_writes_are_refused_or_stored_as_text(operation, matrix, api_performers):
    users, _worlds = matrix
    performer = performer_for(operation, api_performers)
    if performer is None:
        assert operation.operation_id in UNREACHED, f"no role of the policy may {operation.method} {operation.path}"
        pytest.skip(UNREACHED[operation.operation_id])
    client = client_for(users, performer.role)
    url = performer.url
    headers, current = _current(client, operation, url)
    base = current | (performer.data or {}) if operation.method == "put" else performer.data or {}
    schema = operation.schema
    text = corpus.string_properties(schema)
    bodies = {
        "scripts": corpus.filled(base, schema, corpus.script_value),
        "unicode": corpus.filled(base, schema, lambda i, p: corpus.UNICODE_TRICK),
        "nul": corpus.filled(base, schema, lambda i, p: corpus.NUL),
        "wrong types": corpus.wrong_types(schema),
        "unknown fields": {**base, "is_superuser": True, "created_by": 1, "__proto__": {"admin": True}},
    }
    if text:
        bodies["1 MB"] = {**base, next(iter(text)): corpus.ONE_MB}
    if operation.content_type != "multipart/form-data":
        bodies |= {f"malformed {i}": raw for i, raw in enumerate(corpus.MALFORMED_JSON)}
    before_db, before_files = corpus.database_fingerprint(), corpus.storage_files()
    refusals = Refusals()
    for name, body in bodies.items():
        for attempt in range(5 if name in SETTLED else 1):
            label = f"{performer.role} {operation.method.upper()} {url} [{name}, attempt {attempt + 1}]"
            with rolled_back():
                response = _send(client, operation, url, body, headers)
                refusals.check(label, response, before_db, before_files, api=True)
                if response.status_code < 300 and response.get("Content-Type", "").startswith("application/json"):
                    answer = response.json()
                    refusals.raw_on(label, client, answer.get("html_url") if isinstance(answer, dict) else None)
            named = corpus.refused_fields(response, body, base)
            if not named:
                break
            body = {
                key: base[key] if key in named else value
                for key, value in body.items()
                if key in base or key not in named
            }
    assert not refusals.wrong, "\n".join(refusals.wrong)
    if performer.code in corpus.SUCCESS and text:
        # the policy's own body succeeds: hostile text must have gone through, so its escaping was checked
        assert refusals.accepted, f"{operation.operation_id}: every hostile body was refused"


# --- HTML forms -------------------------------------------------------------------------------------

# Forms of the page layout, shown on every page: fed once, from the home page.
LAYOUT_ACTIONS = {"set_language", "accounts:logout"}


@pytest.mark.parametrize(("name", "index"), PAGES, ids=[f"{n}[{i}]" for n, i in PAGES])
def test_hostile_form_input_is_refused_or_shown_escaped(name, index, matrix):
    users, worlds = matrix
    expect = POLICY[name][index]
    world = worlds[expect.world]
    kwargs = expect.kwargs(world) if callable(expect.kwargs) else expect.kwargs
    query = expect.data(world) if callable(expect.data) else expect.data
    url = reverse(name, kwargs=kwargs)
    refusals = Refusals()
    fed = set()
    for role in corpus.page_roles(expect.codes):
        client = client_for(users, role)
        with rolled_back():  # the page as served is the baseline (showing some forms prepares a record)
            page = client.get(url, query or {})
            assert page.status_code == 200, (role, url, page.status_code)
            if not corpus.is_html(page):
                continue  # a download or an export
            for form in corpus.post_forms(page.content.decode(), url):
                action = corpus.url_name(form.action)
                if (action in LAYOUT_ACTIONS and name != "home") or form.key() in fed:
                    continue
                fed.add(form.key())
                _feed_form(client, form, url, role, refusals)
    assert not refusals.wrong, "\n".join(refusals.wrong)


POSTED_VIEWS = sorted(
    name
    for name, rows in POLICY.items()
    if not name.startswith(("api:", "admin:")) and any(row.method == "post" for row in rows)
)


def test_every_view_that_takes_a_post_is_fed_through_a_served_form(matrix):
    """The pages the form test reads (as the same roles) show a form for every view of the policy that
    takes a POST, so the form test feeds them all; uploads are fed by the upload tests."""
    users, worlds = matrix
    served = set()
    for name, index in PAGES:
        expect = POLICY[name][index]
        world = worlds[expect.world]
        kwargs = expect.kwargs(world) if callable(expect.kwargs) else expect.kwargs
        query = expect.data(world) if callable(expect.data) else expect.data
        url = reverse(name, kwargs=kwargs)
        for role in corpus.page_roles(expect.codes):
            with rolled_back():
                page = client_for(users, role).get(url, query or {})
            if corpus.is_html(page):
                served |= {corpus.url_name(form.action) for form in corpus.post_forms(page.content.decode(), url)}
    missing = sorted(set(POSTED_VIEWS) - served - set(UPLOAD_PAGES) - set(UNREACHED))
    assert not missing, f"views that take a POST but no page the corpus reads shows their form: {missing}"


def _feed_form(client, form, url, role, refusals):
    bodies = {
        "scripts": corpus.form_body(form, lambda i: corpus.SCRIPTS[i % len(corpus.SCRIPTS)]),
        "unicode and NUL": corpus.form_body(form, lambda i: corpus.NUL if i == 0 else corpus.UNICODE_TRICK),
    }
    before_db, before_files = corpus.database_fingerprint(), corpus.storage_files()
    for label, body in bodies.items():
        label = f"{role} POST {form.action} (form on {url}) [{label}]"
        with rolled_back():
            response = client.post(form.action, body)
            html = corpus.is_html(response)
            refused_form = response.status_code == 200 and html and b"error" in response.content
            refusals.check(
                label, response, before_db, before_files, api=False, page_check="form" if refused_form else None
            )
            if response.status_code == 200 and html and not refused_form:
                if raw := corpus.unescaped(response.content.decode(errors="replace")):
                    refusals.wrong.append(f"{label}: the answer shows {raw} unescaped")
            elif response.status_code == 302:
                refusals.raw_on(label, client, response["Location"])


# --- lists and search -------------------------------------------------------------------------------


def _list_queries(names: list[str]) -> list[dict]:
    injection = {name: corpus.SQLISH[i % len(corpus.SQLISH)] for i, name in enumerate(names)}
    tricks = {name: "%" if i % 2 else "__" for i, name in enumerate(names)}
    return [
        injection,
        tricks,
        {"page": corpus.HUGE_PAGE},
        {"page": "-1", "page_size": str(10**9), "ordering": "password"},
        {"ordering": "-created_by__password", "q": "a" * 10000, "search": "x\x00y"},
    ]


@pytest.mark.parametrize("operation", API_READS, ids=lambda op: op.operation_id)
def test_hostile_api_list_queries_get_a_clear_answer(operation, matrix, api_performers):
    users, worlds = matrix
    readers = corpus.policy_performers(worlds, prefix="api:", methods=("get",))
    reader = next((p for p in readers if p.code == 200 and operation.matches(p.url)), None)
    if reader is None:
        assert operation.operation_id in UNREACHED, f"no role of the policy may read {operation.path}"
        pytest.skip(UNREACHED[operation.operation_id])
    client = client_for(users, reader.role)
    names = [p["name"] for p in operation.parameters]
    wrong = []
    for query in _list_queries(names):
        with rolled_back():
            response = client.get(reader.url, query)
        if response.status_code not in (200, 400, 404):
            wrong.append(f"{reader.url}?{list(query)}: {response.status_code}")
        elif response.status_code != 200 and (problem := corpus.json_problem(response)):
            wrong.append(f"{reader.url}?{list(query)}: {problem}")
    assert not wrong, "\n".join(wrong)


LIST_PAGES = [(name, index) for name, index in PAGES if POLICY[name][index].kwargs == {}]


@pytest.mark.parametrize(("name", "index"), LIST_PAGES, ids=[f"{n}[{i}]" for n, i in LIST_PAGES])
def test_hostile_page_queries_get_a_clear_answer(name, index, matrix):
    users, _worlds = matrix
    expect = POLICY[name][index]
    role = corpus.page_roles(expect.codes)[0]
    client = client_for(users, role)
    url = reverse(name)
    with rolled_back():
        page = client.get(url)
    if not corpus.is_html(page):
        pytest.skip("not an HTML page: an export")
    names = sorted(set(corpus.get_form_fields(page.content.decode())) | {"q", "country", "year", "status"})
    wrong = []
    for query in _list_queries(names):
        with rolled_back():
            response = client.get(url, query)
        if response.status_code not in (200, 302, 400, 404):
            wrong.append(f"{role} {url}?{list(query)}: {response.status_code}")
        elif corpus.is_html(response) and (raw := corpus.unescaped(response.content.decode(errors="replace"))):
            wrong.append(f"{role} {url}: shows {raw} unescaped")
    assert not wrong, "\n".join(wrong)


# --- uploads ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_files():
    """Name -> bytes of every file to refuse: polyglots, active content, archive bombs, oversized."""
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        files = dict(POLYGLOTS)
        files["bomb.odt"] = odt_mimetype_bomb(folder / "bomb.odt", size=60 * MB).read_bytes()
        files["bomb.docx"] = docx_bomb(folder / "bomb.docx", size=30 * MB).read_bytes()
        files["empty.pdf"] = b""
        yield files


HOSTILE_NAMES = [
    "../../etc/passwd.pdf",
    "..\\..\\windows\\system32\\report.pdf",
    "report\u202efdp.exe.pdf",
    "nul\x00byte.pdf",
    "a" * 300 + ".pdf",
    "CON.pdf",
    "<script>alert(1)</script>.pdf",
]


def _upload_performer(name: str, worlds):
    performers = corpus.policy_performers(worlds, prefix=name)
    return next((p for p in performers if p.name == name), None)


def _shown_on(client, url: str, response, *, api: bool) -> str | None:
    """The page that lists an accepted upload: the parent record's page."""
    if not api:
        return response.get("Location")
    parent = client.get(url.removesuffix("documents/"))
    return parent.json().get("html_url") if parent.status_code == 200 else None


def _check_uploads(client, url, data, files, refusals, *, api: bool, settings):
    settings.UPLOAD_MAX_BYTES = 64 * 1024  # an oversized file without sending megabytes
    before_db, before_files = corpus.database_fingerprint(), corpus.storage_files()
    oversized = sample_pdf("big")[:-6] + b"%" + b"x" * (65 * 1024) + b"\n%%EOF\n"
    for file_name, content in {**files, "oversized.pdf": oversized}.items():
        with rolled_back():
            response = client.post(url, {**data, "file": SimpleUploadedFile(file_name, content)})
            label = f"POST {url} [{file_name}]"
            if response.status_code < 400:
                refusals.wrong.append(f"{label}: accepted ({response.status_code})")
            refusals.check(label, response, before_db, before_files, api=api)
    pdf = sample_pdf("A harmless document")
    for file_name in HOSTILE_NAMES:
        with rolled_back():
            response = client.post(url, {**data, "file": SimpleUploadedFile(file_name, pdf)})
            label = f"POST {url} [name {file_name[:40]!r}]"
            refusals.check(label, response, before_db, before_files, api=api)
            if response.status_code < 400:
                root = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
                for path in corpus.storage_files() - before_files:
                    if root not in path.resolve().parents or file_name[-20:] in path.name:
                        refusals.wrong.append(f"{label}: stored as {path}, not under a random private name")
                refusals.raw_on(label, client, _shown_on(client, url, response, api=api))


@pytest.mark.parametrize("name", UPLOAD_PAGES)
def test_hostile_uploads_through_pages_are_refused(name, matrix, hostile_files, settings):
    users, worlds = matrix
    performer = _upload_performer(name, worlds)
    if performer is None:
        assert name in UNREACHED, f"no role of the policy may upload through {name}"
        pytest.skip(UNREACHED[name])
    client = client_for(users, performer.role)
    refusals = Refusals()
    _check_uploads(client, performer.url, performer.data or {}, hostile_files, refusals, api=False, settings=settings)
    assert not refusals.wrong, "\n".join(refusals.wrong)


@pytest.mark.parametrize("operation", API_UPLOADS, ids=lambda op: op.operation_id)
def test_hostile_uploads_through_the_api_are_refused(operation, matrix, hostile_files, api_performers, settings):
    users, _worlds = matrix
    performer = performer_for(operation, api_performers)
    if performer is None:
        assert operation.operation_id in UNREACHED, f"no role of the policy may upload to {operation.path}"
        pytest.skip(UNREACHED[operation.operation_id])
    client = client_for(users, performer.role)
    refusals = Refusals()
    _check_uploads(client, performer.url, performer.data or {}, hostile_files, refusals, api=True, settings=settings)
    assert not refusals.wrong, "\n".join(refusals.wrong)
