from django.apps import AppConfig


class CaseAppConfig(AppConfig):
    """A tests-only domain app: the first user of core's submission, state-machine, deadline and
    personal-data mechanisms, and a contributor to every registry, changing no other app."""

    name = "tests.core.caseapp"
    label = "caseapp"

    def ready(self) -> None:
        from . import clocks  # noqa: F401
