"""Claims from text: the cue and speaker lexicon (:mod:`~geo.text.lexicon`), rule-based
extraction of draft claims from a report (:mod:`~geo.text.extract`), dates relative to the
report's (:mod:`~geo.text.dates`), the draft record and its summary (:mod:`~geo.text.draft`)
and precision/recall against hand-written expectations (``geo.text.evaluate.evaluate``, not
re-exported: its name is its module's). Built on ``geo.places``.
"""

from geo.text.draft import Draft, summary
from geo.text.evaluate import Score, expected_keys, keys
from geo.text.extract import Extractor

__all__ = ["Draft", "Extractor", "Score", "expected_keys", "keys", "summary"]
