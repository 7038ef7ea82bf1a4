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


#: Characters no query needs: controls (NUL, line breaks, escape…), the byte order mark,
#: and the bidirectional embeddings, overrides and isolates that can make text read
#: backwards on the page it is shown on.
_UNWANTED = re.compile("[\x00-\x1f\x7f-\x9f\ufeff\u202a-\u202e\u2066-\u2069]+")


def clean_text(value: str) -> str:
    """Free text typed as a query (every list's `q`, the site search, the directory), in
    one form: Unicode NFC, without the characters above, spaces collapsed."""
    value = _UNWANTED.sub(" ", unicodedata.normalize("NFC", value or ""))
    return " ".join(value.split())
