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
]


def run_demo_steps(stdout) -> None:
    for path in DEMO_STEPS:
        if importlib.util.find_spec(path.rsplit(".", 1)[0]) is None:
            continue
        import_string(path)(stdout)
