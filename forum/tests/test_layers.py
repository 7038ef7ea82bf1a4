"""The three floors (docs/architecture.md), read from the imports of every module.

- core depends on no app;
- a domain depends on core and on the domains listed before it in INSTALLED_APPS, and
  of those only on their models and services (querysets live in models), never on
  their views, forms or private names;
- nothing below the site floor imports it (nor the project's settings and URLs);
- no two files import each other, directly or in a circle.

Tests are left out: they may use whatever they check.
"""

import ast
from pathlib import Path

import pytest

from django.conf import settings

FORUM = Path(__file__).resolve().parents[1]
APPS = [name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith("forum.")]
CORE = "core"
SITE = ("search", "alerts", "api", "workspace", "policies", "contact", "site")
DOMAINS = tuple(app for app in APPS if app not in (CORE, *SITE))
#: What one domain may take from another.
PUBLIC_MODULES = ("models", "services")


def module_name(path: Path) -> str:
    parts = path.relative_to(FORUM.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def source_files():
    for path in sorted(FORUM.rglob("*.py")):
        if "tests" in path.relative_to(FORUM).parts:
            continue
        yield path


def known_modules() -> set[str]:
    return {module_name(path) for path in FORUM.rglob("*.py")}


def imports_of(path: Path, modules: set[str]) -> list[tuple[str, str]]:
    """(module, name) for each import of a forum module in the file, anywhere in it (in
    functions too); name is "" for `import x` or when the name is itself a module."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                if submodule in modules:
                    found.append((submodule, ""))
                else:
                    found.append((target, alias.name))
    return [(module, name) for module, name in found if module.split(".")[0] == "forum"]


def app_of(module: str) -> str:
    """The app a module belongs to, or the module itself for forum.settings and the like."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "forum"


def floor(app: str) -> int:
    if app == CORE:
        return 0
    if app in DOMAINS:
        return 1
    if app in SITE:
        return 2
    return 3  # forum.settings, forum.urls, forum.wsgi


def violations(graph: dict[str, list[tuple[str, str]]]) -> list[str]:
    """What breaks the layering in a graph {module: [(imported module, name), ...]}."""
    found = []
    for source, targets in graph.items():
        here = app_of(source)
        for target, name in targets:
            there = app_of(target)
            if there == here:
                continue
            what = f"{source} imports {target}" + (f".{name}" if name else "")
            if floor(there) > floor(here):
                found.append(f"{what}: up from the {here} floor")
            elif floor(here) == floor(there) == 1:
                module = target.split(".")[2] if target.count(".") >= 2 else ""
                if module not in PUBLIC_MODULES:
                    found.append(f"{what}: another domain's {module or 'package'}")
                elif name.startswith("_"):
                    found.append(f"{what}: another domain's private name")
                elif DOMAINS.index(there) > DOMAINS.index(here):
                    found.append(f"{what}: a domain listed after {here}")
    return found


def circles(graph: dict[str, list[tuple[str, str]]]) -> list[list[str]]:
    """Import circles between modules (Tarjan's strongly connected components)."""
    edges = {source: {target for target, _ in targets} for source, targets in graph.items()}
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


@pytest.fixture(scope="module")
def graph():
    modules = known_modules()
    return {module_name(path): imports_of(path, modules) for path in source_files()}


def test_every_app_has_a_floor():
    assert set(SITE) <= set(APPS)
    assert len(DOMAINS) == 12, DOMAINS


def test_no_import_points_up_or_into_another_domains_insides(graph):
    assert violations(graph) == []


def test_no_two_files_import_each_other(graph):
    assert circles(graph) == []


def test_core_is_small():
    """At most 15 % of the Python lines (migrations and tests aside)."""

    def lines(paths):
        return sum(len(path.read_text(encoding="utf-8").splitlines()) for path in paths)

    code = [path for path in source_files() if "migrations" not in path.parts]
    core = [path for path in code if path.relative_to(FORUM).parts[0] == CORE]
    assert lines(core) <= 0.15 * lines(code), f"core: {lines(core)} of {lines(code)} lines"


# The checks themselves fail on what they must refuse.


@pytest.mark.parametrize(
    ("source", "target", "name", "why"),
    [
        ("forum.core.services", "forum.members.models", "Member", "up from the core floor"),
        ("forum.documents.views", "forum.search.services", "site_search", "up from"),
        ("forum.members.models", "forum.urls", "", "up from"),
        ("forum.practices.views", "forum.documents.forms", "", "another domain's forms"),
        ("forum.practices.views", "forum.documents.views", "detail", "another domain's views"),
        ("forum.practices.views", "forum.documents", "feeds", "another domain's package"),
        ("forum.practices.models", "forum.members.models", "_private", "private name"),
        ("forum.members.models", "forum.documents.models", "Signature", "listed after"),
    ],
)
def test_the_check_refuses_an_import_that_breaks_the_layering(source, target, name, why):
    [refusal] = violations({source: [(target, name)]})
    assert why in refusal


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("forum.documents.views", "forum.core.permissions"),
        ("forum.documents.filters", "forum.members.models"),
        ("forum.practices.services", "forum.notifications.services"),
        ("forum.site.loading", "forum.documents.models"),
        ("forum.api.bulk", "forum.documents.api"),
        ("forum.urls", "forum.site.sitemaps"),
    ],
)
def test_the_check_lets_an_import_that_points_down_through(source, target):
    assert violations({source: [(target, "x")]}) == []


def test_the_check_finds_a_circle():
    graph = {"forum.a.x": [("forum.a.y", "")], "forum.a.y": [("forum.a.z", "")]}
    assert circles(graph) == []
    graph["forum.a.z"] = [("forum.a.x", "f")]
    assert circles(graph) == [["forum.a.x", "forum.a.y", "forum.a.z"]]
