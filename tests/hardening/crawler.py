"""A hostile crawler: every URL pattern, as each persona, with bad values in every input it finds.

It resolves the project's URL patterns (the site, the back office, the privacy pages; the
Django admin and allauth's own views are left to their authors), fills path parameters with
good values to reach each page, reads the forms and links of the page it gets, then sends
hostile values into each path parameter, query parameter and form field, one at a time, the
others left as the page proposed them. The API is walked from its OpenAPI document: path and
query parameters, and JSON bodies built from the schema's fields with wrong types and
extremes. What it reports: every answer of 500 or more and every log record of level ERROR or
with a traceback, each with the request that caused it.

The walk is random but seeded: the seed is printed, and `CRAWL_SEED=<seed>` replays it.
`CRAWL_REQUESTS` bounds the number of hostile requests (the good requests that reach each page
come on top).
"""

from __future__ import annotations

import json
import logging
import os
import random
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

# Values that have broken parsers somewhere. Each is a str sent as is (URL-encoded by the
# client), except the RAW ones, sent as bytes that are not valid UTF-8.
HOSTILE_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999",
    "1e308",
    "NaN",
    "0001-01-01",
    "9999-12-31",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:00:00-05:00",
    "9999-12-31T23:59:59+14:00",
    "2026-02-30",
    "24:61",
    "a\x00b",
    "x" * 10_240,
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../etc/passwd",
    "[]",
    "{}",
    "true",
    "é" * 300,
]
# Bytes that do not decode as UTF-8, percent-encoded in a query string or a form body.
RAW_INVALID_UTF8 = "%FF%FE%C3%28"
# Path parameters take what their converter accepts: these are tried for each.
HOSTILE_PATH = {
    "int": ["0", "99999999999999999999", "9" * 400],
    "slug": ["x" * 2_000, "0", "-", "_"],
    "str": ["0", "x" * 2_000, "%00", "%FF%FE", "<b>", "..", "9999-12-31", "-1"],
    "path": ["0", "x" * 2_000, "%00", "%FF%FE", "a/b/c"],
}
# JSON values of every type and at every extreme, for API bodies.
HOSTILE_JSON: list[Any] = [
    None,
    True,
    0,
    -1,
    2**63,
    -(2**63) - 1,
    10**30,
    1e308,
    0.5,
    "",
    "x" * 10_240,
    "a\x00b",
    "0001-01-01T00:00:00+00:00",
    "9999-12-31T23:00:00-05:00",
    "9999-12-31",
    "0001-01-01",
    [],
    [None],
    [2**63],
    {},
    {"a": 1},
    "<script>alert(1)</script>",
]

# Paths the crawler does not post to: they would end the persona's session.
NO_POST = re.compile(r"logout|/i18n/setlang/")
# Third-party views: Django's admin and allauth's, tested by their authors.
SKIPPED_PREFIXES = ("admin/", "accounts/", "_allauth/", "api/v1/")


@dataclass
class Outcome:
    persona: str
    method: str
    url: str
    status: int
    what: str = ""

    def __str__(self) -> str:
        url = self.url if len(self.url) < 200 else self.url[:200] + "..."
        return f"{self.status} {self.persona} {self.method} {url} {self.what}".rstrip()


@dataclass
class Report:
    seed: int
    sent: int = 0
    candidates: int = 0
    failures: list[Outcome] = field(default_factory=list)
    tracebacks: list[Outcome] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"crawler seed {self.seed}: {self.sent} requests (of {self.candidates} hostile "
            f"candidates), {len(self.failures)} answers "
            f">= 500, {len(self.tracebacks)} error log records"
        ]
        lines += [f"  5xx: {outcome}" for outcome in self.failures]
        lines += [f"  log: {outcome}" for outcome in self.tracebacks]
        return "\n".join(lines)


class _Recorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def error_log_recorder() -> Iterator[_Recorder]:
    """Every record of level ERROR or more, from any logger (the ones that do not propagate
    included)."""
    recorder = _Recorder()
    loggers = [logging.getLogger(), *map(logging.getLogger, ("django", "django.request"))]
    for logger in loggers:
        logger.addHandler(recorder)
    try:
        yield recorder
    finally:
        for logger in loggers:
            logger.removeHandler(recorder)


