"""Data migrations load frozen files, never live code (issue 11 item 6).

A fresh database is migrated from zero in a separate process, after the live catalogues have
been changed (an Area added, an outcome renamed, the default rules emptied, a topic and a tag
added) and with the post-migrate loaders (which do use live code, to survive test flushes)
switched off. The rows the migrations leave must be exactly the frozen files beside them.
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FROZEN = {
    "reference": ROOT / "msht/reference/migrations/0002_load_reference_data.json",
    "cases": ROOT / "msht/cases/migrations/0002_default_allocation_rules.json",
    "quality": ROOT / "msht/quality/migrations/0002_load_templates.json",
    "hub": ROOT / "msht/hub/migrations/0002_tags_and_search_index.json",
}

# Runs in the child process: change the live code, migrate from zero, print what the tables hold.
SCRIPT = r"""
import json, sys
import django
django.setup()
from django.apps import apps
from django.core.management import call_command
from django.db.models.signals import post_migrate

from msht.reference import catalogue as reference_catalogue
from msht.cases import criteria
from msht.quality import catalogue as quality_catalogue
from msht.hub import catalogue as hub_catalogue

# What the code says today must not matter to an old migration.
reference_catalogue.AREAS.append(("LIVE-ONLY", "An Area only the live code knows", "area"))
reference_catalogue.FINALISATION_OUTCOMES[0] = ("LIVE-RENAMED", "Renamed in live code", True)
criteria.DEFAULT_RULES.clear()
quality_catalogue.TOPICS.insert(0, ("LIVE-ONLY", "A topic only the live code knows"))
hub_catalogue.LEGAL_ISSUES.append(("LIVE-ONLY", "A tag only the live code knows"))
for label in ("reference", "quality", "cases", "hub"):
    config = apps.get_app_config(label)
    for receiver in list(post_migrate._live_receivers(config)[0]):
        if receiver.__module__.startswith("msht."):
            post_migrate.disconnect(receiver, sender=config)

call_command("migrate", verbosity=0, interactive=False)

def rows(label, name, fields):
    model = apps.get_model(label, name)
    return [
        {f: getattr(obj, f) for f in fields}
        for obj in model.objects.order_by("pk")
    ]

out = {"reference": {}, "cases": {}, "quality": {}, "hub": {}}
for name in ("Area", "Unit", "ExploitationType", "Offence", "FinalisationOutcome",
             "UnsuccessfulReason", "Nationality", "Language"):
    model = apps.get_model("reference", name)
    fields = [f.name for f in model._meta.concrete_fields if f.name not in ("id", "disabled_on")]
    out["reference"][name] = rows("reference", name, fields)
out["reference"]["PoliceForce"] = [
    {"code": f.code, "name": f.name, "order": f.order, "area": f.area.code if f.area else None}
    for f in apps.get_model("reference", "PoliceForce").objects.order_by("pk")
]
out["cases"]["AllocationRule"] = [
    {"name": r.name, "field": r.field, "operator": r.operator, "value": r.value,
     "recommended_unit": r.recommended_unit.code, "priority": r.priority, "reason": r.reason}
    for r in apps.get_model("cases", "AllocationRule").objects.order_by("pk")
]
out["quality"]["Topic"] = rows("quality", "Topic", ["code", "name", "order"])
templates = []
for t in apps.get_model("quality", "AssessmentTemplate").objects.order_by("pk"):
    (version,) = t.versions.all()
    templates.append({
        "code": t.code, "name": t.name, "kind": t.kind, "description": t.description,
        "standards": [
            {"code": s.code, "title": s.title, "guidance": s.guidance, "questions": [
                {"code": q.code, "text": q.text, "guidance": q.guidance,
                 "weight": int(q.weight), "topic": q.topic.code}
                for q in s.questions.order_by("order")]}
            for s in version.standards.order_by("order")
        ],
    })
out["quality"]["AssessmentTemplate"] = templates
out["hub"]["LegalIssue"] = rows("hub", "LegalIssue", ["code", "name", "order"])
out["hub"]["MsaSection"] = rows("hub", "MsaSection", ["code", "name", "order"])
json.dump(out, sys.stdout, default=str)
"""


def _frozen(app: str) -> dict:
    data = json.loads(FROZEN[app].read_text(encoding="utf-8"))
    data.pop("note")
    return data


def test_migrating_from_zero_gives_the_frozen_rows_whatever_the_live_code_says(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "msht.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    migrated = json.loads(result.stdout)
    for app in FROZEN:
        frozen = _frozen(app)
        assert set(migrated[app]) == set(frozen), app
        for name, expected in frozen.items():
            # Compare the fields the frozen file sets (others keep their model defaults).
            keys = set(expected[0])
            got = [{k: v for k, v in row.items() if k in keys} for row in migrated[app][name]]
            assert got == expected, f"{app}.{name} differs from its frozen file"


def _imports_of(path: Path) -> list[str]:
    names = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return names


# Migrations that still import project code, each with why (schema-level code, not data).
LIVE_IMPORTS_ALLOWED = {
    # The custom user manager Django records in the initial migration.
    "msht/accounts/migrations/0001_initial.py": {"msht.accounts.models"},
    # Database triggers that make the audit trail append-only (schema, reinstalled after flushes).
    "msht/audit/migrations/0002_append_only_triggers.py": {"msht.audit"},
    # The hub's search index DDL (schema; later migrations reinstall it when it changes).
    "msht/hub/migrations/0002_tags_and_search_index.py": {"msht.hub"},
    "msht/hub/migrations/0003_case_links.py": {"msht.hub"},
    "msht/hub/migrations/0004_search_index_published_only.py": {"msht.hub"},
    "msht/hub/migrations/0006_version.py": {"msht.hub"},
}


def test_data_migrations_import_no_catalogue_or_loader():
    problems = []
    for path in sorted(ROOT.glob("msht/*/migrations/0*.py")):
        relative = path.relative_to(ROOT).as_posix()
        live = {name for name in _imports_of(path) if name.startswith("msht")}
        extra = live - LIVE_IMPORTS_ALLOWED.get(relative, set())
        if extra:
            problems.append(f"{relative} imports {sorted(extra)}")
    assert not problems, "Data migrations must load frozen files beside them:\n" + "\n".join(
        problems
    )
