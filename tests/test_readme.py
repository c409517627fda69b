"""The README's tour, run as written: every shell, SQL and Python block from "Five-minute
tour" to "Your own actors", in order, in one folder where ``herald/data/samples`` are the
shipped samples. A command that breaks (an error, a renamed flag) fails this test.

Two things the tour names cannot ship: the CC-NEWS archive (a WARC with the HTML sample is
made in its place) and a server that runs until stopped (``herald serve`` is checked to
start by tests/api; here only its ``--help`` is run).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from herald.cli.demo import samples_dir

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parent.parent / "README.md"
FIRST, LAST = "## Five-minute tour", "## Your own actors"
WARC_NAME = "CC-NEWS-20171218.warc.gz"


def tour_blocks() -> list[tuple[str, str]]:
    """(language, code) of every fenced block of the tour, in order."""
    text = README.read_text(encoding="utf-8")
    tour = text[text.index(FIRST) : text.index(LAST)]
    return re.findall(r"^```(\w+)\n(.*?)^```", tour, flags=re.MULTILINE | re.DOTALL)


def make_warc(path: Path) -> None:
    """A gzipped WARC with one HTML response: the shipped HTML sample."""
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (samples_dir() / "summit.html").read_bytes()
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://news.example/summit", "response", payload=BytesIO(page), http_headers=headers
        )
        writer.write_record(record)


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    (tmp_path / "herald" / "data").mkdir(parents=True)
    (tmp_path / "herald" / "data" / "samples").symlink_to(samples_dir())
    make_warc(tmp_path / WARC_NAME)
    return tmp_path


def run_shell(code: str, cwd: Path) -> None:
    code = code.replace("herald serve --db events.duckdb", "herald serve --help")
    env = {key: value for key, value in os.environ.items() if key != "HERALD_DB"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", code],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, f"README block failed:\n{code}\n{done.stderr[-3000:]}"


def run_sql(code: str, cwd: Path) -> None:
    with duckdb.connect(str(cwd / "events.duckdb"), read_only=True) as con:
        con.execute(code).fetchall()  # every statement runs; the last one's rows come back


def run_python(code: str, cwd: Path) -> None:
    here = Path.cwd()
    os.chdir(cwd)
    try:
        exec(compile(code, str(README), "exec"), {"__name__": "readme"})
    finally:
        os.chdir(here)


def test_every_block_of_the_tour_runs_as_written(workdir: Path):
    blocks = tour_blocks()
    assert [language for language, _ in blocks].count("sh") >= 6
    runners = {"sh": run_shell, "sql": run_sql, "python": run_python}
    for language, code in blocks:
        runners[language](code, workdir)
    # What the tour promises it made (a run that reads nothing exits 1 and fails above).
    assert (workdir / "by_month").is_dir() and (workdir / "dyads.csv").is_file()
    with duckdb.connect(str(workdir / "events.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 7
