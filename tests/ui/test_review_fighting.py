"""The Add claims page lists the places a report names only as where fighting is ("advancing
near Huliaipole"), apart from the draft table and with why they are not claims (a new
user's review: such a sentence gave a fighting draft on the CLI and nothing on the page)."""

from __future__ import annotations

from pathlib import Path

from tests.ui.test_review_dates import find

TEXT = ("Russia's defence ministry said its forces had captured the village of "
        "Novouspenivske. DeepState said Russian forces were advancing near Huliaipole.")


def test_fighting_near_a_place_is_shown_apart_and_not_offered(writable_data: Path) -> None:
    at = find(TEXT)
    table = at.data_editor[0].value
    assert list(table["settlement"]) == ["novouspenivske"]     # the one control claim
    (note,) = [i.value for i in at.info if "Fighting reported near" in i.value]
    note = note.replace("\\", "")
    assert note.startswith("**Fighting reported near 1 place: not in the table.** Fighting "
                           "reported near a place says where fighting is, not who holds it")
    # the gazetteer's spelling, the claimant, the claim's date and the words that said it
    assert "- Hulyaypole (Zaporizhzhia), reported by DeepState (Ukrainian OSINT front-line " \
        "map) on " in note
    assert "advancing near Huliaipole" in note


def test_a_report_of_fighting_only_says_so(writable_data: Path) -> None:
    at = find("DeepState said Russian forces were advancing near Huliaipole.")
    (note,) = [i.value.replace("\\", "") for i in at.info]
    assert note.startswith("No claim found")
    assert "Fighting reported near 1 place: not in the table." in note
