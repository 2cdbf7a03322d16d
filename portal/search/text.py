"""The Chinese text pipeline: one implementation for indexing and querying.

normalise → segment (rjieba search mode, with the custom dictionary) → expand the query
(synonyms, abbreviations, pinyin) → suggest corrections for typos ("您是不是要找").
"""

from __future__ import annotations

import difflib
import functools
import re
import threading
import time
from dataclasses import dataclass

import rjieba
from django.core.cache import cache
from pypinyin import lazy_pinyin

from .analysed import COVER, EXACT, PARTIAL, PINYIN, SYNONYM, Alternative, AnalysedQuery, Group
from .normalisation import normalise

DICTIONARY_VERSION_KEY = "portal_search:dictionary-version"

# Question words and particles that carry no topic ("怎么办理身份证" → 办理 身份证).
QUERY_STOPWORDS = frozenset(
    """怎么 怎样 如何 怎么样 哪里 在哪 在哪里 哪儿 什么 什么样 吗 呢 吧 啊 的 地 得 了 请问 我 我们 我要 我想
    想 想要 要 需要 哪 里 谁 几 多少 办 去哪 去哪里 怎么办 咋 咋办 可以 能 能否 去 哪些 哪个 有 是 和 与 及 或 一下 一个 关于 应该 该 都 还 为 对 在 从 到
    how to do i can where what is the a an of for in on and or my me""".split()
)

_TOKEN_RE = re.compile(r"[\w\u3400-\u9fff]+", re.UNICODE)
_ASCII_WORD = re.compile(r"^[a-z]+$")

_lock = threading.Lock()
_loaded_version: object = None


def _clean(token: str) -> str:
    return "".join(_TOKEN_RE.findall(token))


# ── custom dictionary ───────────────────────────────────────────────────────────────────────


def dictionary_changed() -> None:
    """Tell every process to reload the custom dictionary (organisation names changed …)."""
    try:
        cache.incr(DICTIONARY_VERSION_KEY)
    except ValueError:
        cache.set(DICTIONARY_VERSION_KEY, 1, None)


def custom_words() -> set[str]:
    """Words that must stay whole: names contributed by the registry, synonyms, hot words."""
    from .models import HotWord, Synonym
    from .registry import registry

    words: set[str] = set()
    for provider in registry.providers():
        words.update(normalise(w) for w in provider.dictionary_words() if w)
    for synonym in Synonym.objects.filter(enabled=True):
        words.update(synonym.term_list())
    words.update(normalise(w) for w in HotWord.objects.values_list("word", flat=True))
    return {w for w in words if len(w) >= 2 and " " not in w}


def ensure_dictionary() -> None:
    """Load the custom dictionary into rjieba once per process and again after it changes."""
    global _loaded_version
    version = cache.get(DICTIONARY_VERSION_KEY, 0)
    if version == _loaded_version:
        return
    with _lock:
        if version == _loaded_version:
            return
        for word in custom_words():
            rjieba.add_word(word, None, None)
        _synonym_map.cache_clear()
        _loaded_version = version


def add_words(words: list[str]) -> None:
    """Add words to this process's segmenter (used by tests and the benchmark)."""
    for word in words:
        rjieba.add_word(normalise(word), None, None)


# ── segmentation ────────────────────────────────────────────────────────────────────────────


def segment(text: str) -> list[str]:
    """Search-mode segmentation of normalised text: every word and its dictionary sub-words."""
    out = []
    for token in rjieba.cut_for_search(normalise(text)):
        if not token.isalnum():  # most tokens are; punctuation and spaces are cleaned away
            token = _clean(token)
        if token:
            out.append(token)
    return out


def index_text(text: str) -> str:
    """What the full-text table stores: the segmented tokens, space separated."""
    return " ".join(segment(text))


def words(text: str) -> list[str]:
    """Accurate-mode segmentation of normalised text, punctuation dropped."""
    return [t for t in (_clean(w) for w in rjieba.cut(normalise(text))) if t]


# ── pinyin ──────────────────────────────────────────────────────────────────────────────────


def pinyin_of(text: str) -> tuple[str, str]:
    """Full pinyin without tones and initials: 社保 → ("shebao", "sb")."""
    syllables = [s for s in lazy_pinyin(text, errors="ignore") if s]
    return "".join(syllables), "".join(s[0] for s in syllables)


