"""Production settings refuse to start without their secrets and pass Django's deploy checks."""

import os
import subprocess
import sys

import pytest

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "msht.settings.production",
    "SECRET_KEY": "x" * 64 + "production-key-for-the-deploy-check-only",
    "ALLOWED_HOSTS": "msht.example.gov.uk",
    "DATABASE_URL": "sqlite:////tmp/msht-deploy-check.sqlite3",
    "FIELD_ENCRYPTION_KEYS": "ZGV2LW9ubHkta2V5LWRvLW5vdC11c2UtaW4tcHJvZCE=",
}


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    return subprocess.run(
        [sys.executable, "-m", "msht.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_passes_check_deploy():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize(
    "missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "FIELD_ENCRYPTION_KEYS"]
)
def test_production_refuses_to_start_without(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert f"{missing} must be set in production" in result.stderr


def test_cli_help_reads_well():
    result = _manage("--help", env={})
    assert result.returncode == 0
    for command in ("demo", "seed", "import KIND FILE", "audit verify", "pack", "sample"):
        assert command in result.stdout
