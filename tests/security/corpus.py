"""The hostile-input corpus's payloads and the tools that feed them through every form, API write, list
and upload (tests/security/test_corpus.py): the enumeration of what to feed, from the OpenAPI schema and
the access policy (tests/policy/), a form reader, and the fingerprints that prove a refusal changed
nothing."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.urls import Resolver404, resolve, reverse

from tests.policy import POLICY, ROLES

# --- payloads ---------------------------------------------------------------------------------------

SCRIPTS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    '\'><a href="javascript:alert(1)">x</a>',
]
URL_SCRIPT = "javascript:alert(1)"
# Right-to-left override, zero-width space and joiner, a combining mark and a surrogate-free emoji.
UNICODE_TRICK = "\u202etxt.exe\u200b\u200d e\u0301 \U0001f600"
NUL = "before\x00after"
ONE_MB = "x" * (1024 * 1024)

# What a page must never contain once a payload went through it: each payload's active part, unescaped.
RAW_MARKERS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    'href="javascript:alert(1)"',
    'src="javascript:alert(1)"',
)

SQLISH = ["' OR 1=1--", "1;DROP TABLE accounts_user", "__", "%", "\\", "a\x00b", "../../etc/passwd"]
HUGE_PAGE = "99999999999999999999"


def unescaped(html: str) -> list[str]:
    """The payload markers ``html`` shows raw."""
    return [marker for marker in RAW_MARKERS if marker in html]


# --- who may do what: the access policy ------------------------------------------------------------

ALLOWED = {200, 201, 204, 400, 409, 415, 428}
SUCCESS = {200, 201, 204, 302, 428}  # 428: allowed, the matrix just sends no If-Match
# The roles to ask first: owners before staff, so that a write is checked as its everyday author.
ROLE_PREFERENCE = (
    "focal_point",
    "entity_focal_point",
    "member",
    "expert_reviewer",
    "network_staff",
    "fund_manager",
    "admin",
    "anonymous",
)


@dataclass(frozen=True)
class Performer:
    """A role allowed to make one request of the policy, with its URL and the row's data."""

    name: str
    role: str
    url: str
    method: str
    data: dict | None
    code: int


def policy_performers(worlds: dict, *, prefix: str = "", methods=("post", "put", "patch")) -> list[Performer]:
    """Every policy row for ``methods`` under ``prefix`` with each role the policy lets make it, best
    first (the row's expected success, then :data:`ROLE_PREFERENCE`)."""
    found = []
    for name, rows in POLICY.items():
        if not name.startswith(prefix):
            continue
        for expect in rows:
            if expect.method not in methods:
                continue
            url, data = row_request(name, expect, worlds)
            for role in ROLES:
                code = expect.codes[role]
                if role != "anonymous" and (code in ALLOWED or (code == 302 and not name.startswith("api:"))):
                    found.append(Performer(name, role, url, expect.method, data, code))
    return sorted(found, key=lambda p: (p.code not in SUCCESS, ROLE_PREFERENCE.index(p.role)))


def page_rows() -> list[tuple[str, int]]:
    """The HTML pages of the policy (GET rows that some role gets with 200)."""
    return [
        (name, index)
        for name, rows in POLICY.items()
        if not name.startswith(("api:", "admin:")) and name not in ("schema", "docs")
        for index, expect in enumerate(rows)
        if expect.method == "get" and 200 in expect.codes.values()
    ]


def row_request(name: str, expect, worlds: dict) -> tuple[str, dict | None]:
    """The URL and data of the policy row ``expect`` of ``name``."""
    world = worlds[expect.world]
    kwargs = expect.kwargs(world) if callable(expect.kwargs) else expect.kwargs
    data = expect.data(world) if callable(expect.data) else expect.data
    return reverse(name, kwargs=kwargs), data


