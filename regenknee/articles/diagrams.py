"""The site's own diagrams: the fixed list an article may name, and their words.

An editor places a diagram with a line ``[[diagram:knee-joint]]``; the drawing itself is a
trusted template, ``templates/diagrams/<name>.svg``, that only this list can reach, so staff
never write SVG. Every word a diagram shows lives here, as gettext strings, so the labels are
translated in one place (``locale/``) with the rest of the interface. A ``\\n`` in a label
is where the line breaks; a translator puts the break where it reads best in their language.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Diagram:
    title: str
    description: str
    caption: str
    labels: dict = field(default_factory=dict)


DIAGRAMS = {
    "knee-joint": Diagram(
        title=_("The knee joint seen from the side"),
        description=_(
            "A side view of a straight knee, front to the left. The thigh bone (femur) comes "
            "down from above and the shin bone (tibia) goes down below. The kneecap (patella) "
            "sits in front, held by tendons above and below it. Where the bones meet, their "
            "ends and the back of the kneecap are covered by a smooth layer of articular "
            "cartilage. Two wedge-shaped pads of meniscus sit between the thigh bone and the "
            "shin bone, at the front and the back. The joint capsule, lined by the synovial "
            "membrane, wraps the joint and holds synovial fluid, which bathes the cartilage."
        ),
        caption=_(
            "The knee from the side. Cartilage covers the bone ends; the menisci cushion the "
            "joint; the capsule and its lining hold the joint fluid."
        ),
        labels={
            "femur": _("Thigh bone\n(femur)"),
            "tibia": _("Shin bone\n(tibia)"),
            "patella": _("Kneecap\n(patella)"),
            "tendon": _("Tendon"),
            "cartilage": _("Articular\ncartilage"),
            "meniscus": _("Meniscus"),
            "capsule": _("Joint capsule\nand synovial\nmembrane"),
            "fluid": _("Synovial fluid\n(joint fluid)"),
        },
    ),
    "osteoarthritis": Diagram(
        title=_("What osteoarthritis changes in the knee"),
        description=_(
            "Two knees seen from the front, side by side. On the left, a healthy knee: smooth "
            "cartilage of even thickness covers the ends of the thigh bone and the shin bone, "
            "with an even gap (the joint space) between them and a thin, smooth joint lining. "
            "On the right, a knee with osteoarthritis, with five numbered changes: 1, the "
            "cartilage is worn thin and rough, often most on the inner side; 2, the joint space is "
            "narrower; 3, bony spurs (osteophytes) grow at the edges of the joint; 4, the bone "
            "under the cartilage (subchondral bone) becomes thicker and denser; 5, the joint "
            "lining is thickened and inflamed (synovitis)."
        ),
        caption=_(
            "A healthy knee and a knee with osteoarthritis, seen from the front. The whole "
            "joint changes, not only the cartilage."
        ),
        labels={
            "healthy": _("Healthy knee"),
            "oa": _("Osteoarthritis"),
            "healthy_notes": _("Smooth cartilage,\neven joint space"),
            "change1": _("Cartilage worn thin and rough"),
            "change2": _("Joint space narrower"),
            "change3": _("Bone spurs (osteophytes)"),
            "change4": _("Bone under the cartilage thicker\n(subchondral bone changes)"),
            "change5": _("Inflamed joint lining (synovitis)"),
        },
    ),
    "cell-sources": Diagram(
        title=_("Where the cells come from and how they are given"),
        description=_(
            "A figure of a person with three places marked, and the steps that follow. 1: bone "
            "marrow is drawn with a needle from the hip bone (the iliac crest). 2: fat is taken "
            "from the belly or the thigh by liposuction. 3: donor cells, for example from "
            "umbilical cord blood, come from a bank, so nothing is taken from the patient. The "
            "cells are then prepared: spun to a concentrate on the same day, or grown in a "
            "laboratory for several weeks. Finally they are either injected into the knee joint "
            "or, in an operation, implanted into the hole in the cartilage."
        ),
        caption=_(
            "Three sources of cells, one preparation step, and two ways of giving them: an "
            "injection into the joint, or surgery on the cartilage defect."
        ),
        labels={
            "marrow": _("Bone marrow from\nthe hip bone (iliac\ncrest), by needle"),
            "fat": _("Fat from the belly\nor thigh, by\nliposuction"),
            "donor": _("Donor cells, such as\numbilical cord blood,\nfrom a bank"),
            "prepare": _("Prepared"),
            "prepare_how": _("Same day: spun to a concentrate\nor grown in a laboratory for weeks"),
            "inject": _("Injected into\nthe knee joint"),
            "implant": _("Implanted into the\ncartilage defect\nin surgery"),
            "or": _("or"),
        },
    ),
    "treatment-timeline": Diagram(
        title=_("The treatment journey, step by step"),
        description=_(
            "A timeline of six steps. 1, consultation and imaging: an X-ray taken standing, "
            "often an MRI, over one to a few visits. 2, collecting and preparing the cells: the "
            "same day for bone marrow or fat concentrates, several weeks when cells are grown "
            "in a laboratory; donor cells are made ahead. 3, an injection in one clinic visit, "
            "or an operation. 4, rest and rehabilitation: days to weeks after an injection, "
            "many months after surgery. 5, follow-up visits, in one trial at 4, 12, 24, 36 and "
            "48 weeks. 6, judging the result: any change builds slowly over months, and trials "
            "judge results at about one year. Plans differ between clinics."
        ),
        caption=_(
            "A typical journey. Timings vary between clinics and products: ask for your own "
            "plan in writing."
        ),
        labels={
            "step1": _("Consultation and imaging"),
            "step1_when": _("X-ray standing, often MRI;\n1 to a few visits"),
            "step2": _("Collecting and preparing cells"),
            "step2_when": _(
                "Same day for bone marrow or fat\nconcentrates; several weeks if\ngrown in a lab"
            ),
            "step3": _("Injection or surgery"),
            "step3_when": _("Injection: one visit, home the\nsame day; or an operation"),
            "step4": _("Rest and rehabilitation"),
            "step4_when": _("Days to weeks after an injection;\nmany months after surgery"),
            "step5": _("Follow-up visits"),
            "step5_when": _("For example at weeks 4, 12, 24,\n36 and 48"),
            "step6": _("When results can be judged"),
            "step6_when": _("Change builds slowly, over months;\ntrials judge it at about 1 year"),
        },
    ),
}


def diagram_context(name: str, element_id: str) -> dict:
    """What a diagram's template needs, in the active language: each label as its lines."""
    diagram = DIAGRAMS[name]
    return {
        "id": element_id,
        "title": str(diagram.title),
        "description": str(diagram.description),
        "caption": str(diagram.caption),
        "l": {key: str(text).split("\n") for key, text in diagram.labels.items()},
    }
