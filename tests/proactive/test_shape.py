"""The app's shape: no import circle, no other domain app's models or templates — the service
item is looked up through the services app's public ``services`` module only — and no ``eval``."""

from tests.test_structure import PORTAL, _modules, cycles, import_graph, imports_of

DOMAIN = (
    "portal.pages",
    "portal.disclosure",
    "portal.editorial",
    "portal.search",
    "portal.interaction",
    "portal.services",
    "portal.interpretation",
    "portal.comments",
    "portal.accounts",
)
PUBLIC = {"portal.services", "portal.services.services"}


def test_no_import_circle():
    graph = import_graph("portal.proactive")
    assert any(graph.values()) and cycles(graph) == []


def test_only_public_functions_of_other_apps():
    offenders = {
        name: sorted({i for i in imports_of(path, name) if i.startswith(DOMAIN) and i not in PUBLIC})
        for name, path in _modules("portal.proactive").items()
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_no_eval_in_the_rule_language():
    for path in (PORTAL / "proactive").glob("*.py"):
        source = path.read_text()
        assert "eval(" not in source.replace("_eval(", "").replace("evaluate(", "").replace(
            "eval_value(", ""
        ), path
