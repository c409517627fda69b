"""The plain records that travel between herald's stages.

Every stage takes and returns these frozen dataclasses; they map one-to-one onto the
DuckDB tables (``herald.store.database``) and onto the JSON that ``herald extract --format json``
writes. Sequences are tuples so that records stay immutable and hashable.

Character offsets (``start``/``end``) always index into ``Document.text``; token indices
index into ``ParsedText.tokens``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

ContentKind = Literal["html", "text"]
ActorKind = Literal["person", "organization", "country", "group"]
Modality = Literal["asserted", "planned", "reported", "negated", "hypothetical", "historical"]
AttributionKind = Literal["publisher", "named_source", "anonymous_source", "outlet"]
Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "century"]
# How a TimeValue got its value: read off the text alone ("absolute"), computed from the
# publication date ("relative"), taken to be the publication date because nothing in the
# sentence governs the event ("publication"), or left open for lack of a date ("unresolved").
Anchor = Literal["absolute", "relative", "publication", "unresolved"]
PublishedHow = Literal["metadata", "dateline", "text", "given", "input", "unknown"]


def _plain(value: Any) -> Any:
    """Turn records, tuples and nested containers into JSON-ready builtins."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


class Record:
    """Mixin: every record turns into plain JSON-ready data with ``to_dict()``."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        result = _plain(self)
        assert isinstance(result, dict)
        return result


# --------------------------------------------------------------------------- input side


@dataclass(frozen=True, slots=True)
class RawDocument(Record):
    """One document as a reader found it, before any cleaning.

    ``source`` says where it came from (a path, ``path:line`` for JSONL, ``path#record``
    for WARC, ``-`` for stdin); ``id`` is the container's own id (JSONL ``id``) or, when it
    has none, the source. ``content`` is bytes as read (decoding is the cleaner's job) or
    str when the container already held text (JSONL).
    """

    source: str
    id: str
    content: bytes | str
    kind: ContentKind
    url: str | None = None
    title: str | None = None
    published: str | None = None  # ISO 8601 publication date given by the container


@dataclass(frozen=True, slots=True)
class TimeValue(Record):
    """A time expression and its resolved calendar value.

    ``value`` is partial ISO 8601 ("2017-12-19", "2018-01", "2018", "2017-W51", "2018-Q1",
    "2018-SU" for a season, "199" for a decade, "19" for a century) or None when it could not
    be resolved. ``modifier`` keeps qualifiers such as "early", "mid", "late", "approx".
    ``start``/``end`` are None for a value that does not come from a span of the text (the
    publication date used as an event's fallback date).
    """

    text: str
    value: str | None
    precision: Precision | None
    anchor: Anchor
    modifier: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True, slots=True)
class Document(Record):
    """A cleaned document: the main text and what is known about it."""

    doc_id: str  # stable hash of the normalized text: re-ingesting is a no-op
    id: str  # the input's id (JSONL) or its path, echoed back to the user
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    byline: str | None = None
    language: str | None = None
    published: TimeValue | None = None
    published_how: PublishedHow = "unknown"
    dateline: str | None = None  # "OTTAWA" in "OTTAWA — ...", "BEIJING" in "BEIJING --"
    captions: tuple[str, ...] = ()
    credits: tuple[
        str, ...
    ] = ()  # photo credits split off captions ("YURI GRIPAS/The Globe and Mail")
    relevance: float | None = None  # is the article about political events? (events.relevance)


@dataclass(frozen=True, slots=True)
class Rejection(Record):
    """Why a document produced no records. ``code`` is one of ``herald.errors.CODES``."""

    source: str
    id: str
    stage: str
    code: str
    detail: str


# --------------------------------------------------------------------------- the parse


@dataclass(frozen=True, slots=True)
class Token(Record):
    """One token of the parse. ``head`` is the index of the syntactic head (itself for roots)."""

    i: int
    text: str
    idx: int  # character offset in Document.text
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    sent: int  # index of the sentence that holds the token
    left: int  # first token of the syntactic subtree
    right: int  # last token of the syntactic subtree (inclusive)
    ent_type: str = ""  # "" outside entities
    ent_iob: str = "O"  # "B", "I" or "O"
    whitespace: str = ""

    @property
    def end(self) -> int:
        return self.idx + len(self.text)


@dataclass(frozen=True, slots=True)
class Sentence(Record):
    """A sentence as a token range [start, end) and a character range [start_char, end_char)."""

    start: int
    end: int
    start_char: int
    end_char: int


@dataclass(frozen=True, slots=True)
class Entity(Record):
    """A named entity from the parser: token range [start, end), label, characters."""

    start: int
    end: int
    label: str
    text: str
    start_char: int
    end_char: int


@dataclass(frozen=True, slots=True)
class ParsedText(Record):
    """The whole parse of one document, as plain data (no spaCy objects)."""

    text: str
    tokens: tuple[Token, ...]
    sentences: tuple[Sentence, ...]
    entities: tuple[Entity, ...]

    def sentence_text(self, index: int) -> str:
        sentence = self.sentences[index]
        return self.text[sentence.start_char : sentence.end_char]

    def children(self, i: int) -> list[Token]:
        """The syntactic children of token ``i``, in text order."""
        sentence = self.sentences[self.tokens[i].sent]
        return [
            token
            for token in self.tokens[sentence.start : sentence.end]
            if token.head == i and token.i != i
        ]

    def first_conjunct(self, i: int) -> int:
        """The first of the coordinated words that token ``i`` belongs to ("met" for
        "discussed" in "met ... and discussed", "Moscow" for "Beijing" in "Moscow and
        Beijing"): the conjuncts share its relation and its subject."""
        while self.tokens[i].dep == "conj" and self.tokens[i].head != i:
            i = self.tokens[i].head
        return i

    def subtree(self, i: int) -> tuple[int, int]:
        """The token range [start, end) covered by the subtree of token ``i``."""
        token = self.tokens[i]
        return token.left, token.right + 1

    def span_text(self, start: int, end: int) -> str:
        """The text of the token range [start, end)."""
        if start >= end:
            return ""
        return self.text[self.tokens[start].idx : self.tokens[end - 1].end]


# --------------------------------------------------------------------------- analysis


@dataclass(frozen=True, slots=True)
class Mention(Record):
    """A stretch of text that refers to something."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Actor(Record):
    """One entity of the article, with all its mentions and what the text says it is."""

    actor_id: str  # f"{doc_id}:a{n}"
    doc_id: str
    name: str  # canonical: the fullest name in the article ("Rex Tillerson")
    kind: ActorKind
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # GOV, MIL, LEG, JUD, COP, SPY, PTY, OPP, REB, IGO, NGO, MED, ...
    roles: tuple[str, ...] = ()  # titles read from the text ("Secretary of State")
    mentions: tuple[Mention, ...] = ()

    def ref(self, text: str | None = None) -> ActorRef:
        """The short form that events and quotes embed."""
        return ActorRef(
            actor_id=self.actor_id,
            name=self.name,
            kind=self.kind,
            country=self.country,
            sector=self.sector,
            roles=self.roles,
            text=text if text is not None else self.name,
        )


@dataclass(frozen=True, slots=True)
class ActorRef(Record):
    """An actor as an event or a quote names it: the coded actor plus the words used here."""

    actor_id: str | None
    name: str
    kind: ActorKind
    country: str | None = None
    sector: str | None = None
    roles: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True, slots=True)
class Place(Record):
    """A place mentioned in the text and, where the gazetteer knows it, where it is."""

    text: str
    start: int
    end: int
    name: str | None = None  # gazetteer name ("Vancouver")
    country: str | None = None  # ISO 3166 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    # "city", "country", "admin1", "admin2", "province", "district", "region", "continent"
    feature: str | None = None
    # on an event's ``where``, the evidence for it: "governs", "sentence", "previous",
    # "scene", "dateline", "article", "home" or "seat" (events.where); None on the
    # document's own places
    basis: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution(Record):
    """Who asserts an event: the publisher itself, a named or anonymous source, another outlet."""

    kind: AttributionKind
    text: str | None = None  # "Reuters", "a senior state department official"
    actor_id: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence(Record):
    """The sentence that carries an event, with its character range in Document.text."""

    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Telling(Record):
    """One more telling of an event in its article (``events.coreference``): where it is, and
    how that sentence tells it. The lede may assert an attack that a later paragraph reports
    through the police and a quote recalls; each keeps its own modality and source."""

    text: str  # the trigger
    start: int
    end: int
    modality: Modality = "asserted"
    attribution: Attribution = field(default_factory=lambda: Attribution(kind="publisher"))


@dataclass(frozen=True, slots=True)
class Quote(Record):
    """Direct or reported speech with its speaker."""

    quote_id: str  # f"{doc_id}:q{n}"
    doc_id: str
    text: str
    start: int
    end: int
    speaker: ActorRef | None = None
    speaker_text: str | None = None
    anonymous: bool = False
    kind: Literal["direct", "reported"] = "direct"
    cue: str | None = None  # the speech verb or phrase ("said", "according to")


@dataclass(frozen=True, slots=True)
class Event(Record):
    """One political event mention, typed in PLOVER."""

    event_id: str  # f"{doc_id}:e{n}"
    doc_id: str
    type: str  # PLOVER type: AGREE, CONSULT, ...
    mode: str | None
    trigger: Mention
    evidence: Evidence
    actor: tuple[ActorRef, ...] = ()
    recipient: tuple[ActorRef, ...] = ()
    contexts: tuple[str, ...] = ()
    when: TimeValue | None = None
    where: Place | None = None
    modality: Modality = "asserted"
    attribution: Attribution = field(default_factory=lambda: Attribution(kind="publisher"))
    confidence: float = 0.5
    cameo: str | None = None
    story_id: str | None = None
    relevance: float = 1.0  # a political event between political actors? (events.relevance)
    # the article's other tellings of this same event (events.coreference)
    mentions: tuple[Telling, ...] = ()
    lead: bool = False  # what the article's lede reports (events.relevance.mark_lead)

    def _repr_html_(self) -> str:  # Jupyter's display hook (herald.display)
        from herald.display import event_html

        return event_html(self)


@dataclass(frozen=True, slots=True)
class Extraction(Record):
    """Everything herald found in one document."""

    doc: Document
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    timexes: tuple[TimeValue, ...] = ()
    places: tuple[Place, ...] = ()

    def _repr_html_(self) -> str:  # Jupyter's display hook (herald.display)
        from herald.display import extraction_html

        return extraction_html(self)


@dataclass(frozen=True, slots=True)
class Rejected(Record):
    """A document that produced no records, and why (the JSON line's ``doc`` + ``rejected``)."""

    raw: RawDocument
    rejection: Rejection

    def to_dict(self) -> dict[str, Any]:
        doc = {"id": self.raw.id, "source": self.raw.source, "url": self.raw.url}
        reason = {key: getattr(self.rejection, key) for key in ("stage", "code", "detail")}
        return {"doc": doc, "rejected": reason}


Result = Extraction | Rejected
