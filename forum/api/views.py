"""/api/docs/: the read API described for people, from its OpenAPI description, on our own
host and without JavaScript; /api/: the versions of the API."""

import re

from django.http import JsonResponse
from django.shortcuts import render
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from forum.core.translation import mark_untranslated

from .api import api
from .http import open_data


def prose(text: str) -> str:
    """The little Markdown of the API's description as HTML: paragraphs, one level of
    "- " lists, **strong** and `code`."""

    def inline(line):
        line = escape(line)
        line = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", line)
        return re.sub(r"`(.+?)`", r"<code>\1</code>", line)

    html = []
    for block in text.strip().split("\n\n"):
        lines = block.split("\n")
        if lines[0].startswith("- "):
            items = []
            for line in lines:
                if line.startswith("- "):
                    items.append(line[2:])
                else:
                    items[-1] += " " + line.strip()
            html.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in items) + "</ul>")
        else:
            html.append(f"<p>{inline(' '.join(lines))}</p>")
    return mark_safe("".join(html))  # noqa: S308 (escaped above)


def describe(schema: dict) -> str:
    """A JSON Schema in a few words: "integer, 1 to 100", "one of: charter, report"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "anyOf" in schema:
        kinds = [describe(s) for s in schema["anyOf"] if s.get("type") != "null"]
        nullable = any(s.get("type") == "null" for s in schema["anyOf"])
        return " or ".join(kinds) + (" or null" if nullable else "")
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    kind = schema.get("type", "any")
    if kind == "array":
        return f"list of {describe(schema.get('items', {}))}"
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    bounds = []
    if "minimum" in schema or "maximum" in schema:
        bounds.append(f"{schema.get('minimum', '…')} to {schema.get('maximum', '…')}")
    if "maxLength" in schema:
        bounds.append(f"at most {schema['maxLength']} characters")
    if "default" in schema:
        bounds.append(f"default {schema['default']}")
    return ", ".join([kind, *bounds])


def example_path(path: str, parameters: list[dict]) -> str:
    for parameter in parameters:
        if parameter["in"] == "path":
            example = parameter.get("example", parameter["schema"].get("example", "…"))
            path = path.replace("{" + parameter["name"] + "}", str(example))
    return path


def operations(schema: dict, base: str) -> list[dict]:
    tags = {tag["name"]: {**tag, "operations": []} for tag in schema.get("tags", [])}
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            parameters = operation.get("parameters", [])
            example = example_path(path, parameters)
            if path.endswith("/") and path != "/api/v1/":
                example += "?" + urlencode({"limit": 2})
            tag = operation.get("tags", ["index"])[0]
            tags.setdefault(tag, {"name": tag, "description": "", "operations": []})
            tags[tag]["operations"].append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [{**p, "kind": describe(p["schema"])} for p in parameters],
                    "responses": [
                        {
                            "status": status,
                            "description": response.get("description", ""),
                            "kind": describe(
                                response.get("content", {})
                                .get("application/json", {})
                                .get("schema", {"type": "none"})
                            ),
                        }
                        for status, response in operation["responses"].items()
                    ],
                    "curl": f"curl -s '{base}{example}'",
                }
            )
    return [tag for tag in tags.values() if tag["operations"]]


def records(schema: dict) -> list[dict]:
    result = []
    for name, component in sorted(schema["components"]["schemas"].items()):
        if name.endswith("Params"):  # query parameters, described with each operation
            continue
        required = set(component.get("required", []))
        result.append(
            {
                "name": name,
                "description": component.get("description", ""),
                "fields": [
                    {
                        "name": field,
                        "kind": describe(spec),
                        "ref": spec.get("$ref", spec.get("items", {}).get("$ref", "")).rsplit(
                            "/", 1
                        )[-1],
                        "description": spec.get("description", ""),
                        "required": field in required,
                    }
                    for field, spec in component.get("properties", {}).items()
                ],
            }
        )
    return result


@require_safe
def api_docs(request):
    # The descriptions come from the OpenAPI document, which is in English.
    mark_untranslated("OpenAPI descriptions")
    schema = api.get_openapi_schema()
    base = f"{request.scheme}://{request.get_host()}"
    context = {
        "info": schema["info"],
        "introduction": prose(schema["info"]["description"]),
        "tags": operations(schema, base),
        "records": records(schema),
        "base": base,
    }
    return render(request, "api/docs.html", context)


@open_data
def api_root(request):
    """/api/: the versions of the read API, and where each is described."""

    def link(path):
        return request.build_absolute_uri(path)

    return JsonResponse(
        {
            "versions": [
                {
                    "version": "v1",
                    "status": "current",
                    "url": link("/api/v1/"),
                    "openapi": link("/api/v1/openapi.json"),
                }
            ],
            "docs": link("/api/docs/"),
            "data": link("/data/"),
        }
    )