def page_readers(worlds: dict) -> dict[tuple[str, int], list[str]]:
    """Who reads each page of :func:`page_rows`: its everyday reader and a staff reader
    (:func:`page_roles`), and the role that makes each POST below it. A record's forms are on the record's
    page, whose URL is the longest page URL that begins the form's own (the meeting's page
    ``/mptf/meetings/5/`` for its decisions ``/mptf/meetings/5/decisions/``): that page is read as the
    first role the policy lets make the POST (:data:`ROLE_PREFERENCE`) that may read the page, so that a
    form shown only to it (a fund manager's, a programme's focal point's) is served."""
    urls = {(name, index): row_request(name, POLICY[name][index], worlds)[0] for name, index in page_rows()}
    readers = {row: page_roles(POLICY[row[0]][row[1]].codes) for row in urls}
    done = set()
    for performer in policy_performers(worlds, methods=("post",)):  # best first
        if performer.name.startswith(("api:", "admin:")) or (performer.name, performer.url) in done:
            continue
        below = {
            row: url
            for row, url in urls.items()
            if performer.url.startswith(url) and url != "/" and POLICY[row[0]][row[1]].codes[performer.role] == 200
        }
        if not below:
            continue
        done.add((performer.name, performer.url))
        longest = max(len(url) for url in below.values())
        for row, url in below.items():
            if len(url) == longest and performer.role not in readers[row]:
                readers[row].append(performer.role)
    return readers


def page_roles(codes: dict[str, int]) -> list[str]:
    """Who reads a page: its everyday reader, and a staff reader too (staff see curation forms)."""
    allowed = [role for role in ROLE_PREFERENCE if codes[role] == 200]
    ordinary = [role for role in allowed if role not in ("network_staff", "fund_manager", "admin")]
    staff = [role for role in allowed if role in ("network_staff", "fund_manager", "admin")]
    return (ordinary[:1] + staff[:1]) or allowed[:1]


# --- the OpenAPI schema -----------------------------------------------------------------------------


@functools.cache
def openapi() -> dict:
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    content_type: str
    schema: dict = field(hash=False, compare=False)
    parameters: tuple = field(default=(), hash=False, compare=False)

    def matches(self, url: str) -> bool:
        pattern = "^" + re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(self.path)) + "$"
        return re.match(pattern, urlsplit(url).path) is not None


def resolved(schema: dict) -> dict:
    while "$ref" in schema:
        schema = openapi()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def operations(*, with_body: bool) -> list[Operation]:
    """The schema's operations with a request body (``with_body``), or its GET operations."""
    found = []
    for path, methods in openapi()["paths"].items():
        for method, operation in methods.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            body = operation.get("requestBody")
            if with_body and body:
                content_type = next(iter(body["content"]))
                schema = resolved(body["content"][content_type]["schema"])
                found.append(Operation(operation["operationId"], method, path, content_type, schema))
            elif not with_body and method == "get":
                parameters = tuple(p for p in operation.get("parameters", ()) if p.get("in") == "query")
                found.append(Operation(operation["operationId"], method, path, "", {}, parameters))
    return found


def string_properties(schema: dict) -> dict[str, dict]:
    """The writable free-text properties of a request schema (no enum, date or binary)."""
    properties = {}
    for name, prop in schema.get("properties", {}).items():
        prop = resolved(prop)
        if prop.get("readOnly") or prop.get("type") != "string" or "enum" in prop:
            continue
        if prop.get("format") in ("date", "date-time", "binary", "decimal", "uuid", "time"):
            continue
        properties[name] = prop
    return properties


