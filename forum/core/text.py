"""Text folding for search terms, shared by every list with a free-text filter and by the
site search: a query is reduced to its words before it reaches a search backend."""

import re
import unicodedata

#: A word, as both the query and the texts are split into words.
WORD = re.compile(r"\w+")
#: At most this many words of a query are searched for.
MAX_TERMS = 32


def fold(word: str) -> str:
    """Lower case without accents, so that "Communique" finds "Communiqué"."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_terms(query: str) -> list[str]:
    """The words of a query, without punctuation, each once, in order.

    Only these are sent to the search backend: quotes, ``*``, ``-``, brackets and the like
    never reach it, so no query can be a syntax error for SQLite FTS5 or PostgreSQL.
    """
    terms: list[str] = []
    seen: set[str] = set()
    for word in WORD.findall(query):
        key = fold(word)
        if key not in seen:
            seen.add(key)
            terms.append(word)
    return terms[:MAX_TERMS]
