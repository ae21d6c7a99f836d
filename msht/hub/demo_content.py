"""Fictional demonstration content for the casework hub. Every case, operation and person in it
is invented; the law it describes is real (Modern Slavery Act 2015, YJCEA 1999)."""

FICTIONAL = (
    "*Fictional example written for the demonstration. Any resemblance to a real case is "
    "coincidental.*\n\n"
)

# (kind, title, summary, body,
#  tags: {legal_issues, msa_sections, exploitation_types, offences, areas},
#  state: published | in_review | draft, days since published, days until review)
ITEMS = [
    (
        "case_study",
        "Pre-recorded cross-examination (s28) for a trafficked witness in a labour "
        "exploitation trial",
        "How an early application for pre-recorded cross-examination kept a frightened witness in "
        "Operation Larkspur (fictional) giving evidence, and the trial on track.",
        "## Background\n\nSix men were recruited in Eastern Europe for work at a car wash and a "
        "packing shed. Their wages were paid into accounts controlled by the defendants.\n\n"
        "## The application\n\nThe reviewing lawyer applied at the first hearing in the Crown "
        "Court for **pre-recorded cross-examination under section 28 of the Youth Justice "
        "and Criminal Evidence Act 1999**, relying on automatic eligibility under section 46 "
        "of the Modern "
        "Slavery Act 2015 and a report from the intermediary.\n\n"
        "## What worked\n\n- The ground rules hearing settled the topics for cross-examination "
        "early.\n- The witness was cross-examined eleven weeks after charge, before any contact "
        "from the defendants' associates.\n- The recording was played at trial; all three "
        "defendants were convicted of human trafficking.\n",
        {
            "legal_issues": ["SPECIAL-MEASURES", "INTERPRETERS"],
            "msa_sections": ["S2", "S46"],
            "exploitation_types": ["LABOUR"],
            "offences": ["MSA-S2"],
            "areas": ["WEST-MIDLANDS"],
        },
        "published",
        12,
        340,
    ),
    (
        "good_practice",
        "Applying early for pre-recorded cross-examination under section 28",
        "A checklist for special measures applications so that pre-recorded cross-examination is "
        "in place before the witness's memory or confidence fades.",
        "## Why apply early\n\nVictims of modern slavery are eligible for special measures "
        "(Modern Slavery Act 2015, s46). Pre-recorded cross-examination (s28 YJCEA 1999) captures "
        "their evidence close to the events and away from the courtroom.\n\n"
        "## Checklist\n\n1. Ask the police for the victim's views on special measures in the "
        "file.\n2. Apply at the first hearing in the Crown Court.\n3. Ask for an intermediary "
        "assessment where communication needs are known.\n4. Prepare the ground rules hearing "
        "with the defence.\n",
        {
            "legal_issues": ["SPECIAL-MEASURES"],
            "msa_sections": ["S46"],
            "exploitation_types": ["SEXUAL", "LABOUR"],
            "offences": [],
            "areas": [],
        },
        "published",
        30,
        20,
    ),
    (
        "point_of_law",
        "The section 45 defence: who must prove what",
        "The defendant raises the s45 defence by evidence; the prosecution must then disprove it "
        "to the criminal standard.",
        "## The defence\n\nSection 45 of the Modern Slavery Act 2015 gives a defence to a person "
        "who commits an offence because they were compelled to as a result of slavery or "
        "exploitation (adults), or as a direct consequence of being a victim (under 18s). "
        "Offences in Schedule 4 are excluded.\n\n## The burden\n\nThe defendant bears an "
        "evidential burden only. Once the defence is raised, the prosecution must disprove at "
        "least one element beyond reasonable doubt.\n\n## In practice\n\nReview the defence "
        "**before charge**: the public interest stage of the Code applies as well as the "
        "defence.\n",
        {
            "legal_issues": ["S45-DEFENCE", "CHARGING"],
            "msa_sections": ["S45"],
            "exploitation_types": ["CRIMINAL"],
            "offences": ["MDA1971-S4-3"],
            "areas": [],
        },
        "published",
        45,
        200,
    ),
    (
        "lesson",
        "Consider the s45 defence before charge when a county lines runner is a child",
        "A 16-year-old was charged with supplying class A drugs before his NRM referral was "
        "considered; the case was later discontinued.",
        "## What happened\n\nThe youth was arrested with wraps of cocaine in a town far from "
        "home. The file mentioned a missing-person report but no NRM referral.\n\n"
        "## The lesson\n\n- Ask the police whether the suspect has been referred to the National "
        "Referral Mechanism.\n- Record the consideration of the section 45 defence on the "
        "charging decision.\n- Reconsider promptly when a reasonable grounds decision arrives.\n",
        {
            "legal_issues": ["S45-DEFENCE", "COUNTY-LINES", "AGE"],
            "msa_sections": ["S45"],
            "exploitation_types": ["CRIMINAL"],
            "offences": ["MDA1971-S4-3"],
            "areas": ["MERSEY-CHESHIRE"],
        },
        "published",
        5,
        360,
    ),
    (
        "case_study",
        "A slavery and trafficking risk order before charge",
        "The police obtained a risk order against a suspected controller while the investigation "
        "continued, preventing contact with two women (fictional Operation Wren).",
        "## The order\n\nSlavery and trafficking risk orders (Modern Slavery Act 2015, ss23-29) "
        "do not need a conviction. The magistrates' court must be satisfied that the defendant "
        "acted in a way that means there is a risk they will commit a slavery or trafficking "
        "offence.\n\n## Prosecutor's role\n\nThe application was the police's; the CPS advised "
        "on the evidence and on drafting prohibitions that could be enforced through s30.\n",
        {
            "legal_issues": ["PREVENTION-ORDERS"],
            "msa_sections": ["S23-29", "S30"],
            "exploitation_types": ["SEXUAL"],
            "offences": ["MSA-S30"],
            "areas": ["WEST-MIDLANDS"],
        },
        "published",
        60,
        -10,
    ),
    (
        "guidance",
        "Prevention orders before charge and on conviction: drafting prohibitions that work",
        "Prohibitions in slavery and trafficking prevention orders must be necessary, "
        "proportionate and clear enough to enforce.",
        "## Before and after charge\n\nA prevention order can be made on conviction (s14) or on "
        "application by the police (s15). Before charge, consider whether a risk order (s23) is "
        "the better route.\n\n## Drafting\n\n- Name the conduct prohibited, not the offence.\n"
        "- Tie prohibitions to the risk shown by the evidence.\n- Set a duration of at least five "
        "years.\n",
        {
            "legal_issues": ["PREVENTION-ORDERS", "SENTENCING"],
            "msa_sections": ["S14-22", "S23-29"],
            "exploitation_types": [],
            "offences": ["MSA-S30"],
            "areas": [],
        },
        "published",
        90,
        15,
    ),
    (
        "jit",
        "Joint investigation team evidence: agreeing formats at the start",
        "In a fictional JIT with Romanian prosecutors, agreeing how statements and phone "
        "downloads would be produced saved months at trial.",
        "## The JIT\n\nA joint investigation team was set up through Eurojust for a sexual "
        "exploitation network operating between two countries.\n\n## What we agreed\n\n- One "
        "format for witness statements, with a declaration that satisfies s9 Criminal Justice "
        "Act 1967.\n- Hash values for every device download.\n- A single disclosure schedule.\n\n"
        "## Result\n\nJIT evidence was admitted without challenge to its continuity.\n",
        {
            "legal_issues": ["JIT", "MLA", "DISCLOSURE"],
            "msa_sections": ["S2"],
            "exploitation_types": ["SEXUAL"],
            "offences": ["MSA-S2"],
            "areas": ["LONDON-NORTH"],
        },
        "published",
        20,
        300,
    ),
    (
        "jit",
        "Using JIT evidence at trial: continuity and hearsay",
        "Evidence gathered by partners in a joint investigation team is admissible like other "
        "foreign evidence; plan for continuity and hearsay applications early.",
        "## Points to cover\n\n- Who seized each exhibit, and where is the record?\n- Statements "
        "taken abroad may need a hearsay application (Criminal Justice Act 2003, s116).\n- "
        "Interpreters' notes should be kept.\n",
        {
            "legal_issues": ["JIT", "HEARSAY-BAD-CHARACTER"],
            "msa_sections": [],
            "exploitation_types": ["LABOUR"],
            "offences": [],
            "areas": [],
        },
        "published",
        120,
        100,
    ),
    (
        "lesson",
        "An interpreter in the wrong dialect adjourned a trial",
        "The witness spoke Sylheti; the interpreter booked spoke standard Bengali. Check the "
        "dialect, not just the language.",
        "## The lesson\n\nRecord the witness's language **and dialect** on the first file, and "
        "confirm it with the witness care unit before booking.\n",
        {
            "legal_issues": ["INTERPRETERS"],
            "msa_sections": [],
            "exploitation_types": ["DOMESTIC"],
            "offences": [],
            "areas": ["LONDON-SOUTH"],
        },
        "published",
        8,
        350,
    ),
    (
        "good_practice",
        "Evidence of control from financial records when the victim cannot give evidence",
        "Bank statements and money transfer records showed who controlled the workers' wages, "
        "supporting an evidence-led prosecution.",
        "## Approach\n\nFinancial investigators mapped wages paid into accounts opened in the "
        "workers' names but operated by the suspects.\n\n## Why it matters\n\nWhere a victim "
        "withdraws support, independent evidence of control and coercion can still meet the "
        "evidential stage of the Code.\n",
        {
            "legal_issues": ["DIGITAL-FINANCIAL", "CONTROL-COERCION", "VICTIM-ENGAGEMENT"],
            "msa_sections": ["S1"],
            "exploitation_types": ["LABOUR"],
            "offences": ["MSA-S1", "POCA2002-S328"],
            "areas": ["EAST-OF-ENGLAND"],
        },
        "published",
        25,
        250,
    ),
    (
        "point_of_law",
        "NRM decisions are not expert evidence of trafficking",
        "A conclusive grounds decision is not admissible as expert opinion that a person was "
        "trafficked; the jury decides on the evidence.",
        "## The point\n\nThe Single Competent Authority's decision-makers are not experts in the "
        "sense required for opinion evidence. Their decision can inform charging and the s45 "
        "review but is not evidence of the facts at trial.\n",
        {
            "legal_issues": ["NRM-EVIDENCE", "S45-DEFENCE"],
            "msa_sections": ["S45"],
            "exploitation_types": [],
            "offences": [],
            "areas": [],
        },
        "published",
        150,
        60,
    ),
    (
        "case_study",
        "Domestic servitude: conviction after the victim withdrew support",
        "The victim of domestic servitude withdrew support before trial; neighbours' accounts, "
        "messages and a hearsay application secured convictions.",
        "## The case\n\nA woman was kept in a family home for four years (fictional Operation "
        "Harebell). Before trial she returned to her home country and withdrew support.\n\n"
        "## The approach\n\nPre-recorded cross-examination had been considered but refused as "
        "she had left the jurisdiction. The prosecution applied to admit her ABE interview as "
        "hearsay and relied on neighbours and messages.\n",
        {
            "legal_issues": ["VICTIM-ENGAGEMENT", "HEARSAY-BAD-CHARACTER", "SPECIAL-MEASURES"],
            "msa_sections": ["S1"],
            "exploitation_types": ["DOMESTIC"],
            "offences": ["MSA-S1"],
            "areas": ["NORTH-WEST"],
        },
        "published",
        70,
        180,
    ),
    (
        "guidance",
        "Reparation orders and confiscation: ask the court for both",
        "A slavery and trafficking reparation order (s8) can be made only where a confiscation "
        "order is made; plan confiscation from the start.",
        "## Guidance\n\n- Instruct a financial investigator at charge.\n- Invite the court to "
        "consider a reparation order under s8 once confiscation is ordered.\n- Record the "
        "outcome for performance data.\n",
        {
            "legal_issues": ["CONFISCATION"],
            "msa_sections": ["S8"],
            "exploitation_types": [],
            "offences": ["POCA2002-S327"],
            "areas": [],
        },
        "published",
        200,
        -30,
    ),
    (
        "guidance",
        "Age assessment disputes: what the prosecutor should ask for",
        "When a suspect or victim's age is disputed, ask for the local authority's assessment and "
        "its basis before deciding.",
        "## Draft\n\nWhat to ask for, and when age changes the s45 analysis.\n",
        {
            "legal_issues": ["AGE", "S45-DEFENCE"],
            "msa_sections": ["S45"],
            "exploitation_types": ["CRIMINAL"],
            "offences": [],
            "areas": [],
        },
        "in_review",
        0,
        0,
    ),
    (
        "point_of_law",
        "Arranging travel from abroad: jurisdiction for human trafficking",
        "A UK national can be prosecuted for arranging travel anywhere; others where the travel "
        "involves the UK.",
        "## Draft\n\nNotes on section 2(6) and (7) of the Modern Slavery Act 2015.\n",
        {
            "legal_issues": ["JURISDICTION"],
            "msa_sections": ["S2"],
            "exploitation_types": [],
            "offences": ["MSA-S2"],
            "areas": [],
        },
        "draft",
        0,
        0,
    ),
]

# (subject, body, answer or "", lesson title or "") raised by an Area to CPS Direct
FEEDBACK = [
    (
        "Out-of-hours charge without the NRM referral",
        "A CPS Direct lawyer charged a suspected runner overnight (URN 01XX0000000, fictional). "
        "The police had referred him to the NRM that afternoon but the referral was not in the "
        "file. We discontinued after the reasonable grounds decision.",
        "Thank you. The referral was not on the MG3. We have reminded lawyers to ask about "
        "trafficking indicators and NRM referrals before any out-of-hours charge of a young "
        "person for drugs supply.",
        "Out-of-hours charging: ask for the trafficking indicators with the file",
    ),
    (
        "Advice on a risk order application",
        "Police asked the Area for advice on a risk order at a weekend; could CPS Direct give "
        "holding advice in future?",
        "Yes. CPS Direct can give holding advice; the Area should review on the next working day.",
        "",
    ),
    (
        "Special measures not raised at charge",
        "The charging advice did not mention special measures for a victim automatically "
        "eligible under s46.",
        "",
        "",
    ),
]