def filled(base: dict | None, schema: dict, value) -> dict:
    """``base`` with every free-text property set to ``value(index, property)``, repeated up to the
    property's minimum length."""
    body = dict(base or {})
    for index, (name, prop) in enumerate(string_properties(schema).items()):
        text = value(index, prop)
        body[name] = " ".join([text] * -(-prop.get("minLength", 0) // len(text))) if prop.get("minLength") else text
    return body


def script_value(index: int, prop: dict) -> str:
    """A script for text (with the Unicode tricks: right-to-left override, zero-width characters), a
    ``javascript:`` URL for links, a script in the local part of an address."""
    if prop.get("format") == "uri":
        return URL_SCRIPT
    if prop.get("format") == "email":
        return f'"{SCRIPTS[0]}"@example.org'
    return SCRIPTS[index % len(SCRIPTS)] + UNICODE_TRICK


def wrong_types(schema: dict) -> dict:
    """Each property of the wrong type: objects for text, huge numbers for integers, text for the rest."""
    body = {}
    for name, prop in schema.get("properties", {}).items():
        prop = resolved(prop)
        if prop.get("readOnly"):
            continue
        kind = prop.get("type")
        body[name] = {"$gt": ""} if kind == "string" else 10**40 if kind in ("integer", "number") else "x"
    return body


# Truncated, valid JSON that is no object (a list, null), a constant JSON does not have, a NUL first.
MALFORMED_JSON = ['{"title": "x",', "[1, 2, 3]", "null", '{"a": NaN}', "\x00{}"]


# --- forms ------------------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    fields: list[tuple[str, str, str]]  # (name, kind, value)
    has_file: bool = False
    method: str = "post"

    def key(self) -> tuple:
        """The form's shape: the view it posts to and its fields. The same form shown for many records
        (an invitation's answer on each row of a list) is fed once."""
        try:
            match = resolve(urlsplit(self.action).path)
        except Resolver404:
            return (self.action, self.method, tuple(sorted({name for name, _, _ in self.fields})))
        words = tuple(sorted((k, v) for k, v in match.kwargs.items() if not isinstance(v, int)))  # an action's name
        return (match.view_name, words, self.method, tuple(sorted({name for name, _, _ in self.fields})))

    def text_fields(self) -> list[str]:
        return [name for name, kind, _ in self.fields if kind in ("text", "textarea") and name != "csrfmiddlewaretoken"]


class FormReader(HTMLParser):
    """The forms of a page, with each field as a browser would send it."""

    TEXT = {"text", "email", "url", "search", "tel", ""}

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: list | None = None
        self._select: list | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            self._form = Form(action=attrs.get("action") or self.page_url, fields=[], method=method)
            return
        form = self._form
        if form is None or attrs.get("disabled") is not None or attrs.get("form"):
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "").lower()
            if kind == "file":
                form.has_file = True
            elif kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    form.fields.append((name, kind, attrs.get("value") or "on"))
            elif kind not in ("submit", "button", "image", "reset"):
                form.fields.append((name, "text" if kind in self.TEXT else kind, attrs.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = [name, None, None, "multiple" in attrs]
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select[2] is None:
                self._select[2] = value
            if "selected" in attrs:
                if self._select[3]:
                    form.fields.append((self._select[0], "select", value))
                    self._select[1] = value
                elif self._select[1] is None:
                    self._select[1] = value

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        form = self._form
        if tag == "form" and form is not None:
            self.forms.append(form)
            self._form = None
        elif tag == "textarea" and self._textarea is not None and form is not None:
            form.fields.append((self._textarea[0], "textarea", self._textarea[1]))
            self._textarea = None
        elif tag == "select" and self._select is not None and form is not None:
            name, selected, first, multiple = self._select
            if not multiple and (selected or first) is not None:
                form.fields.append((name, "select", selected if selected is not None else first))
            self._select = None


def page_forms(html: str, page_url: str) -> list[Form]:
    """Every form of a page, POST and GET."""
    reader = FormReader(page_url)
    reader.feed(html)
    return reader.forms


def own_query_fields(forms: list[Form], page_url: str) -> set[str]:
    """The names of a page's own search and filter fields: its GET forms that ask the page itself (not
    the layout's language switcher or site search)."""
    path = urlsplit(page_url).path
    return {
        name
        for form in forms
        if form.method == "get" and urlsplit(form.action).path in ("", path)
        for name, _, _ in form.fields
    }


def form_body(form: Form, value) -> dict[str, list[str]]:
    """The form's fields as served, with each text field and text area set to ``value(index)``."""
    body: dict[str, list[str]] = {}
    index = 0
    for name, kind, served in form.fields:
        if kind in ("text", "textarea") and name != "csrfmiddlewaretoken":
            body.setdefault(name, []).append(value(index))
            index += 1
        else:
            body.setdefault(name, []).append(served)
    return body


TAMPERED = [*SCRIPTS, URL_SCRIPT, *SQLISH, "-1", HUGE_PAGE]


def tampered_body(form: Form) -> dict[str, list[str]]:
    """Every field of the form, hidden ones, choices and check boxes too, holding a hostile value, and
    fields the form does not have (a privilege, an owner) added."""
    body: dict[str, list[str]] = {}
    for index, (name, _kind, served) in enumerate(form.fields):
        body.setdefault(name, []).append(served if name == "csrfmiddlewaretoken" else TAMPERED[index % len(TAMPERED)])
    return body | {"is_superuser": ["on"], "is_staff": ["on"], "user": ["1"], "created_by": ["1"]}


MALFORMED_MULTIPART = b'--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nno closing boundary'


def url_name(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


# --- fingerprints: what a refusal must leave unchanged ---------------------------------------------

# Written by refusals by design: the sessions of signed-in clients, the security log of refused access
# (docs/security.md, V16) and django-axes' record of failed sign-ins, which the lockout counts (V6).
UNFINGERPRINTED_TABLES = {
    "django_session",
    "core_securityevent",
    "axes_accessattempt",
    "axes_accessfailurelog",
    "axes_accesslog",
}


@functools.cache
def _fingerprint_sql() -> str:
    """One query: per table, its row count, and for tables of records that carry them (as the models
    say: introspecting each table costs seconds), the sum of their versions and the latest update
    time. Every service write either adds or removes rows or saves
    a record, which bumps ``updated_at`` (``auto_now``) or ``version``; comparing every row's content
    would cost a full read of the database per request, for no write these three would miss."""
    columns: dict[str, set[str]] = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            columns.setdefault(model._meta.db_table, set()).update(f.column for f in model._meta.concrete_fields)
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    parts = []
    for table in sorted(tables - UNFINGERPRINTED_TABLES):
        quoted = connection.ops.quote_name(table)
        parts.append(f"(SELECT COUNT(*) FROM {quoted})")
        if "version" in columns.get(table, ()):
            parts.append(f"(SELECT SUM(version) FROM {quoted})")
        if "updated_at" in columns.get(table, ()):
            parts.append(f"(SELECT MAX(updated_at) FROM {quoted})")
    return "SELECT " + ", ".join(parts)


def database_fingerprint() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(_fingerprint_sql())
        return tuple(cursor.fetchone())


def storage_files() -> set[Path]:
    files = set()
    for root in (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)):
        if root.exists():
            files |= {path for path in root.rglob("*") if path.is_file()}
    return files


def is_html(response) -> bool:
    return not getattr(response, "streaming", False) and response.get("Content-Type", "").startswith("text/html")


def json_problem(response) -> str | None:
    """Why a refusal is not a clear one: not JSON, or no message in it."""
    if not response.get("Content-Type", "").startswith("application/json"):
        return f"answered {response.get('Content-Type')}, not JSON"
    try:
        body = json.loads(response.content)
    except ValueError:
        return "answered a body that is not JSON"
    if not body or not isinstance(body, dict | list):
        return f"answered no message: {body!r}"
    return None


REFERENCE_KEYS = ("iso2", "code", "number", "letter", "id", "pk")


def _as_input(value):
    """A value of a record's representation as its write serializer takes it (references by key)."""
    if isinstance(value, dict):
        return next((value[key] for key in REFERENCE_KEYS if key in value), value)
    if isinstance(value, list):
        return [_as_input(item) for item in value]
    return value


def writable_values(representation: dict, schema: dict) -> dict:
    """The record's current values of the request schema's properties."""
    return {
        name: _as_input(representation[name])
        for name, prop in schema.get("properties", {}).items()
        if representation.get(name) is not None and not resolved(prop).get("readOnly")
    }


def refused_fields(response, body, base: dict) -> set[str]:
    """The fields a 400 names that hold something else than the base body's value."""
    if response.status_code != 400 or not isinstance(body, dict):
        return set()
    try:
        errors = json.loads(response.content)
    except ValueError:
        return set()
    if not isinstance(errors, dict):
        return set()
    named = {key for key in errors if key in body and body[key] != base.get(key, object())}
    # a refusal of the whole (one field against another): keep only the fields of the base body
    return named or {key for key in body if key not in base}
