""" "What matters most to you": which rows of the comparison speak to what a patient said.

The answers never rank or choose an option; they only mark the rows (and, for "avoiding
surgery", the operations) worth a closer look. A pure function of the answers, so it is tested
without a request, and nothing the patient said is stored anywhere.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# concern -> (the question a patient answers, the answer keys it highlights)
CONCERNS = {
    "avoid_surgery": (_("Avoiding surgery"), ("involves",)),
    "time_off": (_("How much time off I need"), ("recovery",)),
    "cost": (_("What it costs me"), ("korea_cost", "korea_status")),
    "certainty": (_("How sure the evidence is"), ("certainty",)),
    "serious_harm": (_("The risk of a serious harm"), ("serious_harms",)),
}
CONCERN_KEYS = tuple(CONCERNS)


@dataclass(frozen=True)
class Highlights:
    concerns: tuple[str, ...]  # what the patient ticked, in the form's order
    rows: frozenset[str]  # the answer keys that speak to it
    marks_surgery: bool  # mark which options are operations

    @property
    def any(self) -> bool:
        return bool(self.concerns)


def highlights_for(concerns) -> Highlights:
    """The rows that speak to the ticked concerns. Unknown values are ignored, never an error:
    the form validates what it shows; this only maps."""
    ticked = tuple(key for key in CONCERN_KEYS if key in set(concerns or ()))
    rows = frozenset(row for key in ticked for row in CONCERNS[key][1])
    return Highlights(ticked, rows, "avoid_surgery" in ticked)
