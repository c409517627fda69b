"""The command line, run as a user runs it: a real subprocess on real files."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from herald.cli.demo import samples_dir
from herald.pipeline import DEFAULT_BATCH_SIZE

pytestmark = pytest.mark.slow

ARTICLE = (
    "Canada's foreign minister will meet her Mexican counterpart in Ottawa on Friday, "
    "officials said. The two ministers signed a trade agreement last year.\n"
)
OTHER = (
    "Police arrested dozens of protesters in the capital on Saturday, the interior "
    "ministry said. Demonstrators had demanded the resignation of the government.\n"
)


def herald(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "herald", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_extract_json_writes_one_object_per_document_with_the_documented_keys():
    done = herald("extract", str(samples_dir()), "--published", "2017-12-18", "-q", "-j", "1")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(lines) >= 5  # the text page, the HTML page and the JSONL batch
    for line in lines:
        assert set(line) == {"doc", "actors", "events", "quotes", "timexes", "places"}
    ids = {line["doc"]["id"] for line in lines}
    assert any(name.endswith("ottawa-visit.txt") for name in ids)
    assert sum(len(line["events"]) for line in lines) > 0


def test_stdin_text_uses_the_given_date():
    done = herald("extract", "-", "--published", "2017-12-18", "-q", stdin=ARTICLE)
    assert done.returncode == 0, done.stderr
    (line,) = [json.loads(text) for text in done.stdout.splitlines()]
    assert line["doc"]["published"]["value"] == "2017-12-18"
    assert line["doc"]["published_how"] == "given"


SPORTS = (
    "The home team beat the visitors 3-1 on Sunday in front of a record crowd.\n"
    "The coach praised his players after the match and thanked the fans.\n"
    "The club signed a new striker from a rival team last week.\n"
    "The players will travel to the capital for the final next month.\n"
)


def test_a_non_political_article_has_no_events_unless_all_events():
    default = json.loads(
        herald("extract", "-", "--published", "2018-01-01", "-q", stdin=SPORTS).stdout
    )
    assert default["events"] == [] and default["doc"]["relevance"] < 0.6
    done = herald("extract", "-", "--published", "2018-01-01", "-q", "--all-events", stdin=SPORTS)
    every = json.loads(done.stdout)
    assert every["events"] and every["doc"]["relevance"] == default["doc"]["relevance"]
    assert all(0 <= event["relevance"] <= 1 for event in every["events"])


def test_reingesting_adds_nothing_and_bad_files_are_rejected_without_stopping(tmp_path: Path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 20)
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "j1", "text": OTHER, "date": "2017-12-18"}) + "\n{not json\n",
        encoding="utf-8",
    )
    db = tmp_path / "events.duckdb"
    first = herald("extract", str(folder), "--db", str(db), "--format", "csv")
    assert first.returncode == 0, first.stderr
    assert "empty" in first.stderr and "binary" in first.stderr
    assert "malformed_record" in first.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        before = {
            table: con.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("documents", "events", "actors", "rejections")
        }
    assert before["documents"] == 2
    assert before["rejections"] == 3
    second = herald("extract", str(folder), "--db", str(db), "-q")
    assert second.returncode == 0, second.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        after = {
            table: con.execute(f"select count(*) from {table}").fetchone()[0] for table in before
        }
    assert after == before


def test_nothing_readable_exits_non_zero(tmp_path: Path):
    done = herald("extract", str(tmp_path / "missing.txt"), "-q")
    assert done.returncode == 1
    assert "missing.txt" in done.stderr


def test_a_bad_date_is_a_usage_error():
    done = herald("extract", "-", "--published", "18/12/2017", stdin=ARTICLE)
    assert done.returncode == 2
    assert "YYYY-MM-DD" in done.stderr


def test_events_and_export_read_the_database(tmp_path: Path):
    db = tmp_path / "events.duckdb"
    assert (
        herald(
            "extract",
            str(samples_dir()),
            "--db",
            str(db),
            "--published",
            "2017-12-18",
            "-q",
            "--format",
            "csv",
        ).returncode
        == 0
    )
    listed = herald("events", "--db", str(db), "--format", "json")
    assert listed.returncode == 0, listed.stderr
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows and all("type" in row for row in rows)
    consult = herald("events", "--db", str(db), "--type", "CONSULT", "--format", "json")
    assert all(json.loads(line)["type"] == "CONSULT" for line in consult.stdout.splitlines())
    target = tmp_path / "events.parquet"
    exported = herald("export", "--db", str(db), "-o", str(target))
    assert exported.returncode == 0, exported.stderr
    import pyarrow.parquet as pq

    assert pq.read_table(target).num_rows == len(rows)


def _counts(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            table: con.execute(f"select count(*) from {table}").fetchone()[0]
            for table in ("documents", "events", "actors", "quotes", "rejections")
        }


def test_a_run_killed_mid_batch_leaves_a_consistent_file_that_a_rerun_completes(
    tmp_path: Path,
):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(40):
        (folder / f"a{n:02}.txt").write_text(
            f"Officials in district {n} said police arrested {n + 2} protesters on Monday. "
            + ARTICLE,
            encoding="utf-8",
        )
    complete, killed = tmp_path / "complete.duckdb", tmp_path / "killed.duckdb"
    assert herald("extract", str(folder), "--db", str(complete), "-q", "-j", "1").returncode == 0
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "herald",
            "extract",
            str(folder),
            "--db",
            str(killed),
            "-q",
            "-j",
            "1",
            "--format",
            "csv",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    # Kill it once the first batches are stored, while later ones are being processed.
    import time

    deadline = time.monotonic() + 300
    while not killed.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(8)
    process.kill()
    process.wait()
    partial = _counts(killed)  # opens: the file is consistent
    # Only whole batches were stored (one transaction each).
    assert partial["documents"] % DEFAULT_BATCH_SIZE == 0 or partial["documents"] == 40
    assert herald("extract", str(folder), "--db", str(killed), "-q").returncode == 0
    assert _counts(killed) == _counts(complete)


def test_a_user_actor_dictionary_recodes_the_actors_it_names(tmp_path: Path):
    dictionary = tmp_path / "actors.csv"
    dictionary.write_text(
        "name,aliases,country,sector,valid_from,valid_to,kind\n"
        "Nika Beridze,Beridze,GEO,OPP,2020-01-01,,person\n",
        encoding="utf-8",
    )
    text = (
        "Opposition figure Nika Beridze accused the government of using force against "
        "peaceful citizens on Friday. Beridze said protests would go on.\n"
    )
    plain = herald("extract", "-", "--date", "2024-05-03", "-q", stdin=text)
    coded = herald(
        "extract", "-", "--date", "2024-05-03", "-q", "--actors", str(dictionary), stdin=text
    )
    assert plain.returncode == 0 and coded.returncode == 0, coded.stderr

    def beridze(done: subprocess.CompletedProcess[str]) -> dict:
        (line,) = [json.loads(text) for text in done.stdout.splitlines()]
        return next(a for a in line["actors"] if a["name"] == "Nika Beridze")

    assert (beridze(coded)["country"], beridze(coded)["sector"]) == ("GEO", "OPP")
    assert (beridze(plain)["country"], beridze(plain)["sector"]) != ("GEO", "OPP")


# ---------------------------------------------------------------------------- hostile input


def long_text(characters: int) -> str:
    """An article of news sentences a little longer than ``characters``."""
    sentences, size, n = [], 0, 0
    while size <= characters:
        sentence = f"Officials in district {n} said the minister met the envoy on Monday. "
        sentences.append(sentence)
        size += len(sentence)
        n += 1
    return "".join(sentences)


def test_a_text_over_the_parser_limit_is_rejected_and_the_batch_goes_on(tmp_path: Path):
    # Over spaCy's max_length (1,000,000 characters), under --max-bytes (5 MB).
    lines = tmp_path / "mixed.jsonl"
    lines.write_text(
        json.dumps({"id": "long", "text": long_text(1_000_100), "date": "2017-12-18"})
        + "\n"
        + json.dumps({"id": "short", "text": ARTICLE, "date": "2017-12-18"})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "events.duckdb"
    done = herald("extract", str(lines), "-q", "-j", "1", "--db", str(db), "-o", "-")
    assert done.returncode == 0, done.stderr[-2000:]
    rejected_line, line = [json.loads(text) for text in done.stdout.splitlines()]
    assert line["doc"]["id"] == "short" and "events" in line
    assert rejected_line["doc"]["id"] == "long"
    assert rejected_line["rejected"]["stage"] == "parse"
    assert rejected_line["rejected"]["code"] == "too_long"
    (rejected,) = [text for text in done.stderr.splitlines() if "rejected" in text]
    assert "[parse/too_long]" in rejected and "1000000" in rejected and len(rejected) < 500
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("select stage, code from rejections").fetchall() == [
            ("parse", "too_long")
        ]


@contextlib.contextmanager
def locked(db: Path):
    """Another process holding ``db`` open for writing (as `herald serve --writable` does)."""
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb\n"
            f"con = duckdb.connect({str(db)!r})\n"
            "print('ready', flush=True)\n"
            "sys.stdin.read()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


@pytest.fixture(scope="module")
def stored_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "events.duckdb"
    done = herald("extract", "-", "--published", "2017-12-18", "-q", "--db", str(db), stdin=ARTICLE)
    assert done.returncode == 0, done.stderr
    return db


@pytest.mark.parametrize(
    "command",
    [
        ("events",),
        ("stories",),
        ("export", "-o", "{tmp}/out.csv"),
        ("extract", "-"),
    ],
)
def test_a_locked_database_is_one_clear_line_and_exit_1(
    stored_db: Path, tmp_path: Path, command: tuple[str, ...]
):
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    with locked(stored_db):
        done = herald(*args, "--db", str(stored_db), stdin=ARTICLE)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    (message,) = done.stderr.strip().splitlines()
    assert message.startswith("herald: ") and "in use by another process" in message
    assert str(stored_db) in message


def test_reading_commands_open_the_database_read_only(stored_db: Path, tmp_path: Path):
    # Read-only connections share the file: two readers at once both work.
    import duckdb as duck

    with duck.connect(str(stored_db), read_only=True):
        for args in (("events",), ("stories",), ("export", "-o", str(tmp_path / "x.csv"))):
            done = herald(*args, "--db", str(stored_db))
            assert done.returncode == 0, done.stderr


def test_extract_on_dask_then_load_stores_what_extract_stores(tmp_path: Path):
    dataset, on_dask, single = (
        tmp_path / "news.d",
        tmp_path / "dask.duckdb",
        tmp_path / "one.duckdb",
    )
    samples = str(samples_dir())
    done = herald(
        "extract", samples, "--dask", "local:1", "--dataset", str(dataset), "--db", str(on_dask)
    )
    assert done.returncode == 0, done.stderr
    assert "partitions written" in done.stderr and "documents added" in done.stderr
    assert herald("extract", samples, "--db", str(single), "-q", "-j", "1").returncode == 0
    assert _counts(on_dask) == _counts(single)
    again = herald("load", str(dataset), "--db", str(on_dask))
    assert again.returncode == 0 and "0 documents added" in again.stderr
    assert _counts(on_dask) == _counts(single)


def test_dask_usage_errors_are_one_line_and_write_nothing(tmp_path: Path):
    no_dataset = herald("extract", str(samples_dir()), "--dask", "local:1")
    assert no_dataset.returncode == 2 and "--dataset" in no_dataset.stderr
    dataset = tmp_path / "x.d"
    bad = herald("extract", str(samples_dir()), "--dask", "local:x", "--dataset", str(dataset))
    assert bad.returncode == 2 and "local:N" in bad.stderr
    assert not dataset.exists()


def test_watch_stores_the_folder_and_stops_cleanly_on_ctrl_c(tmp_path: Path):
    import queue
    import signal
    import threading

    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "events.duckdb"
    # PYTHONFAULTHANDLER: a watcher that does not stop is sent SIGABRT, and prints where
    # each of its threads stood, which the failure shows. The watcher is started as a
    # terminal starts a command, with Ctrl-C's default handler: a test run started in the
    # background of a script inherits SIGINT ignored, and so would its children.
    terminal = (
        "import signal, sys, runpy; signal.signal(signal.SIGINT, signal.default_int_handler); "
        "sys.argv[0] = 'herald'; runpy.run_module('herald', run_name='__main__')"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", terminal, "watch", str(folder), "--db", str(db), "-j", "1"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1"},
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(
        target=lambda: [lines.put(line) for line in process.stderr], daemon=True
    ).start()
    try:
        line = lines.get(timeout=300)
        while "documents added" not in line:
            line = lines.get(timeout=300)
        assert "1 documents added" in line
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.send_signal(signal.SIGABRT)
            process.wait(timeout=30)
            time.sleep(1)  # the reader thread drains the pipe
            pytest.fail("herald watch ran on after Ctrl-C:\n" + "".join(lines.queue))
        assert process.returncode == 0, "".join(lines.queue)
    finally:
        process.kill()
    assert _counts(db)["documents"] == 1


# ------------------------------------------------ the analyst's CLI (issue 15)


@pytest.fixture(scope="module")
def samples_db(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The shipped samples stored with --db and nothing else asked: the run and its file."""
    db = tmp_path_factory.mktemp("samples") / "samples.duckdb"
    done = herald(
        "extract", str(samples_dir()), "--db", str(db), "--published", "2017-12-18", "-j", "1"
    )
    assert done.returncode == 0, done.stderr
    return db, done


