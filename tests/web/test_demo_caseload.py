import io

import pytest

from msht.accounts.demo import demo_users_ensure
from msht.accounts.models import User
from msht.cases.demo import assign_demo_caseload
from msht.cases.models import Case
from tests.cases.factories import make_case

pytestmark = pytest.mark.django_db


def test_demo_prosecutor_gets_open_cases_of_their_area_once():
    demo_users_ensure()
    prosecutor = User.objects.get(email="prosecutor@demo.msht.test")
    for _ in range(3):
        make_case(area_code="LONDON-NORTH")
    make_case(area_code="WESSEX", force="44")
    assign_demo_caseload(io.StringIO())
    mine = Case.objects.filter(lawyer=prosecutor)
    assert mine.count() == 3
    assert set(mine.values_list("area__code", flat=True)) == {"LONDON-NORTH"}
    assign_demo_caseload(io.StringIO())  # a second run changes nothing
    assert Case.objects.filter(lawyer=prosecutor).count() == 3
