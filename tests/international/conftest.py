import pytest

from msht.accounts.roles import Role
from tests.cases.factories import make_case
from tests.factories import UserFactory


@pytest.fixture
def intl(db):
    return UserFactory(role=Role.INTERNATIONAL)


@pytest.fixture
def intl_case(db):
    """A case with an international element in the default Area (London North)."""
    return make_case(area_code="LONDON-NORTH", international=True)