def from_pinyin(token: str, limit: int = 3) -> list[str]:
    """Chinese vocabulary words whose pinyin or initials spell ``token`` (shebao, sb → 社保)."""
    from .models import Term

    if not _ASCII_WORD.match(token) or len(token) < 2 or token in _synonym_map():
        return []
    found = list(Term.objects.filter(pinyin=token).order_by("-weight").values_list("text", flat=True)[:limit])
    if not found and len(token) <= 6:
        found = list(
            Term.objects.filter(initials=token).order_by("-weight").values_list("text", flat=True)[:limit]
        )
    if not found and len(token) >= 4:
        phrase = _pinyin_phrase(token)
        if phrase:
            found = [phrase]
    return found


@dataclass
class _PinyinVocabulary:
    full: dict[str, str]  # full pinyin → word (the heavier word wins)
    initials: dict[str, str]  # initials → word, for words of two or more characters
    syllables: dict[str, str]  # one syllable → the commonest character of the vocabulary with it


@functools.lru_cache(maxsize=1)
def _pinyin_vocabulary(version: object) -> _PinyinVocabulary:
    """Every word of the index vocabulary (titles, dictionary names) and of the synonyms."""
    from collections import Counter

    from .models import Term

    vocab = _PinyinVocabulary({}, {}, {})
    chars: Counter = Counter()
    rows = list(Term.objects.order_by("weight").values_list("text", "pinyin", "initials", "weight"))
    known = {r[0] for r in rows}
    for term in _synonym_map():
        if term not in known and " " not in term and not term.isascii():
            full, initials = pinyin_of(term)
            rows.insert(0, (term, full, initials, 0))
    for text, full, initials, weight in rows:  # lightest first: heavier words overwrite
        if not full or text.isascii():
            continue
        vocab.full[full] = text
        if len(initials) >= 2:
            vocab.initials[initials] = text
        for char in text:
            chars[char] += max(weight, 1)
    for char, _ in reversed(chars.most_common()):
        syllable = pinyin_of(char)[0]
        if syllable:
            vocab.syllables[syllable] = char
    return vocab


# Cost of each kind of piece when a pinyin string is read as words: whole words are preferred,
# initials of a word next, a lone syllable last.
_WORD_COST, _INITIALS_COST, _SYLLABLE_COST = 1.0, 1.6, 2.2
# Initials are consonants; a vowel in a run of "initials" is an English word (card), not pinyin.
_VOWELS = re.compile(r"[aeiouv]")


def _pinyin_phrase(token: str) -> str | None:
    """Read arbitrary pinyin as vocabulary words: full syllables, initials and a left-over
    syllable mixed (laojiuxiaoqu → 老旧小区, shebaoka → 社保卡, gjjtq → 公积金提取)."""
    vocab = _pinyin_vocabulary((cache.get(LEXICON_VERSION_KEY, 0), cache.get(DICTIONARY_VERSION_KEY, 0)))
    n = len(token)
    if n > 60:
        return None
    best: list[tuple[float, list[str], int] | None] = [None] * (n + 1)
    best[0] = (0.0, [], 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - 30), end):
            prev = best[start]
            if prev is None:
                continue
            piece = token[start:end]
            options = []
            if piece in vocab.full and end - start >= 2:
                options.append((_WORD_COST, vocab.full[piece], end - start))
            if piece in vocab.initials and not _VOWELS.search(piece):
                options.append((_INITIALS_COST, vocab.initials[piece], end - start))
            if piece in vocab.syllables:
                options.append((_SYLLABLE_COST, vocab.syllables[piece], 0))
            for cost, word, covered in options:
                candidate = (prev[0] + cost, [*prev[1], word], prev[2] + covered)
                if best[end] is None or candidate[0] < best[end][0]:
                    best[end] = candidate
    found = best[n]
    if not found:
        return None
    _, pieces, by_words = found
    # Mostly lone syllables is a guess, not a reading: at least half the letters must be words.
    if by_words * 2 < n or (len(pieces) < 2 and by_words < n):
        return None
    return "".join(pieces)


# ── synonyms ────────────────────────────────────────────────────────────────────────────────


@functools.lru_cache(maxsize=1)
def _synonym_map() -> dict[str, list[str]]:
    from .models import Synonym

    mapping: dict[str, list[str]] = {}
    for synonym in Synonym.objects.filter(enabled=True):
        group = synonym.term_list()
        for term in group:
            mapping.setdefault(term, [])
            mapping[term].extend(t for t in group if t != term and t not in mapping[term])
    return mapping


