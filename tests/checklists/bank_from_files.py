"""The repository's question bank, read straight from content/checklist/ without a database."""

from pathlib import Path

from regenknee.checklists.builder import BankGroup, BankQuestion, BankRedFlag, QuestionBank
from regenknee.checklists.content import RED_FLAGS_FILE, parse_group, parse_red_flags

FOLDER = Path(__file__).resolve().parents[2] / "content" / "checklist"


def load_bank_from_files() -> QuestionBank:
    groups = sorted(
        (
            parse_group(p.read_text(), p.name)
            for p in FOLDER.glob("*.yaml")
            if p.name != RED_FLAGS_FILE
        ),
        key=lambda g: g["position"],
    )
    flags = parse_red_flags((FOLDER / RED_FLAGS_FILE).read_text(), RED_FLAGS_FILE)
    return QuestionBank(
        tuple(
            BankGroup(
                g["slug"],
                g["title"],
                g["intro"],
                tuple(
                    BankQuestion(
                        **{**q, "applies_when": {k: tuple(v) for k, v in q["applies_when"].items()}}
                    )
                    for q in g["questions"]
                ),
            )
            for g in groups
        ),
        tuple(
            BankRedFlag(f["key"], f["sign"], f["why"], f["source"], f["source_url"]) for f in flags
        ),
    )


REAL_BANK = load_bank_from_files()