def test_extract_into_a_database_prints_no_records_and_a_bar_with_a_total(samples_db):
    _db, done = samples_db
    assert done.stdout == ""
    assert "7/7" in done.stderr  # the bar knew the total: 2 files and 5 JSONL lines
    assert "herald: 7 documents," in done.stderr


def test_extract_into_a_database_prints_records_when_asked(tmp_path: Path):
    db = tmp_path / "one.duckdb"
    done = herald("extract", "-", "--db", str(db), "-q", "-o", "-", stdin=ARTICLE)
    (line,) = done.stdout.splitlines()
    assert json.loads(line)["doc"]["published_how"] == "unknown"
    # herald 0.1's --date still works, and says its new name.
    again = herald(
        "extract", "-", "--db", str(db), "--format", "csv", "--date", "2017-12-18", stdin=OTHER
    )
    assert again.stdout.startswith("event_id,doc_id,doc,type")
    assert "herald: 1 document, " in again.stderr  # singular
    assert "--date is now --published" in again.stderr


def test_events_table_names_documents_by_title_and_stops_at_the_default_limit(samples_db):
    db, _ = samples_db
    table = herald("events", "--db", str(db))
    assert table.returncode == 0, table.stderr
    assert "Tillerson heads to Ottawa for talks with Trudeau" in table.stdout
    every = herald("events", "--db", str(db), "--all")
    shown = herald("events", "--db", str(db), "--limit", "3")
    assert "3 of " in shown.stdout and "--all" in shown.stdout
    assert " of " not in every.stdout.splitlines()[-1]


