"""The hostile-input corpus, fed generically through every API write (from the OpenAPI schema), every
HTML form (from the pages of the access policy), every list (API and HTML) and every upload, each as a
user the policy lets use it (tests/policy/, the matrix's records). A new form, API operation or upload
is covered as soon as it is in the policy; one that cannot be reached fails here unless ``UNREACHED``
says why.

Pages are read as their everyday reader, a staff reader and the role that makes each POST below them
(tests/security/corpus.py, ``page_readers``), and as the personas: users who hold no role of the matrix, or
records the matrix's users lack, and who alone see some forms and writes (``build_personas`` here).

Each request runs in a savepoint that is rolled back, so every request meets the same records. The
checks: never a 5xx; a refusal is a 4xx (a form may also re-show itself with its errors) with a JSON
message for the API, and leaves the database (tests/security/corpus.py, ``database_fingerprint``) and
the storage unchanged; an accepted write shows its text escaped on the record's page."""

from __future__ import annotations

import contextlib
import hashlib
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

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

# Operations, forms and uploads the corpus does not reach, each with its reason. Empty: everything is
# reached; an entry the corpus reaches after all fails the tests, like a new view it does not reach.
UNREACHED: dict[str, str] = {}


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
    user = users[role]
    if user is not None:
        client.force_login(user)
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is not None:  # signed in with the second factor, as its owner would be
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


@dataclass(frozen=True)
class Persona:
    """A user who alone sees some forms or writes, and the pages where they are shown."""

    user: object
    pages: tuple[str, ...]


# Who they are is said by build_personas; the tests are parametrized by these names.
PERSONA_NAMES = ("owner", "asked_expert", "declared_expert", "submitter")


def build_personas(users, worlds) -> dict[str, Persona]:

    from gcm_portal.accounts import services as accounts
    from gcm_portal.taxonomy.models import Country
    from knowledge import services as knowledge
    from knowledge.services.follows import follow_create
    from tests.factories.accounts import user_with_role

    hub = worlds["knowledge"]
    # a member with what only its owner sees: an API token, a second factor, a follow
    owner = user_with_role("member", email="corpus-owner@example.org")
    accounts.api_token_create(user=owner, name="script", days=30)
    TOTPDevice.objects.create(user=owner, name="authenticator", confirmed=True)
    follow_create(actor=owner, country=Country.objects.get(iso2="GH"))
    # the expert asked to review the practice in review, who has not declared yet; a second one, who
    # declared no conflict of interest and has the review to write
    asked = hub.assignment
    declared = knowledge.assignment_declare(
        assignment=knowledge.reviewer_assign(practice=hub.in_review, expert=hub.experts[1], actor=hub.staff),
        actor=hub.experts[1].user,
        has_conflict=False,
    )
    personas = {
        "owner": Persona(
            owner,
            (
                reverse("accounts:profile"),
                reverse("accounts:two-factor-recovery-codes"),
                reverse("knowledge:follow-list"),
            ),
        ),
        "asked_expert": Persona(asked.expert.user, (reverse("knowledge:assignment-detail", kwargs={"pk": asked.pk}),)),
        "declared_expert": Persona(
            declared.expert.user, (reverse("knowledge:assignment-detail", kwargs={"pk": declared.pk}),)
        ),
        # the member who submitted the hub's practices and suggested its pending resource
        "submitter": Persona(hub.member, (reverse("knowledge:practice-detail", kwargs={"pk": hub.info_requested.pk}),)),
    }
    assert set(personas) == set(PERSONA_NAMES)
    return personas


@pytest.fixture(scope="module")
def personas(matrix, django_db_blocker):
    """The personas, built in the matrix's module transaction (rolled back after the module)."""
    users, worlds = matrix
    with django_db_blocker.unblock():
        return build_personas(users, worlds)


@pytest.fixture(scope="module")
def readers(matrix, personas):
    """The matrix's users and the personas' users, by name, and who reads each page."""
    users, worlds = matrix
    return {**users, **{name: persona.user for name, persona in personas.items()}}, corpus.page_readers(worlds)


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


def persona_performer(operation, worlds, everyone, personas):
    """For a write no role of the matrix may make: the first persona the policy row's own request
    lets make it (a submitter resubmits), found by asking, rolled back."""
    method = "patch" if operation.method == "put" else operation.method
    for name, rows in POLICY.items():
        for expect in rows:
            if not name.startswith("api:") or expect.method != method:
                continue
            url, data = corpus.row_request(name, expect, worlds)
            if not operation.matches(url):
                continue
            for persona in personas:
                client = client_for(everyone, persona)
                with rolled_back():
                    code = _send(client, operation, url, data or {}, {}).status_code
                if code in corpus.ALLOWED:
                    return corpus.Performer(name, persona, url, expect.method, data, code)
    return None


