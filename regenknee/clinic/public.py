"""What the public sees of the clinic: only published rows, in the page's language (a
translated field when there is one, else the English one), and the forms derived from them
(the footer block, JSON-LD, the report-a-problem link, the checklist's "the clinic says")."""

from dataclasses import dataclass, field
from urllib.parse import quote

from django.urls import reverse
from django.utils.translation import gettext as _

from regenknee.editorial.translation import translation_language

from .models import ClinicProfile, ProgrammeEntry

PROFILE_WORDS = ("name", "address", "languages", "opening_hours", "statement")
ENTRY_WORDS = ("treatment", "regulation_details", "follow_up", "complaints")


def translated(item, names, language):
    """The item's words in ``language``: {name: text}, English where not translated."""
    values = {name: getattr(item, name) for name in names}
    if language:
        found = next((t for t in item.translations.all() if t.language == language), None)
        if found is not None:
            values.update({n: getattr(found, n) for n in names if getattr(found, n).strip()})
            values["translation"] = found
    return values


@dataclass
class ShownProfile:
    profile: ClinicProfile
    words: dict

    def __getattr__(self, name):
        if name in ("profile", "words"):
            raise AttributeError(name)
        if name in PROFILE_WORDS:
            return self.words[name]
        return getattr(self.profile, name)

    @property
    def phone_link(self) -> str:
        return "tel:" + "".join(c for c in self.profile.phone if c.isdigit() or c == "+")

    def json_ld(self) -> dict:
        """schema.org MedicalClinic, with only the fields the clinic has published."""
        p = self.profile
        data = {"@context": "https://schema.org", "@type": "MedicalClinic", "name": self.name}
        optional = {
            "address": self.address,
            "telephone": p.phone,
            "email": p.email,
            "url": p.website,
            "openingHours": self.opening_hours,
        }
        data.update({key: value for key, value in optional.items() if value})
        if self.languages:
            data["availableLanguage"] = [
                lang.strip() for lang in self.languages.split(",") if lang.strip()
            ]
        return data


def shown_profile(language: str | None = None) -> ShownProfile | None:
    """The published profile in the page's language, or None while there is none."""
    profile = (
        ClinicProfile.objects.filter(status=ClinicProfile.Status.PUBLISHED)
        .prefetch_related("translations")
        .first()
    )
    if profile is None:
        return None
    return ShownProfile(profile, translated(profile, PROFILE_WORDS, translation_language(language)))


@dataclass
class ShownEntry:
    entry: ProgrammeEntry
    words: dict
    price_lines: list = field(default_factory=list)

    def __getattr__(self, name):
        if name in ("entry", "words", "price_lines"):
            raise AttributeError(name)
        if name in ENTRY_WORDS:
            return self.words[name]
        return getattr(self.entry, name)

    @property
    def translation(self):
        return self.words.get("translation")


def shown_programme(language: str | None = None) -> list[ShownEntry]:
    entries = ProgrammeEntry.objects.filter(
        status=ProgrammeEntry.Status.PUBLISHED
    ).prefetch_related("translations")
    shown = []
    for entry in entries:
        words = translated(entry, ENTRY_WORDS, translation_language(language))
        labels = getattr(words.get("translation"), "price_labels", None) or []
        lines = [
            {
                "item": (labels[i] if i < len(labels) and labels[i].strip() else line["item"]),
                "won": line["won"],
            }
            for i, line in enumerate(entry.price_items)
        ]
        shown.append(ShownEntry(entry, words, lines))
    return shown


def won(amount: int) -> str:
    return _("%(amount)s won") % {"amount": f"{amount:,}"}


def report_mailto(email: str, page_url: str) -> str:
    """A mailto: address with the page's address in the subject and body, URL-encoded. The
    page address is taken without its query (which may hold what a patient typed)."""
    subject = _("Problem with a page on RegenKnee")
    body = _("Page: %(url)s\n\nWhat is wrong:\n") % {"url": page_url}
    return f"mailto:{quote(email, safe='@')}?subject={quote(subject)}&body={quote(body)}"


# --- what the checklist asks us: "the clinic says" -------------------------------------------

# Which programme fields answer which checklist questions (keys in content/checklist/*.yaml).
# The one mapping between the two: the checklist asks through regenknee.core.question_notes.
QUESTION_ANSWERS = {
    "price": ("cost-total", "cost-repeat-injections"),
    "approval": ("safety-approval", "safety-trial-number", "cells-donor-product"),
    "follow_up": ("follow-up-plan",),
    "complaints": ("safety-who-to-call",),
}


def entry_answer(entry: ShownEntry, kind: str) -> str:
    if kind == "price":
        lines = "; ".join(f"{line['item']} {won(line['won'])}" for line in entry.price_lines)
        return _("%(lines)s (total %(total)s)") % {"lines": lines, "total": won(entry.total_won)}
    if kind == "approval":
        number = entry.approval_number or _("no number given")
        return _("%(product)s, made by %(maker)s; %(status)s, %(number)s") % {
            "product": entry.product,
            "maker": entry.maker,
            "status": entry.entry.get_regulation_display(),
            "number": number,
        }
    return getattr(entry, kind)


def question_notes(language: str | None = None) -> dict[str, list[dict]]:
    """For each checklist question the clinic has answered: [{"treatment", "answer", "url"}]."""
    notes: dict[str, list[dict]] = {}
    url = reverse("clinic:programme")
    for entry in shown_programme(language):
        for kind, keys in QUESTION_ANSWERS.items():
            answer = entry_answer(entry, kind)
            if not answer:
                continue
            for key in keys:
                notes.setdefault(key, []).append(
                    {"treatment": entry.treatment, "answer": answer, "url": f"{url}#{entry.slug}"}
                )
    return notes
