"""The notebook API: herald.open's DataFrames, herald.extract_many, rich display."""

from __future__ import annotations

from pathlib import Path

import pytest

import herald
from herald.errors import UnknownValueError
from herald.records import Extraction, Rejected
from herald.store.database import Store

pytestmark = pytest.mark.slow
pd = pytest.importorskip("pandas")

ARTICLE = (
    "Canada's foreign minister will meet her Mexican counterpart in Ottawa on Friday, "
    "officials said. The two ministers signed a trade agreement last year.\n"
)
OTHER = (
    "Police arrested dozens of protesters in the capital on Saturday, the interior "
    "ministry said. Demonstrators had demanded the resignation of the <script> government.\n"
)


@pytest.fixture(scope="module")
def results() -> list:
    return herald.extract_many([ARTICLE, "   ", OTHER], date="2017-12-18", processes=1)


def test_extract_many_gives_one_result_per_text_in_order(results):
    first, empty, other = results
    assert isinstance(first, Extraction) and isinstance(other, Extraction)
    assert isinstance(empty, Rejected) and empty.rejection.code == "empty"
    assert [first.doc.id, other.doc.id] == ["text-0", "text-2"]
    one = herald.extract(ARTICLE, date="2017-12-18")
    assert [e.type for e in first.events] == [e.type for e in one.events]
    with pytest.raises(ValueError, match="2 ids for 1 texts"):
        herald.extract_many([ARTICLE], ids=["a", "b"])


@pytest.fixture(scope="module")
def database(results, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from herald.link.stage import link_new

    path = tmp_path_factory.mktemp("notebook") / "events.duckdb"
    with Store.open(path) as store:
        store.write(results)
        link_new(store)
    return path


def test_open_gives_dataframes_of_events_actors_stories_documents(database: Path):
    with herald.open(str(database)) as db:
        events = db.events()
        assert isinstance(events, pd.DataFrame) and len(events) >= 2
        assert str(events["event_date"].dtype).startswith("datetime64")
        assert events["confidence"].dtype == "float64"
        # The columns of `herald export`: quad, score, actor codes, admin1, relevance.
        from herald.store.export.formats import EVENT_COLUMNS

        assert list(events.columns) == list(EVENT_COLUMNS)
        assert events["goldstein"].notna().all() and set(events["quad_class"]) <= {1, 2, 3, 4}
        arrests = db.events(participant="police", since="2017-12-01")
        assert set(arrests["type"]) <= {"COERCE", "ASSAULT", "PROTEST"} and len(arrests) >= 1
        assert len(db.events(limit=1)) == 1
        assert set(db.documents()["id"]) == {"text-0", "text-2"}
        assert {"name", "country", "sector", "events"} <= set(db.actors().columns)
        assert len(db.stories()) >= 1
        assert list(db.sql("SELECT count(*) AS n FROM events")["n"]) == [len(events)]
        with pytest.raises(UnknownValueError, match="CONSULT"):
            db.events(type="FOO")
    with Store.open(database):  # closed: a writer may open the file again
        pass


def test_results_show_as_html_tables_in_jupyter(results):
    first, _, other = results
    page = first._repr_html_()
    assert page.startswith("<p><b>text-0</b>") and "<table>" in page
    event = first.events[0]
    assert f"<b>{event.trigger.text}</b>" in event._repr_html_()
    shown = other._repr_html_()
    assert "&lt;script&gt;" in shown and "<script>" not in shown  # the page's words, escaped


def test_dir_shows_the_public_api_only():
    names = dir(herald)
    assert {"open", "extract", "extract_many", "Database", "Extraction"} <= set(names)
    assert not {"notebook", "records", "settings", "errors", "dt"} & set(names)


def test_polars_frames_when_polars_is_installed(database: Path):
    polars = pytest.importorskip("polars")
    with herald.open(str(database), frame="polars") as db:
        assert isinstance(db.events(), polars.DataFrame)
        assert isinstance(db.stories(), polars.DataFrame)