def synonyms_changed() -> None:
    _synonym_map.cache_clear()
    dictionary_changed()


def synonyms_of(term: str) -> list[str]:
    return _synonym_map().get(normalise(term), [])


def _synonym_variants(token: str) -> list[str]:
    """Synonyms of the token, and of a synonym inside it (社保卡 → 社会保障卡)."""
    variants = list(synonyms_of(token))
    if len(token) > 2 and not token.isascii():
        for key, alts in _synonym_map().items():
            if len(key) >= 2 and key != token and key in token and " " not in key:
                variants.extend(token.replace(key, alt) for alt in alts if " " not in alt)
    return list(dict.fromkeys(v for v in variants if v != token))


# ── query analysis ──────────────────────────────────────────────────────────────────────────


def _cover(word: str) -> Alternative:
    """The word as text indexed before it was a dictionary word holds it: its longest search-mode
    sub-words (发展和改革局 → 发展 改革局). Single characters are skipped (rarely tokens of their
    own); a cover needs two pieces, or it would match far more than the word."""
    subs = [t for t in segment(word) if t != word and len(t) >= 2]
    picked, pos = [], 0
    while pos < len(word):
        best = max((s for s in subs if word.startswith(s, pos)), key=len, default=None)
        if best is None:
            pos += 1
            continue
        picked.append(best)
        pos += len(best)
    return tuple(picked) if len(picked) > 1 else ()


def _parts(word: str) -> list[str]:
    """Dictionary sub-words of a long word, for partial credit (养老保险参保登记 → 养老保险 …)."""
    if len(word) < 4 or word.isascii():
        return []
    return [t for t in dict.fromkeys(segment(word)) if t != word and len(t) >= 2]


def _alternatives_for(word: str) -> list[Alternative]:
    alts: list[Alternative] = [(word,)]
    cover = _cover(word) if len(word) >= 3 else ()
    if cover:
        alts.append(cover)
    return alts


def _add_word(group: Group, word: str, quality: float) -> None:
    """The word and its cover; the cover is worth a little less than the word itself."""
    for n, alt in enumerate(_alternatives_for(word)):
        group.add(alt, quality if n == 0 else quality * COVER)


def _phrase_alternatives(phrase: str) -> list[Alternative]:
    """A synonym as the index may hold it: its words, keeping what is left of the reader's word
    (社保卡 → 社会保障 + 卡, not 社会保障 alone), or the sub-words of a single long word."""
    toks = tuple(words(phrase))
    if len(toks) == 1:
        return _alternatives_for(toks[0])
    kept = tuple(t for t in toks if len(t) > 1 or t not in QUERY_STOPWORDS)
    return [kept or toks] if toks else []


def _expand(group: Group, token: str, expansions: dict[str, list[str]]) -> None:
    _add_word(group, token, EXACT)
    for part in _parts(token):
        group.add((part,), PARTIAL)
    for syn in _synonym_variants(token):
        for alt in _phrase_alternatives(syn):
            group.add(alt, SYNONYM)
        expansions.setdefault(token, []).append(syn)
    if _ASCII_WORD.match(token):
        for hanzi in from_pinyin(token):
            _add_word(group, hanzi, PINYIN)
            for syn in synonyms_of(hanzi):
                for alt in _phrase_alternatives(syn):
                    group.add(alt, PINYIN * SYNONYM)
            expansions.setdefault(token, []).append(hanzi)


def analyse(query: str) -> AnalysedQuery:
    """Turn a user query into concepts with graded alternatives, plus the reader's intents."""
    from .understanding import understand

    ensure_dictionary()
    norm = normalise(query)[:200]
    expansions: dict[str, list[str]] = {}
    groups: list[Group] = []

    whole = norm.replace(" ", "")
    if _ASCII_WORD.match(whole) and " " in norm:
        converted = from_pinyin(whole)  # "she bao" typed with a space
        if converted:
            norm = whole
    for phrase, alts in _synonym_map().items():
        # Multi-word (English) synonyms: "social security" → 社保
        if " " in phrase and phrase in norm:
            target = next((a for a in alts if " " not in a), None)
            if target:
                norm = norm.replace(phrase, f" {target} ")
                expansions.setdefault(phrase, []).append(target)
    understood = understand(words(norm))
    seen: set[str] = set()
    for token, soft in understood.terms:
        if token in seen:
            continue
        seen.add(token)
        group = Group(token, soft=soft)
        _expand(group, token, expansions)
        groups.append(group)
    return AnalysedQuery(
        raw=query,
        normalised=norm,
        groups=groups,
        expansions=expansions,
        intents=understood.intents,
        prefer=understood.prefer,
        fillers=understood.fillers,
    )


