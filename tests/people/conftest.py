import pytest

from msht.hub.catalogue import load_hub_tags


@pytest.fixture(autouse=True)
def _hub_tags_after_flush(request, _transactional_audit_tables):
    """Tests that commit end with a flush, which empties the hub's tag tables: reload them."""
    if "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        load_hub_tags()
    yield