def api_performer(operation, matrix, api_performers, readers, personas):
    _users, worlds = matrix
    performer = performer_for(operation, api_performers)
    if performer is None:
        performer = persona_performer(operation, worlds, readers[0], personas)
    if performer is None:
        assert operation.operation_id in UNREACHED, f"no role nor persona may {operation.method} {operation.path}"
        pytest.skip(UNREACHED[operation.operation_id])
    assert operation.operation_id not in UNREACHED, f"{operation.operation_id} is reached: remove it from UNREACHED"
    return performer


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
SETTLED = {"scripts"}
UNKNOWN_FIELDS = {"is_superuser": True, "created_by": 1, "__proto__": {"admin": True}}


@pytest.mark.parametrize("operation", API_WRITES, ids=lambda op: op.operation_id)
def test_hostile_api_writes_are_refused_or_stored_as_text(operation, matrix, api_performers, readers, personas):
    performer = api_performer(operation, matrix, api_performers, readers, personas)
    client = client_for(readers[0], performer.role)
    url = performer.url
    headers, current = _current(client, operation, url)
    base = current | (performer.data or {}) if operation.method == "put" else performer.data or {}
    schema = operation.schema
    text = corpus.string_properties(schema)
    bodies = {
        # scripts and Unicode tricks together, with fields the schema does not have (privileges, an owner)
        "scripts": {**corpus.filled(base, schema, corpus.script_value), **UNKNOWN_FIELDS},
        "nul": corpus.filled(base, schema, lambda i, p: corpus.NUL),
        "wrong types": corpus.wrong_types(schema),
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


# --- HTML forms, pages and their queries ------------------------------------------------------------

# Forms of the page layout, shown on every page: fed once, from the home page.
LAYOUT_ACTIONS = {"set_language", "accounts:logout"}
POSTED_VIEWS = sorted(
    name
    for name, rows in POLICY.items()
    if not name.startswith(("api:", "admin:")) and any(row.method == "post" for row in rows)
)
# A page case: a page row of the policy, read as its readers, or a persona, read on its pages.
ROWS = {f"{name}[{index}]": (name, index) for name, index in PAGES}
PAGE_CASES = [*ROWS, *(f"persona:{name}" for name in PERSONA_NAMES)]
# The shapes of the forms this process fed (corpus.Form.key): a form shown on many pages, or for many
# records, is fed once.
FED: set[tuple] = set()


def _page_reads(case: str, matrix, readers, personas) -> list[tuple[str, Client, str, dict | None]]:
    """(reader, client, url, query) of each read of a page case."""
    everyone, page_readers = readers
    if case.startswith("persona:"):
        name = case.removeprefix("persona:")
        client = client_for(everyone, name)
        return [(name, client, url, None) for url in personas[name].pages]
    name, index = ROWS[case]
    url, query = corpus.row_request(name, POLICY[name][index], matrix[1])
    return [(role, client_for(everyone, role), url, query) for role in page_readers[(name, index)]]


def _served(form, page_url: str) -> str | None:
    """The view a form of a page feeds, if it is one that takes a POST: a POST form, or a GET form to
    another page whose view takes a POST too (the language switcher)."""
    action = corpus.url_name(form.action)
    if form.method == "post":
        return action
    if action in POSTED_VIEWS and urlsplit(form.action).path != urlsplit(page_url).path:
        return action
    return None


@pytest.fixture(scope="session")
def served_folder(tmp_path_factory, worker_id):
    """Where each page case writes which views its forms post to, shared by the test processes of a
    run, for the test that every view is reached."""
    root = tmp_path_factory.getbasetemp()
    folder = (root.parent if worker_id != "master" else root) / "corpus-served"
    folder.mkdir(exist_ok=True)
    return folder


def _record(folder: Path, case: str) -> Path:
    return folder / (hashlib.sha256(case.encode()).hexdigest()[:24] + ".json")


@pytest.mark.parametrize("case", PAGE_CASES)
def test_hostile_form_input_and_queries_are_refused_or_shown_escaped(case, matrix, readers, personas, served_folder):
    """Every form of the page, as each of its readers sees it, and the page's own queries."""
    refusals = Refusals()
    served: set[str] = set()
    queried = False
    for reader, client, url, query in _page_reads(case, matrix, readers, personas):
        with rolled_back():  # the page as served is the baseline (showing some forms prepares a record)
            page = client.get(url, query or {})
            assert page.status_code == 200, (reader, url, page.status_code)
            if not corpus.is_html(page):
                continue  # a download or an export
            forms = corpus.page_forms(page.content.decode(), url)
            for form in forms:
                action = _served(form, url)
                if action is None:
                    continue
                served.add(action)
                if (action in LAYOUT_ACTIONS and url != "/") or form.key() in FED:
                    continue
                FED.add(form.key())
                _feed_form(client, form, url, reader, refusals)
            fields = corpus.own_query_fields(forms, url) | set(query or {})
            if fields and not queried:
                queried = True
                _feed_queries(client, url, reader, sorted(fields), refusals)
    record = _record(served_folder, case)
    record.with_suffix(".tmp").write_text(json.dumps(sorted(served)))
    record.with_suffix(".tmp").replace(record)
    assert not refusals.wrong, "\n".join(refusals.wrong)


def _feed_form(client, form, url, reader, refusals):
    if form.text_fields():
        bodies = {
            "scripts": corpus.form_body(form, lambda i: corpus.SCRIPTS[i % len(corpus.SCRIPTS)]),
            "unicode and NUL": corpus.form_body(form, lambda i: corpus.NUL if i == 0 else corpus.UNICODE_TRICK),
        }
    else:  # nothing to type in: as served, and as a broken or oversized request
        bodies = {"as served": corpus.form_body(form, str)}
        if form.method == "post":
            bodies["malformed"] = corpus.MALFORMED_MULTIPART
            bodies["huge"] = {"padding": "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    bodies["tampered"] = corpus.tampered_body(form)
    before_db, before_files = corpus.database_fingerprint(), corpus.storage_files()
    methods = ("get", "post") if form.method == "get" else ("post",)
    for method in methods:
        for name, body in bodies.items():
            label = f"{reader} {method.upper()} {form.action} (form on {url}) [{name}]"
            with rolled_back():
                if isinstance(body, bytes):
                    response = client.post(form.action, body, content_type="multipart/form-data; boundary=x")
                else:
                    response = getattr(client, method)(form.action, body)
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


def _list_queries(names: list[str]) -> list[dict]:
    injection = {name: corpus.SQLISH[i % len(corpus.SQLISH)] for i, name in enumerate(names)}
    tricks = {name: "%" if i % 2 else "__" for i, name in enumerate(names)}
    return [
        injection | {"ordering": "-created_by__password"},
        tricks | {"page": "-1", "page_size": str(10**9), "ordering": "password"},
        {"page": corpus.HUGE_PAGE, "q": "a" * 10000, "search": "x\x00y"},
    ]


def _feed_queries(client, url, reader, names, refusals):
    for query in _list_queries(names):
        with rolled_back():
            response = client.get(url, query)
        if response.status_code not in (200, 302, 400, 404):
            refusals.wrong.append(f"{reader} {url}?{list(query)}: {response.status_code}")
        elif corpus.is_html(response) and (raw := corpus.unescaped(response.content.decode(errors="replace"))):
            refusals.wrong.append(f"{reader} {url}: shows {raw} unescaped")


@pytest.mark.parametrize("operation", API_READS, ids=lambda op: op.operation_id)
def test_hostile_api_list_queries_get_a_clear_answer(operation, matrix, readers):
    users, worlds = matrix
    performers = corpus.policy_performers(worlds, prefix="api:", methods=("get",))
    reader = next((p for p in performers if p.code == 200 and operation.matches(p.url)), None)
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
def test_hostile_uploads_through_the_api_are_refused(
    operation, matrix, hostile_files, api_performers, readers, personas, settings
):
    performer = api_performer(operation, matrix, api_performers, readers, personas)
    client = client_for(readers[0], performer.role)
    refusals = Refusals()
    _check_uploads(client, performer.url, performer.data or {}, hostile_files, refusals, api=True, settings=settings)
    assert not refusals.wrong, "\n".join(refusals.wrong)


# --- reach: last, so that the form tests of the run have recorded what they read --------------------


def test_every_view_that_takes_a_post_is_fed_through_a_served_form(matrix, readers, personas, served_folder):
    """The pages the form test reads (as the same readers) show a form for every view of the policy that
    takes a POST, so the form test feeds them all; uploads are fed by the upload tests. A page case the
    form test has not recorded yet in this run (it runs in another process, or was not selected) is read
    here."""
    served = set()
    for case in PAGE_CASES:
        record = _record(served_folder, case)
        if record.exists():
            served |= set(json.loads(record.read_text()))
            continue
        for _reader, client, url, query in _page_reads(case, matrix, readers, personas):
            with rolled_back():
                page = client.get(url, query or {})
            if corpus.is_html(page):
                served |= {_served(form, url) for form in corpus.page_forms(page.content.decode(), url)}
    missing = sorted(set(POSTED_VIEWS) - served - set(UPLOAD_PAGES) - set(UNREACHED))
    assert not missing, f"views that take a POST but no page the corpus reads shows their form: {missing}"
    reached = sorted(set(UNREACHED) & served)
    assert not reached, f"reached after all: remove them from UNREACHED: {reached}"
