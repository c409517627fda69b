"""The attribute ruler and lemmatizer of a spaCy pipeline, replayed from cached tables.

spaCy's ``attribute_ruler`` runs a Matcher with a couple of hundred token patterns over
every token, and its rule ``lemmatizer`` is a Python loop that writes into the Doc; together
they cost about a fifth of the pipeline. herald only needs their results as strings, and
those depend on a few token values that repeat all the time, so ``parsing`` skips both
components and asks ``RuleReplay`` for each token's POS, tag, dependency label and lemma.

The results are the same as the components': every rule is read from the pipeline's own
``attribute_ruler`` (matched on the values before any rule applies, later rules winning,
as spaCy applies them), and lemmas come from the pipeline's own lemmatizer, cached on the
(text, POS, morphology) it is a pure function of.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Token

# The token values the model's patterns test. A pattern that tests anything else makes
# RuleReplay refuse the model, and parsing falls back to running the components.
_TESTED = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_SET = ("POS", "TAG", "DEP", "MORPH", "LEMMA")
REPLACED_COMPONENTS = ("attribute_ruler", "lemmatizer")

Key = tuple[str, str, str, bool]  # (tag, lower, dep, is_space) as the parser left them


class UnsupportedRules(ValueError):
    """The pipeline's rules use something RuleReplay does not replay."""


def _spec_matches(spec: dict[str, Any], key: Key) -> bool:
    """Whether one token pattern (a Matcher dict) matches a token with these values."""
    return all(_value_matches(wanted, key[_TESTED[attr]]) for attr, wanted in spec.items())


def _value_matches(wanted: Any, value: str | bool) -> bool:
    if not isinstance(wanted, dict):
        return value == wanted
    if "IN" in wanted and value not in wanted["IN"]:
        return False
    if "NOT_IN" in wanted and value in wanted["NOT_IN"]:
        return False
    return not ("REGEX" in wanted and not re.search(wanted["REGEX"], str(value)))


def _check_supported(spec: dict[str, Any]) -> None:
    for attr, wanted in spec.items():
        if attr not in _TESTED:
            raise UnsupportedRules(f"pattern tests {attr}")
        if isinstance(wanted, dict) and set(wanted) - {"IN", "NOT_IN", "REGEX"}:
            raise UnsupportedRules(f"pattern uses {sorted(wanted)}")


@dataclass(frozen=True, slots=True)
class _Pattern:
    rule: int  # the rule's position: later rules win
    specs: tuple[dict[str, Any], ...]
    target: int  # which token of the match receives the attributes


@dataclass(frozen=True, slots=True)
class _Matched:
    """What the patterns say about a token with given values (cached per value tuple)."""

    rules: tuple[int, ...]  # one-token rules that match it
    steps: frozenset[tuple[int, int]]  # (pattern, position) of several-token patterns


Step = tuple[int, int, dict[str, Any]]  # pattern number, position in it, token spec


def _index_as_sets(lemmatizer: Any) -> None:
    """Make the lemmatizer's word lists sets: it only asks whether a form is in them, and a
    list of 57,000 nouns made each new word cost milliseconds. Same answers, faster."""
    table = lemmatizer.lookups.get_table("lemma_index", {})
    for pos in list(table.keys()):
        if isinstance(table[pos], list):
            table[pos] = frozenset(table[pos])


def _lowers(spec: dict[str, Any]) -> list[str] | None:
    """The lowercase forms a spec requires, or None if it does not fix them."""
    wanted = spec.get("LOWER")
    if isinstance(wanted, str):
        return [wanted]
    if isinstance(wanted, dict) and set(wanted) == {"IN"}:
        return list(wanted["IN"])
    return None


