"""`msht seed --cases N --seed S`: generate a synthetic national case register."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from msht.cases.seed import calibration_lines, cases_exist, seed_cases, stdout_progress


class Command(BaseCommand):
    help = (
        "Generate synthetic MSHT cases from 2015 to today, with suspects, charges and events, "
        "calibrated to published figures. Deterministic for the same --cases and --seed on an "
        "empty register."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases",
            type=int,
            default=5_000,
            help="how many cases to generate (default 5,000; 1,000,000 for benchmarks)",
        )
        parser.add_argument("--seed", type=int, default=2015, help="random seed (default 2015)")
        parser.add_argument(
            "--batch",
            type=int,
            default=20_000,
            help="cases written per transaction (default 20,000)",
        )
        parser.add_argument(
            "--append", action="store_true", help="add to a register that already has cases"
        )

    def handle(self, *args, cases: int, seed: int, batch: int, append: bool, **options):
        if cases < 1 or cases > 5_000_000:
            raise CommandError("--cases must be between 1 and 5,000,000")
        if batch < 100:
            raise CommandError("--batch must be at least 100")
        if cases_exist() and not append:
            raise CommandError(
                "The register already has cases. Use --append to add more, or seed an empty "
                "database (for example DATABASE_URL=sqlite:////tmp/big.sqlite3 msht migrate)."
            )
        self.stdout.write(f"Generating {cases:,} cases (seed {seed}) into {connection.vendor}...")
        result = seed_cases(
            cases=cases, seed=seed, batch_size=batch, progress=stdout_progress(self.stdout)
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{result.cases:,} cases, {result.events:,} events, "
                f"{result.defendants:,} suspects, "
                f"{result.charges:,} charges in {result.seconds:,.1f} s "
                f"({result.cases / result.seconds:,.0f} cases a second)"
            )
        )
        self.stdout.write("Calibration (finalised cases by year against the published shape):")
        for line in calibration_lines(result):
            self.stdout.write("  " + line)