def test_unknown_values_are_usage_errors_listing_the_valid_ones(samples_db):
    db, _ = samples_db
    for flag, value, valid in (
        ("--type", "FOO", "CONSULT"),
        ("--mode", "sideways", "aerial"),
        ("--modality", "wished", "planned"),
    ):
        for command in ("events", "stories"):
            done = herald(command, "--db", str(db), flag, value)
            assert done.returncode == 2, (command, flag)
            assert value in done.stderr and valid in done.stderr


def test_events_export_and_stories_share_the_api_filters(samples_db, tmp_path: Path):
    db, _ = samples_db
    filters = ("--quad", "material_conflict", "--participant", "GEO", "--min-confidence", "0.1")
    listed = herald("events", "--db", str(db), *filters, "--format", "json")
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows and {row["type"] for row in rows} <= {
        "PROTEST",
        "SANCTION",
        "MOBILIZE",
        "COERCE",
        "ASSAULT",
    }
    target = tmp_path / "conflict.csv"
    exported = herald("export", "--db", str(db), *filters, "-o", str(target))
    assert exported.returncode == 0, exported.stderr
    with target.open(encoding="utf-8") as handle:
        assert len(handle.read().splitlines()) == len(rows) + 1
    stories = herald("stories", "--db", str(db), *filters, "--format", "json")
    story_ids = {json.loads(line)["story_id"] for line in stories.stdout.splitlines()}
    assert story_ids == {row["story_id"] for row in rows}


