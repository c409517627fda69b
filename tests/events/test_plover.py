"""The PLOVER tables: well-formed, complete, and consistent with each other."""

from __future__ import annotations

import csv
import re

import pytest

import herald.events.plover as plover
from herald.data_files import read_text

MANUAL_CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election", "political_institutions",
    "pro_democracy", "pro_autocracy", "economic", "legal", "reparations", "human_rights",
    "rights_freedoms", "repression", "human_security", "gender", "lgbt", "religion_ethnicity",
    "inequality", "diplomatic", "territory", "peacekeeping", "health", "asylum", "migration",
    "disasters", "natural_resource", "environment", "technology", "terrorism", "cbrn", "cyber",
    "misinformation", "crime", "corruption", "illegal_drugs", "trafficking",
    "humanitarian",  # used by the CAMEO conversion table and by herald's AID triggers
}  # fmt: skip


def rows(name: str) -> list[dict[str, str]]:
    text = read_text(name)
    return list(csv.DictReader(text.splitlines()))


def test_types_table_has_the_sixteen_types_with_quads_and_scores() -> None:
    types = plover.plover_types()
    assert set(types) == set(plover.PLOVER_TYPES)
    quads = {t.quad for t in types.values()}
    assert quads == {
        "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"
    }  # fmt: skip
    for info in types.values():
        assert -10 <= info.score <= 10
        assert info.embeds in ("irrealis", "factive", "none")
        assert info.future_type in types
    assert types["AID"].score > 0 > types["ASSAULT"].score
    assert {n for n, t in types.items() if t.requires_recipient} == {"COOPERATE", "AID", "SANCTION"}
    assert "phone" in types["CONSULT"].modes and "ceasefire" in types["RETREAT"].modes


def test_every_type_has_triggers_and_every_trigger_is_well_formed() -> None:
    types = plover.plover_types()
    seen_types = set()
    for entries in plover.trigger_lexicon().values():
        for entry in entries:
            seen_types.add(entry.type)
            assert entry.pos in ("VERB", "NOUN", "ADJ")
            assert entry.lemma == entry.lemma.lower()
            assert entry.mode is None or entry.mode in types[entry.type].modes, entry
            assert 0 < entry.weight <= 1
            assert entry.object in ("recipient", "topic", "actor", "undergoer", "giver")
            assert set(entry.contexts) <= MANUAL_CONTEXTS, entry
            for need in (n for alternative in entry.requires for n in alternative.split("&")):
                assert not need.startswith("ctx:") or need[4:] in MANUAL_CONTEXTS
    assert seen_types == set(plover.PLOVER_TYPES)


def test_trigger_rows_are_unique() -> None:
    keys = [
        (r["lemma"], r["pos"], r["type"], r["requires"]) for r in rows("events/plover_triggers.csv")
    ]
    assert len(keys) == len(set(keys))


def test_context_words_name_manual_contexts() -> None:
    table = plover.context_words()
    assert table["nuclear"] == ("cbrn",)
    assert "military" in table["troops"]
    assert {c for contexts in table.values() for c in contexts} <= MANUAL_CONTEXTS


def test_cue_kinds_are_known_and_non_empty() -> None:
    kinds = {r["kind"] for r in rows("events/event_cues.csv")}
    assert kinds == {
        "light", "speech", "planned", "hypothetical", "negated", "obligation", "locative",
        "simultaneous", "claim", "reported", "desire", "circumstance", "topic", "press",
        "allegation", "decision", "opinion", "custody", "staying", "quantity", "undergo",
        "aid", "conveyance", "bargain", "manner", "hazard", "armed", "utterance", "state",
        "penalty", "projectile", "mishap", "care", "poll", "abstraction", "animal",
        "avoidance", "befall", "onlooker", "proclaim", "frame", "cause", "assemble", "deliberate",
        "crowd", "crowd_weapon", "perish", "protester", "police", "envoy", "offence", "reprisal",
        "praise", "backstory", "deed", "imputing", "instrument", "enact", "signing", "mob",
        "installation", "casualty", "raising", "explosion", "fuel", "explosive",
        "undergone", "scheme", "thwarting", "likelihood", "compact", "fulfilled",
        "characterize", "evidence", "stative", "comment", "proposal", "mustered", "territory",
        "gathering", "offered", "blame_on", "destination", "guest", "targeting",
    }  # fmt: skip
    assert "will" in plover.cues("planned") and "not" in plover.cues("negated")