class RuleReplay:
    """Per-token results of a pipeline's attribute ruler and rule lemmatizer."""

    def __init__(self, nlp: Language) -> None:
        ruler = nlp.get_pipe("attribute_ruler")
        self.lemmatizer = nlp.get_pipe("lemmatizer")
        if getattr(self.lemmatizer, "mode", None) != "rule" or self.lemmatizer.overwrite:
            raise UnsupportedRules("the lemmatizer is not a plain rule lemmatizer")
        _index_as_sets(self.lemmatizer)
        self.attrs: list[dict[str, str]] = []
        self.patterns: list[_Pattern] = []
        for number, rule in enumerate(ruler.patterns):
            unsupported = set(rule["attrs"]) - set(_SET)
            if unsupported:
                raise UnsupportedRules(f"rule sets {sorted(unsupported)}")
            self.attrs.append({name: str(value) for name, value in rule["attrs"].items()})
            for specs in rule["patterns"]:
                for spec in specs:
                    _check_supported(spec)
                self.patterns.append(_Pattern(number, tuple(specs), rule["index"] % len(specs)))
        self.multi = [n for n, p in enumerate(self.patterns) if len(p.specs) > 1]
        self._index_steps()
        self._matched: dict[Key, _Matched] = {}
        self._lemmas: dict[tuple[str, str, str], str] = {}

    def _index_steps(self) -> None:
        """File each token spec under the word or tag it needs, so few are tried per token."""
        self._by_lower: dict[str, list[Step]] = {}
        self._by_tag: dict[str, list[Step]] = {}
        self._always: list[Step] = []
        for number, pattern in enumerate(self.patterns):
            for position, spec in enumerate(pattern.specs):
                step = (number, position, spec)
                lowers = _lowers(spec)
                if lowers is not None:
                    for lower in lowers:
                        self._by_lower.setdefault(lower, []).append(step)
                elif isinstance(spec.get("TAG"), str):
                    self._by_tag.setdefault(spec["TAG"], []).append(step)
                else:
                    self._always.append(step)

    def matched(self, key: Key) -> _Matched:
        """What the patterns say about a token with these (tag, lower, dep, is_space) values."""
        found = self._matched.get(key)
        if found is None:
            tag, lower = key[0], key[1]
            steps = [
                (number, position)
                for number, position, spec in itertools.chain(
                    self._by_lower.get(lower, ()), self._by_tag.get(tag, ()), self._always
                )
                if _spec_matches(spec, key)
            ]
            single = {self.patterns[n].rule for n, _ in steps if len(self.patterns[n].specs) == 1}
            several = frozenset(step for step in steps if len(self.patterns[step[0]].specs) > 1)
            found = _Matched(tuple(sorted(single)), several)
            self._matched[key] = found
        return found

    def multi_rules(self, matched: list[_Matched]) -> dict[int, list[int]]:
        """Token index -> the several-token rules that give it attributes (rare)."""
        hits: dict[int, list[int]] = {}
        for start, first in enumerate(matched):
            for number, position in first.steps:
                pattern = self.patterns[number]
                width = len(pattern.specs)
                fits = position == 0 and start + width <= len(matched)
                if fits and all((number, j) in matched[start + j].steps for j in range(1, width)):
                    hits.setdefault(start + pattern.target, []).append(pattern.rule)
        return hits

    def apply(self, rules: tuple[int, ...] | list[int]) -> dict[str, str]:
        """The attributes the rules set, applied in rule order (later ones win)."""
        merged: dict[str, str] = {}
        for rule in sorted(set(rules)):
            merged.update(self.attrs[rule])
        return merged

    def lemma(self, token: Token, pos: str, morph: str) -> str:
        """The rule lemmatizer's lemma of ``token`` read as ``pos`` with ``morph``."""
        key = (token.text, pos, morph)
        found = self._lemmas.get(key)
        if found is None:
            # The lemmatizer reads POS and morphology off the token: set them first.
            if pos:
                token.pos_ = pos
            token.set_morph(None if morph in ("", "_") else morph)
            found = self.lemmatizer.rule_lemmatize(token)[0]
            self._lemmas[key] = found
        return found