def test_herald_db_names_the_database_of_the_reading_commands(samples_db):
    db, _ = samples_db
    env = {**os.environ, "HERALD_DB": str(db)}
    done = subprocess.run(
        [sys.executable, "-m", "herald", "events", "--format", "csv", "--type", "PROTEST"],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("event_id,") and "PROTEST" in done.stdout
    unset = {key: value for key, value in os.environ.items() if key != "HERALD_DB"}
    missing = subprocess.run(
        [sys.executable, "-m", "herald", "events"], capture_output=True, text=True, env=unset
    )
    assert missing.returncode == 2 and "--db" in missing.stderr


def test_export_checks_the_format_against_the_file_name(samples_db, tmp_path: Path):
    db, _ = samples_db
    wrong = herald(
        "export", "--db", str(db), "-o", str(tmp_path / "x.parquet"), "--format", "cameo"
    )
    assert wrong.returncode == 2 and "no cameo file name" in wrong.stderr
    assert not (tmp_path / "x.parquet").exists()
    # herald 0.1's names still work.
    old = herald("export", "--db", str(db), "--to", str(tmp_path / "g.tsv"), "--as", "gdelt")
    assert old.returncode == 0, old.stderr
    assert (
        len(Path(tmp_path / "g.tsv").read_text(encoding="utf-8").splitlines()[0].split("\t")) == 61
    )
