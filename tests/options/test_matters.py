"""The mapping from what matters to a patient to the rows it highlights (never a ranking)."""

from regenknee.options.matters import highlights_for


def test_nothing_ticked_highlights_nothing():
    found = highlights_for([])
    assert not found.any and found.rows == frozenset() and not found.marks_surgery


def test_each_concern_highlights_its_rows():
    assert highlights_for(["time_off"]).rows == {"recovery"}
    assert highlights_for(["cost"]).rows == {"korea_cost", "korea_status"}
    assert highlights_for(["certainty"]).rows == {"certainty"}
    assert highlights_for(["serious_harm"]).rows == {"serious_harms"}


def test_avoiding_surgery_marks_operations_and_what_each_involves():
    found = highlights_for(["avoid_surgery"])
    assert found.marks_surgery and found.rows == {"involves"}


def test_concerns_keep_the_form_order_and_unknown_values_are_ignored():
    found = highlights_for(["serious_harm", "nonsense", "cost"])
    assert found.concerns == ("cost", "serious_harm")
    assert found.rows == {"korea_cost", "korea_status", "serious_harms"}
