"""cluster, load: what is not a dataset is one clear error, and nothing is stored."""

from __future__ import annotations

from pathlib import Path

import pytest

from herald.cluster.load import load_dataset
from herald.errors import UsageError
from herald.store.database import Store


def test_a_folder_that_is_no_dataset_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "part-00000-deadbeef").mkdir()
    with Store.open(":memory:") as store:
        with pytest.raises(UsageError, match="not a herald dataset"):
            list(load_dataset(tmp_path, store))
        assert store.counts()["documents"] == 0
