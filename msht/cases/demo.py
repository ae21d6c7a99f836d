"""Demo cases for `msht demo`: a realistic national register, loaded once."""

from django.apps import apps

from .criteria import load_default_rules
from .seed import calibration_lines, cases_exist, seed_cases

# About ten years of a national service's MSHT cases: finalisations per year come out close to
# the published 270-470 prosecutions a year (see docs/cases.md).
DEMO_CASES = 5_000
DEMO_SEED = 2015


def load_demo_cases(stdout) -> None:
    if cases_exist():
        stdout.write("Cases: already loaded, left as they are.")
        return
    load_default_rules(apps)
    result = seed_cases(cases=DEMO_CASES, seed=DEMO_SEED)
    stdout.write(
        f"Cases: {result.cases:,} synthetic cases with {result.events:,} events "
        f"({result.seconds:.0f} s)."
    )
    for line in calibration_lines(result):
        stdout.write(f"  {line}")
