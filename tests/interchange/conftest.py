import pytest


@pytest.fixture(autouse=True)
def _interchange_dir(settings, tmp_path):
    """Uploaded copies and progress files go to a per-test folder, not var/."""
    settings.INTERCHANGE_DIR = tmp_path / "imports"
