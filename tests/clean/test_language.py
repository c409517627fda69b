"""The English detector: function-word share, script share, short texts, its word table."""

from __future__ import annotations

import csv

import pytest

from herald.clean.language import (
    MIN_WORDS,
    foreign_function_words,
    function_words,
    guess_english,
    is_english,
    non_latin_share,
)
from herald.data_files import data_path

TABLE = data_path("clean/english_function_words.csv")

ENGLISH = (
    "The government said on Tuesday that it would send more troops to the border after "
    "a week of clashes, and that talks with the rebels had been put off until next month."
)
OTHERS = {
    "de": "Die Regierung teilte am Dienstag mit, dass sie nach einer Woche der Zusammenstöße "
    "mehr Soldaten an die Grenze schicken werde und die Gespräche verschoben seien.",
    "fr": "Le gouvernement a annoncé mardi qu'il enverrait davantage de soldats à la frontière "
    "après une semaine d'affrontements et que les pourparlers étaient reportés.",
    "es": "El gobierno dijo el martes que enviaría más tropas a la frontera después de una "
    "semana de enfrentamientos y que las conversaciones con los rebeldes se aplazaron.",
    "nl": "De regering zei dinsdag dat zij na een week van botsingen meer troepen naar de "
    "grens zou sturen en dat de gesprekken met de rebellen waren uitgesteld.",
    "ru": "Правительство заявило во вторник, что направит дополнительные войска к границе "
    "после недели столкновений и что переговоры с повстанцами отложены.",  # noqa: RUF001
    "id": "Pemerintah mengatakan pada hari Selasa bahwa mereka akan mengirim lebih banyak "
    "pasukan ke perbatasan setelah seminggu bentrokan dan pembicaraan dengan pemberontak ditunda.",
    "tr": "Hükümet salı günü yaptığı açıklamada bir haftalık çatışmaların ardından sınıra daha "  # noqa: RUF001
    "fazla asker göndereceğini ve isyancılarla görüşmelerin ertelendiğini söyledi.",  # noqa: RUF001
    "zh": "政府星期二表示，在一周的冲突之后，将向边境增派部队，与叛军的谈判已推迟到下个月。",  # noqa: RUF001
}


def test_english_news_is_english() -> None:
    guess = guess_english(ENGLISH)
    assert guess.english
    assert guess.function_share > 0.25


@pytest.mark.parametrize("language", sorted(OTHERS))
def test_other_languages_are_not(language: str) -> None:
    assert not is_english(OTHERS[language])


def test_short_text_is_let_through_but_short_foreign_script_is_not() -> None:
    assert guess_english("Talks resume in Geneva").words < MIN_WORDS
    assert is_english("Talks resume in Geneva")
    assert not is_english("Переговоры возобновятся")


def test_english_with_a_foreign_quote_stays_english() -> None:
    text = ENGLISH + ' The minister replied: "Nous verrons."'
    assert is_english(text)


def test_non_latin_share() -> None:
    assert non_latin_share("abc") == 0.0
    assert non_latin_share("ab где") == pytest.approx(0.6)
    assert non_latin_share("123 !?") == 0.0


def test_function_word_table() -> None:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        words = [row["word"] for row in csv.DictReader(handle)]
    assert len(words) == len(set(words)) >= 80
    assert all(word.isalpha() and word == word.lower() for word in words)
    assert frozenset(words) == function_words()
    # words frequent in other Latin-script languages would blur the measure
    assert not {"a", "in", "de", "die", "la", "el", "en", "et"} & set(words)


def test_a_short_sentence_of_names_is_english() -> None:
    names = "Kenya's President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi."
    guess = guess_english(names)
    assert guess.words >= MIN_WORDS and guess.function_share == 0.0
    assert guess.english


def test_foreign_function_word_table_holds_no_english_word() -> None:
    foreign = foreign_function_words()
    assert len(foreign) >= 80
    assert not foreign & function_words()
    assert not {"a", "in", "on", "to", "do", "no", "men", "war", "also", "will"} & foreign
