"""Case state machines, declared once per case type (on-request disclosure, letters, claims,
remediation tickets…).

A :class:`StateMachine` subclass lists its states (nouns) and its transitions (verbs), each
transition with the states it leaves from, the state it enters, an optional permission check and
guard (each returning a reason in Chinese when it refuses), and whether a reason must be given.
:meth:`StateMachine.perform` runs a transition: it checks, changes the state field, calls the
transition's effect, saves, writes an audit entry (``<machine>.<verb>``) and sends the
transition's notifications after commit. The same declaration registers the audit actions'
labels and draws the Mermaid diagram in the docs (``manage.py state_diagrams``).

Views stay thin: ``machine.available(obj, user)`` lists the verbs to offer, ``perform`` does one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from . import audit
from .notify import notify

__all__ = ["StateMachine", "Transition", "TransitionRefused", "machines", "register_log_actions"]

Check = Callable[..., str | None]  # (obj, user, **params) -> reason for refusing, or None


class TransitionRefused(PermissionDenied):
    """A transition that may not happen now; ``reason`` says why, in Chinese."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass
class Transition:
    verb: str
    label: str
    source: Sequence[str]
    target: str
    #: who may: (obj, user) -> None when allowed, else the reason
    permission: Check | None = None
    #: when: (obj, user, **params) -> None when the case allows it, else the reason
    guard: Check | None = None
    #: what else happens, inside the transaction, before the case is saved
    effect: Callable[..., None] | None = None
    #: (obj, user, **params) -> (users, message, url) to notify after commit, or None
    notification: Callable[..., tuple[Iterable, str, str] | None] | None = None
    requires_reason: bool = False
    description: str = ""


class StateMachine:
    """Subclass with ``name``, ``field``, ``states`` and ``transitions``; see the module doc."""

    name: str = ""  # audit action prefix, e.g. "disclosure.request"
    label: str = ""
    field: str = "state"
    states: dict[str, str] = {}
    initial: str = ""
    final: Sequence[str] = ()
    transitions: list[Transition] = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if cls.name:
            _registry[cls.name] = cls
            by_verb = {t.verb: t for t in cls.transitions}
            if len(by_verb) != len(cls.transitions):
                raise ValueError(f"{cls.name}: transition verbs must be unique")
            for t in cls.transitions:
                unknown = [s for s in (*t.source, t.target) if s not in cls.states]
                if unknown:
                    raise ValueError(f"{cls.name}.{t.verb}: unknown states {unknown}")

    # -- reading ---------------------------------------------------------------------------
    @classmethod
    def transition(cls, verb: str) -> Transition:
        for t in cls.transitions:
            if t.verb == verb:
                return t
        raise KeyError(verb)

    @classmethod
    def state_of(cls, obj) -> str:
        return getattr(obj, cls.field)

    @classmethod
    def state_label(cls, state: str) -> str:
        return str(cls.states.get(state, state))

    @classmethod
    def failure_reason(cls, obj, verb: str, user=None, **params) -> str | None:
        """Why ``verb`` may not be performed now (None when it may)."""
        try:
            t = cls.transition(verb)
        except KeyError:
            return _("未知的操作。")
        state = cls.state_of(obj)
        if state not in t.source:
            return _("当前状态为“%(state)s”，不能执行“%(verb)s”。") % {
                "state": cls.state_label(state),
                "verb": t.label,
            }
        refusal = t.permission(obj, user) if t.permission else None
        if not refusal and t.guard:
            refusal = t.guard(obj, user, **params)
        if refusal:
            return str(refusal)
        if t.requires_reason and len((params.get("reason") or "").strip()) < 2:
            return _("请填写理由。")
        return None

    @classmethod
    def can_perform(cls, obj, verb: str, user=None, **params) -> bool:
        return cls.failure_reason(obj, verb, user, **params) is None

    @classmethod
    def available(cls, obj, user=None) -> list[Transition]:
        """Transitions from the current state that the user is permitted to perform."""
        state = cls.state_of(obj)
        return [
            t
            for t in cls.transitions
            if state in t.source and (t.permission is None or not t.permission(obj, user))
        ]

    # -- doing -----------------------------------------------------------------------------
    @classmethod
    def perform(cls, obj, verb: str, user=None, reason: str = "", **params) -> Any:
        """Run one transition, or raise :class:`TransitionRefused` with the reason."""
        refusal = cls.failure_reason(obj, verb, user, reason=reason, **params)
        if refusal:
            raise TransitionRefused(refusal)
        t = cls.transition(verb)
        with transaction.atomic():
            before = cls.state_of(obj)
            setattr(obj, cls.field, t.target)
            if t.effect is not None:
                t.effect(obj, user, reason=reason, **params)
            obj.save()
            data = {"from": before, "to": t.target, "comment": reason.strip()}
            data.update({k: v for k, v in params.get("audit_data", {}).items()})
            audit.log(obj, f"{cls.name}.{t.verb}", user=user, data=data)
            if t.notification is not None:
                message = t.notification(obj, user, reason=reason, **params)
                if message:
                    users, text, url = message
                    notify(users, f"{cls.name}.{t.verb}", text, url, subject=obj)
        return obj

    # -- describing ------------------------------------------------------------------------
    @classmethod
    def diagram(cls) -> str:
        """A Mermaid state diagram of the declaration."""
        ids = {state: f"s{i}" for i, state in enumerate(cls.states)}
        lines = ["stateDiagram-v2", f"    %% {cls.label or cls.name}"]
        lines += [f"    {ids[s]}: {label}" for s, label in cls.states.items()]
        if cls.initial:
            lines.append(f"    [*] --> {ids[cls.initial]}")
        for t in cls.transitions:
            for source in t.source:
                lines.append(f"    {ids[source]} --> {ids[t.target]}: {t.label}")
        lines += [f"    {ids[s]} --> [*]" for s in cls.final]
        return "\n".join(lines)

    @classmethod
    def log_actions(cls) -> list[tuple[str, str]]:
        return [(f"{cls.name}.{t.verb}", str(t.label)) for t in cls.transitions]


_registry: dict[str, type[StateMachine]] = {}


def machines() -> list[type[StateMachine]]:
    return [_registry[k] for k in sorted(_registry)]


def register_log_actions(actions) -> None:
    """Give every declared transition its audit label (called from core's ``register_log_actions``)."""
    for machine in machines():
        for action, label in machine.log_actions():
            actions.register_action(action, label, label)