# --- Pages: forms and links ---------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]]


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.links: list[str] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._select_value: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self._form = Form(a.get("action", ""), (a.get("method") or "get").lower(), [])
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind not in ("submit", "button", "image", "file") or kind == "submit":
                self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and a.get("name"):
            self._form.fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self._select, self._select_value = a["name"], None
        elif tag == "option" and self._select is not None:
            if self._select_value is None or "selected" in a:
                self._select_value = a.get("value", "")
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._form.fields.append((a["name"], ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None and self._form is not None:
            self._form.fields.append((self._select, self._select_value or ""))
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse_page(html: str) -> _PageParser:
    parser = _PageParser()
    # A page the parser cannot read has no form for us.
    with suppress(Exception):
        parser.feed(html)
    return parser


# --- URL patterns -------------------------------------------------------------------------------

_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Pattern:
    route: str  # e.g. "pro/<slug:salon>/bookings/<str:reference>/"
    name: str

    def params(self) -> list[tuple[str, str]]:
        return [
            (m.group("converter") or "str", m.group("name")) for m in _PARAM.finditer(self.route)
        ]

    def fill(self, values: dict[str, str]) -> str:
        return "/" + _PARAM.sub(lambda m: values[m.group("name")], self.route)


def url_patterns() -> list[Pattern]:
    """Every route of the project's URLconf that is ours, as route strings."""
    found: list[Pattern] = []

    def walk(patterns: Iterable[URLPattern | URLResolver], prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if route.startswith(SKIPPED_PREFIXES) or route.startswith("^"):
                continue
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route)
            else:
                found.append(Pattern(route, entry.name or route))

    walk(get_resolver().url_patterns, "")
    return found


# --- The crawl ----------------------------------------------------------------------------------


@dataclass
class Persona:
    name: str
    client: Client
    api_headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Request:
    persona: Persona
    method: str
    url: str
    data: Any = None
    content_type: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class Crawler:
    def __init__(
        self,
        *,
        personas: list[Persona],
        good_values: dict[str, list[str]],
        seed: int | None = None,
        budget: int | None = None,
    ) -> None:
        if seed is None:
            seed = int(os.environ.get("CRAWL_SEED") or random.SystemRandom().randrange(10**9))
        self.seed = seed
        self.random = random.Random(seed)
        self.budget = budget if budget is not None else int(os.environ.get("CRAWL_REQUESTS", 5000))
        self.personas = personas
        self.good_values = good_values
        self.report = Report(seed=seed)
        self._recorder: _Recorder | None = None

    # One request, with its outcome recorded.
    def send(self, request: Request) -> Any:
        assert self._recorder is not None
        before = len(self._recorder.records)
        client = request.persona.client
        method = request.method.lower()
        kwargs: dict[str, Any] = {"headers": request.headers} if request.headers else {}
        if request.content_type:
            kwargs["content_type"] = request.content_type
        try:
            if method in ("get", "head"):
                response = getattr(client, method)(request.url, **kwargs)
            else:
                data = request.data if request.data is not None else {}
                response = getattr(client, method)(request.url, data, **kwargs)
        except Exception as error:  # the test client re-raises nothing, but be sure
            self.report.failures.append(
                Outcome(request.persona.name, request.method, request.url, 0, repr(error)[:300])
            )
            return None
        self.report.sent += 1
        if response.status_code >= 500:
            self.report.failures.append(
                Outcome(request.persona.name, request.method, request.url, response.status_code)
            )
        for record in self._recorder.records[before:]:
            what = f"{record.name}: {record.getMessage()[:120]}"
            if record.exc_info and record.exc_info[1] is not None:
                what += f" ({type(record.exc_info[1]).__name__}: {record.exc_info[1]!s:.120})"
            self.report.tracebacks.append(
                Outcome(
                    request.persona.name, request.method, request.url, response.status_code, what
                )
            )
        return response

    def run(self, api_schema: dict[str, Any] | None = None) -> Report:
        print(f"crawler seed: {self.seed} (CRAWL_SEED={self.seed} replays this walk)")
        with error_log_recorder() as recorder:
            self._recorder = recorder
            hostile: list[Request] = []
            for persona in self.personas:
                hostile += self._site_requests(persona)
                if api_schema is not None:
                    hostile += self._api_requests(persona, api_schema)
            self.random.shuffle(hostile)
            # Interleave so that a bounded budget still reaches every page: one request of each
            # (persona, path template) first, then the rest.
            seen: set[tuple[str, str]] = set()
            first, rest = [], []
            for request in hostile:
                key = (request.persona.name, _template(request.url))
                (rest if key in seen else first).append(request)
                seen.add(key)
            self.report.candidates = len(hostile)
            for request in (first + rest)[: self.budget]:
                self.send(request)
        return self.report

    # --- The site ------------------------------------------------------------------------------

    def _good(self, name: str) -> str:
        return self.random.choice(self.good_values.get(name) or ["1"])

    def _site_requests(self, persona: Persona) -> list[Request]:
        requests: list[Request] = []
        for pattern in url_patterns():
            params = pattern.params()
            good = {name: self._good(name) for _converter, name in params}
            url = pattern.fill(good)
            response = self.send(Request(persona, "GET", url))
            # Path parameters: each one hostile in turn.
            for converter, name in params:
                for value in HOSTILE_PATH.get(converter, HOSTILE_PATH["str"]):
                    bad = pattern.fill({**good, name: value})
                    requests.append(Request(persona, "GET", bad))
                    if not NO_POST.search(bad):
                        requests.append(Request(persona, "POST", bad, {"x": "1"}))
            if response is None or "html" not in response.get("Content-Type", ""):
                continue
            page = parse_page(response.content.decode("utf-8", "replace"))
            # Query parameters: those of the page's own links, and of its GET forms.
            queries: dict[str, list[tuple[str, str]]] = {}
            for link in page.links:
                parts = urlsplit(link)
                if parts.netloc or not parts.query or parts.path.startswith("/admin/"):
                    continue
                queries.setdefault(parts.path or url, parse_qsl(parts.query, True))
            for form in page.forms:
                target = urlsplit(form.action).path or url
                if form.method == "get":
                    queries.setdefault(target, form.fields)
                elif not NO_POST.search(target):
                    requests += self._form_posts(persona, target, form.fields)
            queries.setdefault(url, [("date", ""), ("page", ""), ("q", "")])
            for path, fields in queries.items():
                requests += self._queries(persona, path, fields)
        return requests

    @staticmethod
    def _is_date(name: str, current: str) -> bool:
        return bool(
            re.search(r"date|day|start|end|time|week|from|until|month|^to$", name)
            or re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", current)
        )

    def _filled(self, fields: list[tuple[str, str]]) -> list[tuple[str, str]]:
        # A field the page leaves empty gets a good value when one is known, so that a hostile
        # value in another field is not refused for the wrong reason.
        return [(n, v or (self._good(n) if n in self.good_values else v)) for n, v in fields]

    def _variants(self, fields: list[tuple[str, str]]) -> Iterator[list[tuple[str, str]]]:
        """The fields with one of them hostile, in turn; and every date-like field at once at
        each extreme (a period from 9999-12-31 to 9999-12-31)."""
        fields = self._filled(fields)
        for index, (name, current) in enumerate(fields):
            if name == "csrfmiddlewaretoken":
                continue
            for value in self._values_for(name, current):
                yield [(n, v) for i, (n, v) in enumerate(fields) if i != index] + [(name, value)]
        dates = [i for i, (n, v) in enumerate(fields) if self._is_date(n, v)]
        if len(dates) > 1:
            for value in ("0001-01-01", "9999-12-31", "9999-12-31T23:00"):
                yield [(n, value if i in dates else v) for i, (n, v) in enumerate(fields)]

    def _values_for(self, name: str, current: str) -> list[str]:
        # Every field gets a random handful of hostile values; fields that look like dates or
        # times always get the extreme years.
        values = self.random.sample(HOSTILE_TEXT, 5)
        if self._is_date(name, current):
            values += ["0001-01-01", "9999-12-31", "9999-12-31T23:00:00-05:00"]
            values += ["0001-01-01T00:00:00+00:00"]
        return list(dict.fromkeys(values))

    def _queries(self, persona: Persona, path: str, fields: list[tuple[str, str]]) -> list[Request]:
        requests = [
            Request(persona, "GET", f"{path}?{urlencode(data)}") for data in self._variants(fields)
        ]
        for index, (name, _current) in enumerate(fields):
            raw = urlencode([(n, v) for i, (n, v) in enumerate(fields) if i != index])
            raw = f"{raw}&" if raw else ""
            requests.append(
                Request(persona, "GET", f"{path}?{raw}{quote(name)}={RAW_INVALID_UTF8}")
            )
        return requests

    def _form_posts(
        self, persona: Persona, path: str, fields: list[tuple[str, str]]
    ) -> list[Request]:
        form = "application/x-www-form-urlencoded"
        requests = [
            Request(persona, "POST", path, urlencode(data), form) for data in self._variants(fields)
        ]
        for index, (name, _current) in enumerate(fields):
            if name == "csrfmiddlewaretoken":
                continue
            others = [(n, v) for i, (n, v) in enumerate(fields) if i != index]
            raw = urlencode(others)
            raw = f"{raw}&" if raw else ""
            requests.append(
                Request(persona, "POST", path, f"{raw}{quote(name)}={RAW_INVALID_UTF8}", form)
            )
        # The whole form with a wrong type everywhere at once.
        requests.append(
            Request(persona, "POST", path, urlencode([(n, "[]") for n, _v in fields]), form)
        )
        return requests

    # --- The API -------------------------------------------------------------------------------

    def _api_requests(self, persona: Persona, schema: dict[str, Any]) -> list[Request]:
        requests: list[Request] = []
        components = schema.get("components", {}).get("schemas", {})

        def resolve(node: Any) -> Any:
            while isinstance(node, dict) and "$ref" in node:
                node = components.get(node["$ref"].rsplit("/", 1)[-1], {})
            return node

        for path, operations in schema.get("paths", {}).items():
            for method, operation in operations.items():
                if method not in ("get", "post", "put", "patch", "delete"):
                    continue
                params = operation.get("parameters", [])
                good_path = {
                    p["name"]: self._good(p["name"]) for p in params if p.get("in") == "path"
                }
                good_query = [
                    (p["name"], self._good(p["name"]))
                    for p in params
                    if p.get("in") == "query" and p.get("required")
                ]

                def url(
                    path_values: dict[str, str], query: list[tuple[str, str]], path: str = path
                ) -> str:
                    filled = re.sub(r"{(\w+)}", lambda m: path_values[m.group(1)], path)
                    return f"{filled}?{urlencode(query)}" if query else filled

                body_schema = resolve(
                    operation.get("requestBody", {})
                    .get("content", {})
                    .get("application/json", {})
                    .get("schema")
                )
                good_body = _example(body_schema, resolve, self._good) if body_schema else None
                headers = dict(persona.api_headers)
                if method == "post":
                    headers["Idempotency-Key"] = f"crawl-{self.random.randrange(10**9)}"

                def make(
                    u: str,
                    body: Any = good_body,
                    extra: dict | None = None,
                    method: str = method,
                    headers: dict[str, str] = headers,
                ) -> Request:
                    payload = json.dumps(body) if body is not None else None
                    return Request(
                        persona,
                        method.upper(),
                        u,
                        payload,
                        "application/json" if payload is not None else None,
                        {**headers, **(extra or {})},
                    )

                requests.append(make(url(good_path, good_query)))
                for name in good_path:
                    for value in HOSTILE_PATH["str"]:
                        requests.append(make(url({**good_path, name: value}, good_query)))
                for p in params:
                    if p.get("in") != "query":
                        continue
                    others = [(n, v) for n, v in good_query if n != p["name"]]
                    for value in self._values_for(p["name"], ""):
                        requests.append(make(url(good_path, [*others, (p["name"], value)])))
                if isinstance(good_body, dict):
                    target = url(good_path, good_query)
                    for name in list(good_body):
                        for value in self.random.sample(HOSTILE_JSON, 8):
                            requests.append(make(target, {**good_body, name: value}))
                    for value in ([], "x", None, 2**63):
                        requests.append(make(target, value))
                    requests.append(
                        Request(
                            persona,
                            method.upper(),
                            target,
                            b"\xff\xfe{",
                            "application/json",
                            headers,
                        )
                    )
                if method == "post":
                    # A body over DATA_UPLOAD_MAX_MEMORY_SIZE.
                    requests.append(make(url(good_path, good_query), {"x": "x" * 3_000_000}))
                    requests.append(
                        make(
                            url(good_path, good_query),
                            extra={"Idempotency-Key": self.random.choice(["", "x" * 300, "é"])},
                        )
                    )
        return requests


def _example(
    node: dict[str, Any], resolve: Callable[[Any], Any], good: Callable[[str], str]
) -> Any:
    """A plausible value for a JSON schema node (good values by field name where known)."""
    node = resolve(node)
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in node:
            options = [resolve(o) for o in node[combinator] if resolve(o).get("type") != "null"]
            return _example(options[0], resolve, good) if options else None
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return {
            name: _example_field(name, resolve(sub), resolve, good)
            for name, sub in node.get("properties", {}).items()
        }
    return _example_field("", node, resolve, good)


def _example_field(
    name: str, node: dict[str, Any], resolve: Callable[[Any], Any], good: Callable[[str], str]
) -> Any:
    kind = node.get("type")
    if kind == "object" or "properties" in node or any(k in node for k in ("anyOf", "oneOf")):
        return _example(node, resolve, good)
    if kind == "array":
        item = resolve(node.get("items", {}))
        return [_example_field(name.rstrip("s"), item, resolve, good)]
    if kind == "integer":
        return int(good(name)) if good(name).isdigit() else 1
    if kind == "boolean":
        return True
    if kind == "number":
        return 1.0
    if node.get("format") == "date-time":
        return good("start")
    if node.get("format") == "date":
        return good("date")
    return good(name)


def _template(url: str) -> str:
    path = urlsplit(url).path
    return re.sub(r"/[^/]*\d[^/]*", "/#", path)
