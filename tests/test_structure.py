"""The shape of the code: no import circle inside an app, whether the imports are at module
level or hidden in functions, and editorial and interaction depend on no other domain app."""

import ast
from pathlib import Path

import pytest

PORTAL = Path(__file__).resolve().parents[1] / "portal"
APPS = [
    "core",
    "pages",
    "disclosure",
    "editorial",
    "search",
    "demo",
    "accounts",
    "interaction",
    "services",
    "interpretation",
    "comments",
]


def _module_name(package: str, root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join([package, *parts])


def _modules(package: str) -> dict[str, Path]:
    root = PORTAL / package.split(".")[-1]
    return {
        _module_name(package, root, p): p
        for p in root.rglob("*.py")
        if "migrations" not in p.parts and "tests" not in p.parts
    }


def imports_of(path: Path, name: str) -> list[str]:
    """Every module named by an import in the file, at module level or inside functions."""
    tree = ast.parse(path.read_text(), filename=str(path))
    is_package = path.name == "__init__.py"
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(name, is_package, node)
            found += [f"{base}.{alias.name}" for alias in node.names] + [base]
    return found


def _resolve(current: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = current.split(".") if is_package else current.split(".")[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def import_graph(package: str) -> dict[str, set[str]]:
    modules = _modules(package)
    graph: dict[str, set[str]] = {name: set() for name in modules}

    def target(name: str) -> str | None:
        # the longest known module that ``name`` is or lies inside
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    for name, path in modules.items():
        for imported in imports_of(path, name):
            if imported == package or imported.startswith(package + "."):
                t = target(imported)
                if t and t != name:
                    graph[name].add(t)
        graph[name].discard(package)  # an app's __init__ is empty: importing it closes no circle
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on_stack, out = {}, {}, [], set(), []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_the_checker_finds_a_hidden_circle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("app", APPS)
def test_no_import_circle_inside_an_app(app):
    graph = import_graph(f"portal.{app}")
    assert any(graph.values()), "the checker sees the app's imports"
    assert cycles(graph) == []


def test_editorial_imports_no_domain_app():
    domain = ("portal.pages", "portal.disclosure", "portal.search", "portal.demo")
    offenders = {
        name: sorted({i for i in imports_of(path, name) if i.startswith(domain)})
        for name, path in _modules("portal.editorial").items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_interaction_imports_no_other_domain_app():
    """It contributes through the registries (search, demo) and touches no other app's models."""
    domain = ("portal.pages", "portal.disclosure", "portal.editorial", "portal.search", "portal.demo")
    registries = {
        "portal.search",
        "portal.search.registry",
        "portal.search.registry.IndexEntry",
        "portal.search.registry.EntityData",
        "portal.search.registry.SearchProvider",
        "portal.search.registry.register",
        "portal.demo",
        "portal.demo.registry",
        "portal.demo.registry.register_seed",
    }
    offenders = {
        name: sorted({i for i in imports_of(path, name) if i.startswith(domain) and i not in registries})
        for name, path in _modules("portal.interaction").items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


@pytest.mark.parametrize("app", ["interpretation", "comments"])
def test_interpretation_and_comments_import_no_other_domain_app(app):
    domain = ("portal.disclosure", "portal.services", "portal.interaction", "portal.accounts")
    if app == "comments":
        domain += ("portal.interpretation",)
    offenders = {
        name: sorted({i for i in imports_of(path, name) if i.startswith(domain)})
        for name, path in _modules(f"portal.{app}").items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_pages_import_no_comments():
    """Lists show comment counts through core's list annotations, not by asking comments."""
    offenders = {
        name: sorted({i for i in imports_of(path, name) if i.startswith("portal.comments")})
        for name, path in _modules("portal.pages").items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}
