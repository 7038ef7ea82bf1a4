"""What changed between two texts, paragraph by paragraph and word by word.

A paragraph is a block separated by a blank line; its first line names it (a principle's
name in the Charter). Paragraphs are matched by that name, so a reworded principle shows
as changed, with the words added and removed marked, rather than as removed and added.
"""

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TOKENS = re.compile(r"\s+|[^\s]+")
SIMILAR = 0.4


@dataclass
class Block:
    kind: str  # "same", "changed", "added", "removed"
    html: SafeString


def paragraphs(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\n\s*\n", text.strip()) if part.strip()]


def _key(paragraph: str) -> str:
    return paragraph.split("\n", 1)[0].strip().casefold()


def _html(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _wrap(tag: str, text: str) -> SafeString:
    return mark_safe(f"<{tag}>{_html(text)}</{tag}>")  # noqa: S308 (text escaped)


def word_diff(old: str, new: str) -> SafeString:
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        if op == "equal":
            parts.append(_html(before))
            continue
        if before:
            parts.append(f"<del>{_html(before)}</del>")
        if after:
            parts.append(f"<ins>{_html(after)}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text is escaped above)


def _similarity(old: str, new: str) -> float:
    return difflib.SequenceMatcher(None, old.split(), new.split(), autojunk=False).ratio()


def compare_texts(old: str, new: str) -> list[Block]:
    before, after = paragraphs(old), paragraphs(new)
    matcher = difflib.SequenceMatcher(
        None, [_key(p) for p in before], [_key(p) for p in after], autojunk=False
    )
    blocks = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for a, b in zip(before[i1:i2], after[j1:j2], strict=True):
                if a == b:
                    blocks.append(Block("same", mark_safe(_html(a))))  # noqa: S308
                else:
                    blocks.append(Block("changed", word_diff(a, b)))
            continue
        removed, added = list(before[i1:i2]), list(after[j1:j2])
        while removed and added and _similarity(removed[0], added[0]) >= SIMILAR:
            blocks.append(Block("changed", word_diff(removed.pop(0), added.pop(0))))
        blocks += [Block("removed", _wrap("del", p)) for p in removed]
        blocks += [Block("added", _wrap("ins", p)) for p in added]
    return blocks


def summary(blocks: list[Block]) -> dict[str, int]:
    counts = {"same": 0, "changed": 0, "added": 0, "removed": 0}
    for block in blocks:
        counts[block.kind] += 1
    return counts
