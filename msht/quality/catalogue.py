"""The training topics and the three assessment templates the service ships with.

Loaded by a data migration (`msht.quality.loader`). Each template is written as its first
version: later changes are made as new versions (`template_revise`), never by editing this file's
already-loaded content in place.
"""

TOPICS = [
    # (code, name)
    ("S45", "Suspects who may be victims: section 45 and non-prosecution"),
    ("SPECIAL-MEASURES", "Special measures and witness care"),
    ("EARLY-ADVICE", "Early investigative advice"),
    ("CHARGING", "Charging decisions and the Code for Crown Prosecutors"),
    ("ORDERS", "Prevention, risk, reparation and financial orders"),
    ("DISCLOSURE", "Disclosure management"),
    ("VICTIM-COMMS", "Keeping victims informed and the Victims' Code"),
    ("CASE-STRATEGY", "Case strategy and case progression"),
    ("ALLOCATION", "Allocation under the casework referral criteria"),
    ("INTERNATIONAL", "International casework, mutual legal assistance and JITs"),
]

# Each question: (code, text, guidance, weight, topic code)
TEMPLATES = [
    {
        "code": "IQA",
        "name": "Individual quality assessment (MSHT)",
        "kind": "individual",
        "description": (
            "An assessment of one modern slavery or human trafficking case against the casework "
            "quality standards, from referral to finalisation."
        ),
        "standards": [
            {
                "code": "IQA-1",
                "title": "Early advice and case strategy",
                "guidance": "Look at the advice file and the first review.",
                "questions": [
                    (
                        "IQA-1.1",
                        "Early investigative advice was given when the police asked for it",
                        "Advice requested and given, with actions and timescales the police could "
                        "follow.",
                        2,
                        "EARLY-ADVICE",
                    ),
                    (
                        "IQA-1.2",
                        "A case strategy addresses how the exploitation will be proved",
                        "Control, movement, vulnerability and the means used are covered.",
                        2,
                        "CASE-STRATEGY",
                    ),
                    (
                        "IQA-1.3",
                        "The case was allocated as the casework referral criteria "
                        "recommend, or the reason for a different unit is recorded",
                        "",
                        1,
                        "ALLOCATION",
                    ),
                ],
            },
            {
                "code": "IQA-2",
                "title": "Charging decision",
                "guidance": "The Full Code Test applied to each suspect and offence.",
                "questions": [
                    (
                        "IQA-2.1",
                        "The right Modern Slavery Act offences were considered and charged",
                        "s1, s2 and s4, and related offences where they better reflect "
                        "the offending.",
                        3,
                        "CHARGING",
                    ),
                    (
                        "IQA-2.2",
                        "Section 45 and the non-prosecution of victims were considered "
                        "for any suspect with trafficking indicators",
                        "Screening recorded; NRM status sought; public interest addressed.",
                        3,
                        "S45",
                    ),
                ],
            },
            {
                "code": "IQA-3",
                "title": "Victims and witnesses",
                "guidance": "",
                "questions": [
                    (
                        "IQA-3.1",
                        "Special measures were applied for in time",
                        "Automatic eligibility under MSA 2015 s46 used; application within the "
                        "time limits.",
                        3,
                        "SPECIAL-MEASURES",
                    ),
                    (
                        "IQA-3.2",
                        "Interpreters and intermediaries were arranged without delay",
                        "",
                        1,
                        "SPECIAL-MEASURES",
                    ),
                    (
                        "IQA-3.3",
                        "The victim was kept informed of decisions, as the Victims' Code requires",
                        "Letters sent in time; meetings offered where appropriate.",
                        2,
                        "VICTIM-COMMS",
                    ),
                ],
            },
            {
                "code": "IQA-4",
                "title": "Orders and outcome",
                "guidance": "",
                "questions": [
                    (
                        "IQA-4.1",
                        "Prevention, risk and reparation orders were considered",
                        "Slavery and trafficking prevention orders (ss14-22) and reparation orders "
                        "(s8) on conviction; risk orders (ss23-29) where there is no conviction.",
                        2,
                        "ORDERS",
                    ),
                    (
                        "IQA-4.2",
                        "Confiscation and compensation were pursued where there was "
                        "benefit from the offending",
                        "",
                        1,
                        "ORDERS",
                    ),
                ],
            },
        ],
    },
    {
        "code": "CMP",
        "name": "Case management panel review (MSHT)",
        "kind": "panel",
        "description": (
            "A panel review of a complex or high-risk modern slavery case while it is live: "
            "strategy, progress, victims and resilience."
        ),
        "standards": [
            {
                "code": "CMP-1",
                "title": "Strategy and progress",
                "guidance": "",
                "questions": [
                    (
                        "CMP-1.1",
                        "The case strategy is current and agreed with the police",
                        "",
                        2,
                        "CASE-STRATEGY",
                    ),
                    (
                        "CMP-1.2",
                        "Actions from the last panel have been completed",
                        "",
                        1,
                        "CASE-STRATEGY",
                    ),
                    (
                        "CMP-1.3",
                        "International enquiries (mutual legal assistance, JIT) are progressing",
                        "",
                        1,
                        "INTERNATIONAL",
                    ),
                ],
            },
            {
                "code": "CMP-2",
                "title": "Victims and suspects who may be victims",
                "guidance": "",
                "questions": [
                    (
                        "CMP-2.1",
                        "Each victim's support, NRM status and engagement are known",
                        "",
                        2,
                        "VICTIM-COMMS",
                    ),
                    (
                        "CMP-2.2",
                        "Special measures have been applied for in time",
                        "",
                        2,
                        "SPECIAL-MEASURES",
                    ),
                    (
                        "CMP-2.3",
                        "Suspects with trafficking indicators have been screened and "
                        "section 45 considered",
                        "",
                        3,
                        "S45",
                    ),
                ],
            },
            {
                "code": "CMP-3",
                "title": "Orders and financial investigation",
                "guidance": "",
                "questions": [
                    (
                        "CMP-3.1",
                        "A risk order before charge or a prevention order has been considered",
                        "",
                        2,
                        "ORDERS",
                    ),
                ],
            },
        ],
    },
    {
        "code": "DGR",
        "name": "Disclosure gateway review (MSHT)",
        "kind": "disclosure",
        "description": (
            "A review of disclosure management in a modern slavery case: third-party material, "
            "victims' records and the disclosure management document."
        ),
        "standards": [
            {
                "code": "DGR-1",
                "title": "Disclosure strategy",
                "guidance": "",
                "questions": [
                    (
                        "DGR-1.1",
                        "A disclosure management document was prepared and kept up to date",
                        "",
                        3,
                        "DISCLOSURE",
                    ),
                    (
                        "DGR-1.2",
                        "Third-party material (NRM, local authority, support provider "
                        "records) was identified and its handling agreed",
                        "",
                        2,
                        "DISCLOSURE",
                    ),
                ],
            },
            {
                "code": "DGR-2",
                "title": "Disclosure decisions",
                "guidance": "",
                "questions": [
                    (
                        "DGR-2.1",
                        "Disclosure was managed: schedules reviewed and decisions recorded in time",
                        "",
                        3,
                        "DISCLOSURE",
                    ),
                    (
                        "DGR-2.2",
                        "Victims' privacy was protected when their records were considered",
                        "Requests for victims' records were necessary and proportionate.",
                        2,
                        "VICTIM-COMMS",
                    ),
                ],
            },
        ],
    },
]
