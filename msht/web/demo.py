"""What `msht demo` loads, feature by feature. Each step is idempotent."""

import importlib.util

from django.utils.module_loading import import_string

# dotted paths to functions (stdout) -> None; a feature not built yet is skipped.
DEMO_STEPS = [
    "msht.cases.demo.load_demo_cases",
    "msht.cases.demo.assign_demo_caseload",
    "msht.victims.demo.load_demo_victims",
    "msht.interchange.demo.load_demo_partner_data",
    "msht.quality.demo.load_demo_quality",
    "msht.hub.demo.load_demo_hub",
    "msht.training.demo.load_demo_training",
    "msht.people.demo.load_demo_people",
    "msht.international.demo.load_demo_international",
    "msht.advice.demo.load_demo_advice",
    "msht.data_protection.demo.load_demo_data_protection",
    "msht.worklist.demo.load_demo_worklist",
]


def run_demo_steps(stdout) -> None:
    for path in DEMO_STEPS:
        if importlib.util.find_spec(path.rsplit(".", 1)[0]) is None:
            continue
        import_string(path)(stdout)
