"""`msht sample` draws the same sample as the page, and refuses bad input with a message."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from msht.quality.models import DipSample

from .factories import allocated_case, reviewer, unit_head

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("sample", *args, stdout=out)
    return out.getvalue()


def base_args(head, reviewers, *extra):
    return [
        "--area",
        "london-north",
        "--from",
        "2024-01-01",
        "--to",
        "2024-03-31",
        "--by",
        head.email,
        "--reviewer",
        ",".join(r.email for r in reviewers),
        *extra,
    ]


def test_the_command_draws_a_reproducible_sample():
    for _ in range(6):
        allocated_case()
    head, first, second = unit_head(), reviewer(), reviewer()
    output = run(*base_args(head, [first, second], "--rate", "50", "--seed", "99"))
    assert "Seed 99" in output and "3 of 6 cases" in output
    again = run(*base_args(head, [first, second], "--count", "3", "--seed", "99"))
    first_sample, second_sample = DipSample.objects.order_by("id")
    assert sorted(first_sample.assessments.values_list("case_id", flat=True)) == sorted(
        second_sample.assessments.values_list("case_id", flat=True)
    )
    assert again.count(first.email) == 2 and again.count(second.email) == 1


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--count", "9"], "cannot be larger than the population"),
        (["--rate", "ten"], "is not a number"),
        (["--count", "1", "--due", "31/12/2030"], "is not a date"),
    ],
)
def test_bad_input_is_refused_with_a_message(extra, message):
    allocated_case()
    with pytest.raises(CommandError, match=message):
        run(*base_args(unit_head(), [reviewer()], *extra))
    assert not DipSample.objects.exists()


def test_an_unknown_reviewer_is_refused():
    allocated_case()
    with pytest.raises(CommandError, match="No account for reviewer"):
        run(
            "--area",
            "LONDON-NORTH",
            "--from",
            "2024-01-01",
            "--to",
            "2024-03-31",
            "--by",
            unit_head().email,
            "--reviewer",
            "nobody@example.test",
            "--count",
            "1",
        )
