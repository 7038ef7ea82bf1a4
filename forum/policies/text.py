"""The plain-text format of the site's policy pages, written and translated in /cms/ as
ordinary text, shown as HTML:

- paragraphs are separated by a blank line;
- a paragraph starting with "## " is a heading (its first line; the rest is a paragraph);
- lines starting with "- " are a list (one item a line);
- [words](address) is a link, to an address of this site ("/privacy/", kept in the
  reader's language), a web address (https://…) or an email address (mailto:…);
- `words` between backticks are code (a cookie's name, an address).

Everything else is text: the secretariat never writes HTML, and nothing in a text can
become markup."""

import re
from itertools import groupby

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from forum.core.i18n import localise_path

INLINE = re.compile(r"\[(?P<label>[^\[\]]+)\]\((?P<target>[^()\s\\]+)\)|`(?P<code>[^`]+)`")
SAFE_TARGET = re.compile(r"^(/(?!/)|https?://|mailto:)")


def _piece(match) -> str:
    if match["code"]:
        return format_html("<code>{}</code>", match["code"])
    label, target = match["label"], match["target"]
    if not SAFE_TARGET.match(target):
        return escape(match[0])
    if target.startswith("/"):
        target = localise_path(target)
    return format_html('<a href="{}">{}</a>', target, label)


def inline(text: str) -> str:
    """One line or paragraph of text as HTML: escaped, with its links and code."""
    parts, end = [], 0
    for match in INLINE.finditer(text):
        parts.append(escape(text[end : match.start()]))
        parts.append(_piece(match))
        end = match.end()
    parts.append(escape(text[end:]))
    return "".join(parts)


def _runs(lines: list[str]) -> list[str]:
    """Consecutive list items as a list, consecutive other lines as a paragraph."""
    html = []
    for is_list, run in groupby(lines, key=lambda line: line.startswith("- ")):
        if is_list:
            items = "".join(f"<li>{inline(line[2:].strip())}</li>" for line in run)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append(f"<p>{inline(' '.join(run))}</p>")
    return html


def to_html(text: str) -> SafeString:
    html = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [line.strip() for line in block.strip().splitlines() if line.strip()]
        if not lines:
            continue
        if lines[0].startswith("## "):
            html.append(f"<h2>{inline(lines[0][3:].strip())}</h2>")
            lines = lines[1:]
            if not lines:
                continue
        html += _runs(lines)
    return mark_safe("\n".join(html))  # noqa: S308 (every piece escaped above)
