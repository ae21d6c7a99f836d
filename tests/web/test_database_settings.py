import pytest
from django.db.backends.sqlite3.base import DatabaseWrapper

from msht.settings.base import database_from_url


def test_sqlite_files_use_wal_and_immediate_transactions(tmp_path, django_db_blocker):
    config = database_from_url(f"sqlite:///{tmp_path / 'msht.sqlite3'}")
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    wrapper = DatabaseWrapper(
        {
            **config,
            "TIME_ZONE": None,
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TEST": {},
        },
        alias="wal-check",
    )
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1
    finally:
        wrapper.close()


def test_postgres_urls_keep_connections_healthy():
    config = database_from_url("postgres://postgres@127.0.0.1:5432/msht")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["CONN_HEALTH_CHECKS"] is True


@pytest.mark.django_db
def test_audit_viewer_is_for_entitled_roles_only(client_for, user_for_role):
    from msht.accounts.roles import Role
    from tests.access import assert_access_matrix

    assert_access_matrix(
        client_for,
        user_for_role,
        "/audit/",
        allowed={Role.SYSTEM_ADMIN, Role.NATIONAL_LEAD, Role.UNIT_HEAD},
    )


@pytest.mark.django_db
def test_audit_viewer_filters(client_for, user_for_role):
    from msht.accounts.roles import Role
    from msht.audit.models import Operation
    from msht.audit.services import audit_record

    admin = user_for_role(Role.SYSTEM_ADMIN)
    audit_record(
        actor=admin,
        operation=Operation.DISCLOSURE,
        object_type="export",
        object_id="7",
        recipient="Home Office",
    )
    audit_record(actor=admin, operation=Operation.CONSULTATION, object_type="case", object_id="9")
    page = client_for(admin).get("/audit/", {"operation": "disclosure"})
    body = page.content.decode()
    assert "Home Office" in body and "case 9" not in body
    assert page.context["page"].paginator.count >= 1
    assert all(e.operation == "disclosure" for e in page.context["page"])
