"""Search terms and highlighted excerpts for search results.

Wagtail's database search backend finds records but says nothing about where they
matched, so the snippets are made here: the words of the query are looked for in the
record's texts, and matching words are wrapped in ``<mark>``. Everything else is escaped.
"""

import html
import re
from collections.abc import Iterable
from functools import lru_cache

from django.utils.html import format_html
from django.utils.safestring import SafeString

from forum.core.text import WORD, fold

_WORDS_AND_GAPS = re.compile(r"(\w+)")
#: Words in a snippet.
SNIPPET_WORDS = 30
#: Words shown before the first match in a snippet, for context.
SNIPPET_LEAD_IN = 8
#: Endings dropped before matching, so that "declarations" marks "declaration".
_SUFFIXES = ("ing", "es", "ed", "s")
#: An ending is dropped only if this much of the word is left ("news" stays "news").
_MIN_STEM = 4
#: Terms shorter than this (after dropping an ending) match whole words only.
_MIN_PREFIX = 3


def highlight(text: str, terms: Iterable[str]) -> SafeString:
    """``text`` escaped, with the words matching ``terms`` wrapped in ``<mark>``."""
    return _mark(text, _stems(terms))


def snippet(
    texts: Iterable[str],
    terms: Iterable[str],
    *,
    words: int = SNIPPET_WORDS,
) -> SafeString:
    """An excerpt of about ``words`` words from the text that best matches ``terms``.

    In each text, the excerpt starts a few words before a match; the best excerpt has the
    most different terms, then the most matching words, and the earliest of equals wins
    (so pass the texts in order of importance). It is marked as :func:`highlight` does,
    with "…" where text was left out. If no text matches, it is the start of the first
    non-empty text.
    """
    stems = _stems(terms)
    best: tuple[list[str], int] | None = None
    best_score = (0, 0)
    for text in texts:
        text_words = (text or "").split()
        if not text_words:
            continue
        if best is None:
            best = (text_words, 0)
        start, score = _best_window(text_words, stems, words)
        if score > best_score:
            best, best_score = (text_words, start), score
    if best is None:
        return SafeString("")

    text_words, start = best
    end = min(len(text_words), start + words)
    return format_html(
        "{}{}{}",
        "… " if start > 0 else "",
        _mark(" ".join(text_words[start:end]), stems),
        " …" if end < len(text_words) else "",
    )


def _best_window(text_words: list[str], stems: tuple[str, ...], size: int):
    """Where the best excerpt of ``size`` words starts, and its score (different terms
    matched, matching words)."""
    matched = [_matching_stems(word, stems) for word in text_words]
    best_start, best_score = 0, (0, 0)
    for position, found in enumerate(matched):
        if not found:
            continue
        start = max(0, min(position - SNIPPET_LEAD_IN, len(text_words) - size))
        window = [stem for here in matched[start : start + size] for stem in here]
        score = (len(set(window)), len(window))
        if score > best_score:
            best_start, best_score = start, score
    return best_start, best_score


def _stem(term: str) -> str:
    for suffix in _SUFFIXES:
        if term.endswith(suffix) and len(term) - len(suffix) >= _MIN_STEM:
            return term[: -len(suffix)]
    return term


def _stems(terms: Iterable[str]) -> tuple[str, ...]:
    stems: list[str] = []
    for term in terms:
        for word in WORD.findall(term):
            stem = _stem(fold(word))
            if stem and stem not in stems:
                stems.append(stem)
    return tuple(stems)


#: Words remembered with the stems they match: a page of hits reads tens of thousands of
#: words from a small vocabulary, and folding each one anew was most of a search's time.
_REMEMBERED_WORDS = 1 << 16


@lru_cache(maxsize=_REMEMBERED_WORDS)
def _matching_stem(word: str, stems: tuple[str, ...]) -> str | None:
    folded = fold(word)
    for stem in stems:
        if folded == stem or (len(stem) >= _MIN_PREFIX and folded.startswith(stem)):
            return stem
    return None


@lru_cache(maxsize=_REMEMBERED_WORDS)
def _matching_stems(text_word: str, stems: tuple[str, ...]) -> tuple[str, ...]:
    """The stems matched by the words in one whitespace-separated word of a text."""
    return tuple(stem for word in WORD.findall(text_word) if (stem := _matching_stem(word, stems)))


def _mark(text: str, stems: tuple[str, ...]) -> SafeString:
    # Splitting on a group keeps the words, at odd positions; what lies between is at even.
    # What lies between words is escaped with the standard library's html.escape (what
    # django.utils.html.escape does), and joined once: a page of hits has thousands.
    parts = _WORDS_AND_GAPS.split(text)
    pieces = []
    for index, part in enumerate(parts):
        if index % 2:  # a word: letters, digits and _ only, nothing to escape
            pieces.append(f"<mark>{part}</mark>" if stems and _matching_stem(part, stems) else part)
        elif part:
            pieces.append(html.escape(part))
    return SafeString("".join(pieces))
