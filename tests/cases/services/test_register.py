import pytest
from django.core.exceptions import ValidationError

from msht.audit.models import AuditEvent, Operation
from msht.cases import services
from msht.cases.models import Case, CaseStatus
from msht.cases.urn import urn_normalise, urn_parse

from ..factories import make_case, next_urn

pytestmark = pytest.mark.django_db


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


@pytest.mark.parametrize(
    "typed", ["01YE0123424", "01 ye 01234 24", "01/YE/01234/24", " 01-ye-01234/24 "]
)
def test_urn_is_normalised(typed):
    assert urn_normalise(typed) == "01YE0123424"
    assert str(urn_parse(typed)) == "01YE0123424"


@pytest.mark.parametrize("typed", ["", "1YE0123424", "01Y10123424", "01YE012342", "01YE01234245"])
def test_malformed_urn_is_refused(typed):
    with pytest.raises(ValidationError):
        urn_parse(typed)


def test_case_create_stores_normalised_urn_and_derives_force_and_area(user_for_role):
    user = user_for_role("prosecutor")
    case = make_case(actor=user, urn="46 kx 00007/23")
    assert case.urn == "46KX0000723"
    assert case.police_force.code == "46"
    assert case.area.code == "SOUTH-EAST"
    assert case.status == CaseStatus.PRE_CHARGE and case.version == 1
    event = AuditEvent.objects.filter(object_type="case", object_id=str(case.pk)).first()
    assert event.operation == Operation.COLLECTION and event.actor_id == user.pk


def test_unknown_force_code_is_refused():
    with pytest.raises(ValidationError) as error:
        make_case(urn="99YE0000124")
    assert "99, which is not a police force code" in messages(error)["urn"][0]


def test_duplicate_urn_is_refused_with_a_clear_message(user_for_role):
    # Someone who can see the case registered under the URN is told it exists (decision 0105).
    make_case(urn="01YE0000124")
    with pytest.raises(ValidationError) as error:
        make_case(urn="01 ye 00001 24", actor=user_for_role("national_lead"))
    assert messages(error)["urn"] == ["A case with URN 01 YE 00001 24 already exists"]
    assert Case.objects.count() == 1


def test_force_not_matching_the_urn_is_refused():
    from msht.reference.models import PoliceForce

    with pytest.raises(ValidationError) as error:
        make_case(urn=next_urn("01"), police_force=PoliceForce.objects.get(code="46"))
    assert (
        "must be Metropolitan Police Service, not Kent Police" in messages(error)["police_force"][0]
    )


def test_force_without_area_needs_an_area():
    with pytest.raises(ValidationError) as error:
        make_case(force="93")
    assert "area" in messages(error)
    assert make_case(force="93", area_code="LONDON-SOUTH").area.code == "LONDON-SOUTH"


def test_stale_save_is_refused_and_nothing_is_overwritten():
    case = make_case(operation_name="Alpha")
    seen_version = case.version
    services.case_update(
        actor=None, case=case, expected_version=seen_version, operation_name="Bravo"
    )
    with pytest.raises(services.CaseConflict) as error:
        services.case_update(
            actor=None, case=case, expected_version=seen_version, operation_name="Charlie"
        )
    assert "Someone else saved changes to this case" in error.value.messages[0]
    case.refresh_from_db()
    assert case.operation_name == "Bravo" and case.version == seen_version + 1


# --- Issue 13 item 6: a URN registered in another Area (decision 0105) -------------------------


def test_urn_of_another_areas_case_is_refused_without_confirming_it(user_for_role):
    from msht.reference.models import Area

    existing = make_case(urn="01YE0000224", operation_name="Kestrel")
    assert existing.area.code == "LONDON-NORTH"
    wessex = user_for_role("prosecutor", area=Area.objects.get(code="WESSEX"))
    with pytest.raises(ValidationError) as error:
        make_case(urn="01 YE 00002 24", actor=wessex, area_code="WESSEX")
    (message,) = messages(error)["urn"]
    assert "already exists" not in message
    for detail in ("London", "Kestrel", "pre-charge", f"/cases/{existing.pk}"):
        assert detail not in message
    assert "Ask your unit head" in message and "national policy lead" in message
    assert Case.objects.count() == 1
    refusal = AuditEvent.objects.get(operation=Operation.REFUSAL, object_type="case")
    assert refusal.actor_id == wessex.pk
    assert refusal.object_id == str(existing.pk)
    assert refusal.detail == {"action": "register", "urn_clash": True}


def test_urn_clash_in_own_area_still_names_the_case(user_for_role):
    make_case(urn="01YE0000324")
    own = user_for_role("prosecutor")
    with pytest.raises(ValidationError) as error:
        make_case(urn="01YE0000324", actor=own)
    assert messages(error)["urn"] == ["A case with URN 01 YE 00003 24 already exists"]
    assert not AuditEvent.objects.filter(operation=Operation.REFUSAL).exists()


def test_no_actor_is_not_told_whose_case_it_is():
    make_case(urn="01YE0000424")
    with pytest.raises(ValidationError) as error:
        make_case(urn="01YE0000424")
    assert "already exists" not in messages(error)["urn"][0]
