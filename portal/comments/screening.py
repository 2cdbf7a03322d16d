"""Screening a comment against the editorial lexicons (设置 › 检查词库).

Reading chosen: a term of a *sensitive* lexicon whose level is 阻断 (block) is denylisted — the
comment is refused and the resident told to rewrite it; a term of a sensitive lexicon at 提示
(warn), or of a custom lexicon, holds the comment for a moderator. Confidentiality markers (涉密
标识) concern official documents and do not apply to what residents write.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.editorial.checks.lexicon import lexicon_automaton, scan

REFUSE, HOLD, PASS = "refuse", "hold", "pass"


@dataclass(frozen=True)
class Verdict:
    action: str
    term: str = ""


def screen(text: str) -> Verdict:
    held = ""
    for _start, _end, entry in scan(lexicon_automaton(), text):
        if entry.category == "confidential":
            continue
        if entry.category == "sensitive" and entry.severity == "block":
            return Verdict(REFUSE, entry.term)
        held = held or entry.term
    return Verdict(HOLD, held) if held else Verdict(PASS)