def test_cameo_table_is_well_formed_and_unambiguous() -> None:
    table = rows("events/cameo.csv")
    assert table
    keys = [(r["type"], r["mode"], r["context"]) for r in table]
    assert len(keys) == len(set(keys))
    for row in table:
        assert re.fullmatch(r"\d{3,4}", row["cameo"]), row
        assert row["type"] in plover.PLOVER_TYPES


@pytest.mark.parametrize(
    ("ptype", "mode", "contexts", "code"),
    [
        ("CONSULT", "phone", (), "041"),
        ("CONSULT", "visit", (), None),  # make a visit (042) or host one (043): ambiguous
        ("CONSULT", None, (), "040"),
        ("AID", None, ("military",), "072"),
        ("ACCUSE", "allege", ("crime", "corruption"), "1121"),
        ("COERCE", "arrest", ("legal",), "173"),
        ("ASSAULT", None, (), None),
    ],
)
def test_cameo_code(ptype: str, mode: str | None, contexts: tuple[str, ...], code: str | None):
    assert plover.cameo_code(ptype, mode, contexts) == code


def test_frame_modes_name_valid_types_and_modes() -> None:
    types = plover.plover_types()
    for row in rows("events/plover_frame_modes.csv"):
        assert row["frame_type"] in types and row["content_type"] in types
        assert row["type"] in types
        assert not row["mode"] or row["mode"] in types[row["type"]].modes
    assert plover.frame_mode("REQUEST", "CONSULT", None) == ("REQUEST", "meet")
    assert plover.frame_mode("THREATEN", "COERCE", "arrest") == ("THREATEN", "arrest")
    # an agreement to withdraw stays the agreement: CAMEO's intent to yield (035) is AGREE
    assert plover.frame_mode("AGREE", "RETREAT", "withdraw") is None


def test_manual_type_folds_planned_events_as_the_manual_does() -> None:
    assert plover.manual_type("CONSULT", "planned") == "AGREE"
    # an intent to yield, release or de-escalate (CAMEO 035) is AGREE in CAMEO2PLOVER
    assert plover.manual_type("RETREAT", "planned") == "AGREE"
    assert plover.manual_type("CONCEDE", "planned") == "AGREE"
    assert plover.manual_type("ASSAULT", "hypothetical") == "THREATEN"
    assert plover.manual_type("CONSULT", "asserted") == "CONSULT"


def test_mode_cues_table_names_modes_of_their_type_with_integer_ranks() -> None:
    table = rows("events/plover_mode_cues.csv")
    assert table and set(table[0]) == {"cue", "type", "mode", "rank"}
    types = plover.plover_types()
    for row in table:
        assert row["cue"] == row["cue"].lower().strip(), row
        assert row["mode"] in types[row["type"]].modes, row
        assert row["rank"].isdigit(), row
    cues = {row["cue"] for row in table}
    assert len(cues) == len(table), "a cue is listed twice"


def test_cued_mode_takes_the_most_specific_weapon_named() -> None:
    words = ["two", "suicide", "bomber", "suicide bomber", "blow", "up"]
    assert plover.cued_mode("ASSAULT", "explosives", words) == "suicide-attack"
    assert plover.cued_mode("ASSAULT", None, ["warplane", "fire", "missile"]) == "aerial"
    assert plover.cued_mode("ASSAULT", "firearms", ["missile"]) == "heavy-weapons"


def test_cued_mode_keeps_a_mode_that_names_no_weapon_and_other_types() -> None:
    assert plover.cued_mode("ASSAULT", "abduct", ["gunmen"]) == "abduct"
    assert plover.cued_mode("ASSAULT", "heavy-weapons", ["gunmen"]) == "heavy-weapons"
    assert plover.cued_mode("ASSAULT", None, ["talks"]) is None
    assert plover.cued_mode("PROTEST", "demo", ["tear gas"]) == "demo"
