"""Shared by the scorecard's page tests: a tiny data directory with three DeepState maps
in its store (a capture claim of Alpha is shown by the map of 2025-02-10), and readers of
what AppTest holds (tables, captions, Vega-Lite specs)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from tests.helpers import CLAIMS, claim
from tests.scores.cases import stored_dirs


def scored_dirs(tmp_path: Path) -> tuple[Path, Path]:
    """(data, store): the helpers' claims plus c7 (Russian MoD, briefing, Alpha, 02-05),
    and maps of 2025-01-01 (Russian-held far away), 2025-02-10 and 2025-03-01 (Alpha and
    Beta Russian-held)."""
    return stored_dirs(tmp_path, [*CLAIMS, claim("c7", "2025-02-05", "alpha", "ru_mod",
                                                 "russian", channel="briefing",
                                                 source_url="https://example.org/b")])


def specs(at: AppTest) -> list[dict]:
    """Every Vega-Lite spec on the page."""
    def nodes(node: object) -> list:
        children = getattr(node, "children", {})
        return [node, *(n for child in children.values() for n in nodes(child))]
    return [json.loads(n.proto.spec) for n in nodes(at._tree)
            if getattr(n, "type", "") == "vega_lite_chart"]


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page with this column (AppTest keeps no dataframe keys)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def captions(at: AppTest) -> list[str]:
    """The captions' texts, Markdown escapes removed."""
    return [c.value.replace("\\", "") for c in at.caption]