# ── suggestions (您是不是要找) ──────────────────────────────────────────────────────────────


@functools.lru_cache(maxsize=1)
def _lexicon_by_length(version: object) -> dict[int, list[str]]:
    from .models import Term

    by_len: dict[int, list[str]] = {}
    for text in Term.objects.filter(weight__gt=0).order_by("-weight").values_list("text", flat=True)[:200000]:
        by_len.setdefault(len(text), []).append(text)
    return by_len


LEXICON_VERSION_KEY = "portal_search:lexicon-version"


def lexicon_changed() -> None:
    try:
        cache.incr(LEXICON_VERSION_KEY)
    except ValueError:
        cache.set(LEXICON_VERSION_KEY, 1, None)


def _known(word: str) -> bool:
    """Whether a word is in the vocabulary, the synonyms or anywhere in the index (cached a minute)."""
    return _known_at(word, int(time.time() // 60))


@functools.lru_cache(maxsize=4096)
def _known_at(word: str, minute: int) -> bool:
    from .index import get_engine
    from .models import Term

    if word in _synonym_map() or Term.objects.filter(text=word).exists():
        return True
    engine = get_engine()
    return engine.exists(engine.quote(word))


def _correct(word: str) -> str | None:
    from .models import DeniedTerm, Term

    if _known(word):
        return None
    denied = set(DeniedTerm.objects.values_list("term", flat=True))
    if _ASCII_WORD.match(word):
        hits = [h for h in from_pinyin(word, limit=1) if h not in denied]
        return hits[0] if hits else None
    full, _ = pinyin_of(word)
    homophones = (
        Term.objects.filter(pinyin=full).exclude(text=word).exclude(text__in=denied).order_by("-weight")
    )
    hit = homophones.values_list("text", flat=True).first()
    if hit:
        return hit
    if len(word) < 2:
        return None
    if 3 <= len(word) <= 6:
        # A homophone typo inside a longer word: 社宝卡 → 社(宝→保)卡.
        for size in range(len(word) - 1, 1, -1):
            for start in range(0, len(word) - size + 1):
                part = word[start : start + size]
                if _known(part):
                    continue
                hit = (
                    Term.objects.filter(pinyin=pinyin_of(part)[0])
                    .exclude(text__in=denied)
                    .order_by("-weight")
                    .values_list("text", flat=True)
                    .first()
                )
                if hit:
                    return word[:start] + hit + word[start + size :]
    if len(word) < 3:
        return None  # one changed character in a two-character word is a different word
    candidates = _lexicon_by_length(cache.get(LEXICON_VERSION_KEY, 0)).get(len(word), [])
    close = [
        c
        for c in difflib.get_close_matches(word, candidates, n=3, cutoff=0.5)
        if c not in denied and sum(a != b for a, b in zip(c, word)) == 1
    ]
    return close[0] if close else None


def suggest(query: str) -> str | None:
    """A corrected query for a typo ("社宝卡" → "社保卡", "shebao" → "社保"), or None.

    A typo often makes the segmenter split a word apart (社宝卡 → 社 宝卡), so windows of up to
    three adjacent tokens are tried, longest first.
    """
    toks = words(normalise(query))
    changed, out, i = False, [], 0
    while i < len(toks):
        for size in (3, 2, 1):
            window = toks[i : i + size]
            if len(window) < size or any(t in QUERY_STOPWORDS for t in window):
                continue
            if size > 1 and (
                any(_ASCII_WORD.match(t) for t in window) or all(len(t) > 1 and _known(t) for t in window)
            ):
                # merge only across a split a typo may have caused (a single or unknown piece)
                continue
            fix = _correct("".join(window))
            if fix:
                out.append(fix)
                changed = True
                i += size
                break
        else:
            out.append(toks[i])
            i += 1
    if not changed:
        return None
    joiner = " " if all(_ASCII_WORD.match(t) for t in out) else ""
    return joiner.join(out)
