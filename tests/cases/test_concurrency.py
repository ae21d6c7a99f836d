"""R1: 50 concurrent editors of one case; every stale save is refused, nothing is lost.

Real threads, each with its own database connection, all saving from the same stale version.
"""

import sqlite3
import threading
from collections import Counter
from contextlib import contextmanager

from django.apps import apps
from django.db import connection, connections

from msht.cases import services
from msht.cases.criteria import load_default_rules
from msht.cases.models import Case

from .factories import make_case

EDITORS = 50


@contextmanager
def file_backed_sqlite(tmp_path):
    """SQLite's in-memory test database uses shared-cache locking, which fails at once instead
    of waiting; the service runs on a WAL file. So for SQLite the threads use a file copy of
    the test database (made with SQLite's backup API), as the running service would."""
    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        yield
        return
    path = tmp_path / "concurrency.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path)}
    try:
        yield
    finally:
        connections.settings["default"] = original


def in_thread(function):
    """Run on a fresh connection (the file copy on SQLite), like the editors do."""
    result = {}

    def run():
        try:
            result["value"] = function()
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return result["value"]


def test_fifty_concurrent_stale_saves_are_refused(transactional_db, tmp_path):
    # (the transactional_db fixture by name: tests/conftest.py then lifts the audit triggers
    # for the flush at the end)
    load_default_rules(apps)
    case = make_case(operation_name="Start")
    with file_backed_sqlite(tmp_path):
        run_editors(case)


def run_editors(case):
    seen_version = case.version
    barrier = threading.Barrier(EDITORS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def edit(n: int) -> None:
        try:
            stale = Case.objects.get(pk=case.pk)
            barrier.wait(timeout=30)
            try:
                services.case_update(
                    actor=None,
                    case=stale,
                    expected_version=seen_version,
                    operation_name=f"Editor {n}",
                )
                outcome = "saved"
            except services.CaseConflict:
                outcome = "conflict"
            except Exception as error:  # noqa: BLE001 - reported in the assertion below
                outcome = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(EDITORS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    counts = Counter(o if o in ("saved", "conflict") else "error" for o in outcomes)
    assert counts == {"saved": 1, "conflict": EDITORS - 1}, outcomes
    final = in_thread(lambda: Case.objects.get(pk=case.pk))
    assert final.version == seen_version + 1
    assert final.operation_name.startswith("Editor ")
    changes = in_thread(lambda: final.events.filter(kind="details_changed").count())
    assert changes == 1
