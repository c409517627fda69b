"""actors.scan: the records of the mention scan of the actors stage.

``Scan`` holds a parse with its table matches (``herald.actors.phrases.match_phrases``) and
which tokens are already claimed; ``MentionCandidate`` is one mention found in it and ``Title`` what
the words before or beside it say. ``herald.actors.mentions`` fills them,
``herald.actors.grouping`` reads them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import herald.actors.lexicon as lexicon
from herald.actors.phrases import PhraseMatch, match_phrases
from herald.records import ParsedText


@dataclass(slots=True)
class Title:
    """What the words before or beside a name say: roles, country, sector."""

    roles: list[str] = field(default_factory=list)
    role: lexicon.RoleInfo | None = None
    country: str | None = None
    sector: str | None = None  # from an organization or role noun among the modifiers
    private: bool = False  # names a body the tables do not know: "president of Acme Inc."


@dataclass(slots=True)
class MentionCandidate:
    start: int  # token range of the mention
    end: int
    head: int  # token that stands for the mention in the parse
    type: str  # "person", "nominal", "organization", "country", "generic", "pronoun"
    name: str = ""
    title: Title = field(default_factory=Title)
    key: str = ""  # organization name, iso3, role, generic noun, pronoun
    plural: bool = False
    definite: bool = True
    extra: list[tuple[int, int]] = field(default_factory=list)  # apposition spans


class Scan:
    """The parse with its table matches and which tokens are already claimed."""

    def __init__(self, parsed: ParsedText) -> None:
        self.parsed = parsed
        self.tokens = parsed.tokens
        self.matches = match_phrases(parsed)
        self.match_at: list[PhraseMatch | None] = [None] * len(parsed.tokens)
        for match in self.matches:
            for i in range(match.start, match.end):
                self.match_at[i] = match
        self.claimed = [False] * len(parsed.tokens)
        self.in_title = [False] * len(parsed.tokens)

    def claim(self, start: int, end: int, title_end: int | None = None) -> None:
        for i in range(start, end):
            self.claimed[i] = True
        for i in range(start, title_end if title_end is not None else start):
            self.in_title[i] = True

    def free(self, start: int, end: int) -> bool:
        return not any(self.claimed[start:end])

    def longer_name(self, start: int, end: int) -> bool:
        """Whether the capitalized word before the known name [start, end) makes a name of
        its own: the "Liberal Democratic Party" of Japan, Germany's "Free Democrats" and
        "Social Democrats" are not the "Democratic Party" of the tables. A word the tables
        know ("Senate Democrats"), a place, people or person of its own ("Russian
        Democrats") or the sentence's first word does not."""
        if start == 0:
            return False
        before, first = self.tokens[start - 1], self.tokens[start]
        one_entity = first.ent_iob == "I"
        return (
            before.pos == "PROPN"
            and before.text[:1].isupper()
            and before.dep in ("compound", "amod")
            and start <= before.head < end
            and before.sent == first.sent
            and self.parsed.sentences[before.sent].start < before.i
            and self.match_at[before.i] is None
            and (one_entity or before.ent_type not in ("GPE", "LOC", "NORP", "PERSON"))
        )

    def text(self, start: int, end: int) -> str:
        return self.parsed.span_text(start, end)
