"""Reading TimeML: the plain text of an element with the character spans of its tags.

Shared by the TempEval-3 (timebank) and SemEval-2015 timeline scorers.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Tagged:
    """One tag inside the text: its name, attributes and character span in the plain text."""

    tag: str
    attrs: dict[str, str]
    start: int
    end: int


@dataclass
class _Flat:
    parts: list[str] = field(default_factory=list)
    tags: list[Tagged] = field(default_factory=list)
    offset: int = 0

    def add(self, text: str | None) -> None:
        if text:
            self.parts.append(text)
            self.offset += len(text)


def flatten(element: ET.Element) -> tuple[str, list[Tagged]]:
    """The text under ``element`` with every descendant tag's span, in document order."""
    flat = _Flat()

    def walk(node: ET.Element) -> None:
        flat.add(node.text)
        for child in node:
            start = flat.offset
            index = len(flat.tags)
            flat.tags.append(Tagged(child.tag, dict(child.attrib), start, start))
            walk(child)
            flat.tags[index] = Tagged(child.tag, dict(child.attrib), start, flat.offset)
            flat.add(child.tail)

    walk(element)
    return "".join(flat.parts), flat.tags


def creation_day(root: ET.Element) -> dt.date | None:
    """The document creation time (DCT) as a day, when its value starts with one."""
    timex = root.find("DCT/TIMEX3")
    value = timex.get("value", "") if timex is not None else ""
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
