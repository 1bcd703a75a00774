"""The evidence side file (:data:`geo.vocab.EVIDENCE_FILE`): each accepted claim's report
sentence, kept apart from claims.csv so that adding evidence never rewrites its lines."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from geo import vocab
from geo.errors import Problem
from geo.io.csvfile import LINE, read_csv_file


def with_evidence(path: Path, claims: pd.DataFrame) -> list[Problem]:
    """Fill ``claims["evidence"]`` from the side file at ``path`` (it wins over claims.csv's
    own older column); returns the problems: a row naming no claim is one, with its line."""
    name = vocab.EVIDENCE_FILE
    frame, problems = read_csv_file(path, vocab.EVIDENCE_COLUMNS)
    if problems or frame.empty:
        return problems
    orphan = ~frame["claim_id"].isin(claims["id"])
    problems = [Problem(name, int(line), "claim_id", str(value), "names no claim in claims.csv",
                        "use the id of a claim in claims.csv, or delete the row")
                for line, value in zip(frame.loc[orphan, LINE], frame.loc[orphan, "claim_id"],
                                       strict=True)]
    said = frame.loc[~orphan].drop_duplicates("claim_id", keep="last")
    given = claims["id"].map(pd.Series(said["evidence"].to_numpy(), index=said["claim_id"]))
    old = claims["evidence"] if "evidence" in claims else pd.Series("", index=claims.index)
    claims["evidence"] = given.where(given.notna(), old).fillna("")
    return problems
