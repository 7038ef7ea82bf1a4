"""Bar charts drawn on the server, without script (templates/components/bar_chart.html):
each bar says what it counts in words and leads where those records are listed, its
length drawn relative to the largest; the same numbers are one click away as a table."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    #: The number in words: "3 documents".
    name: str
    value: int
    #: Its length, in percent of the largest bar's.
    share: float
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Chart:
    #: The id its title takes, unique on the page.
    id: str
    title: str
    description: str
    #: The heading of the table's first column: "Year", "Type".
    label_heading: str
    value_heading: str
    bars: list[Bar]


def bars(
    rows: Iterable[tuple[str, str, int]],
    *,
    name: Callable[[int], str],
    url: Callable[[str], str] | None = None,
    current: str = "",
) -> list[Bar]:
    """Bars of (value, label, number) rows, such as a list's facet counts."""
    rows = [row for row in rows if row[2]]
    largest = max((n for _value, _label, n in rows), default=0) or 1
    return [
        Bar(
            label=label,
            name=name(n),
            value=n,
            share=round(100 * n / largest, 1),
            url=url(value) if url else "",
            current=bool(current) and str(value) == str(current),
        )
        for value, label, n in rows
    ]
