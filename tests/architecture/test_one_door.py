"""One door: only `msht/accounts/access.py` (and the table in `roles.py`) decides visibility.

The test reads every module under `msht/` (migrations aside) and fails, naming the file and
line, for code that decides who sees or does what from a role, an Area or a case scope:

- a comparison with a role (`user.role == ...`, `role in ...`, `.role not in ...`);
- a comparison of a person's Area (`user.area_id == ...`, `actor.area_id != ...`, and
  `getattr(user, "area_id")`), or a query filter keyed on a person's Area (`area_id=user.area_id`);
- a query filter on a role (`Q(role=...)`, `.filter(role__in=...)`);
- any use of `CaseScope.<X>` (the scopes are the door's business).

Add a named predicate or `Q`-builder to `access.py` instead, and call it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "msht"
DOOR = {"msht/accounts/access.py", "msht/accounts/roles.py"}

# Names that hold a person (a user) in this code base: their `.area_id` is where they work.
PERSON_NAMES = {
    "user",
    "actor",
    "reviewer",
    "owner",
    "lawyer",
    "paralegal",
    "person",
    "viewer",
    "editor",
    "raiser",
    "member",
    "staff",
    "requester",
}
QUERY_CALLS = {"Q", "filter", "exclude", "get", "get_or_create", "update_or_create"}

# Known findings in files other helpers are changing at the same time (A1: cases, A2:
# interchange): path -> how many findings the file may still have. The lead empties this list after
# merging their branches; a new finding anywhere else, or one more in these files, fails.
ALLOWED_UNTIL_MERGED: dict[str, int] = {
    # Measured after the second wave's merges (1 December 2026): role filters in demo loaders and
    # people lists still to move into access.py (issue 11). An entry may only shrink.
    "msht/advice/demo.py": 2,
    "msht/cases/demo.py": 1,
    "msht/interchange/importers/casework.py": 3,
    "msht/interchange/selectors.py": 1,
    "msht/international/demo.py": 1,
    "msht/international/forms.py": 1,
    "msht/people/selectors/register.py": 1,
}

# Findings that are not visibility decisions, with the reason. Keep this short.
NOT_VISIBILITY: dict[str, int] = {
    # Account validation: a role must be known, Area roles name an Area, partners a police force.
    "msht/accounts/services.py": 3,
}
ALLOWED = {**ALLOWED_UNTIL_MERGED, **NOT_VISIBILITY}


def _base_name(node: ast.AST) -> str:
    """`request.user` -> "user", `scope.user` -> "user", `actor` -> "actor"."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _is_person_area(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute) and node.attr == "area_id":
        return _base_name(node.value) in PERSON_NAMES
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "getattr"
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value == "area_id"
    ):
        return _base_name(node.args[0]) in PERSON_NAMES
    return False


def _is_role(node: ast.AST) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "role") or (
        isinstance(node, ast.Name) and node.id == "role"
    )


def _call_name(node: ast.Call) -> str:
    return _base_name(node.func)


def findings(source: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if any(_is_role(o) for o in operands):
                found.append((node.lineno, "compares a role"))
            elif any(_is_person_area(o) for o in operands):
                found.append((node.lineno, "compares a person's Area"))
        elif isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name) and node.value.id == "CaseScope":
                found.append((node.lineno, f"uses CaseScope.{node.attr}"))
        elif isinstance(node, ast.Call) and _call_name(node) in QUERY_CALLS:
            for keyword in node.keywords:
                name = keyword.arg or ""
                if name.split("__")[-1] in {"role", "in"} and name.startswith("role"):
                    found.append((node.lineno, f"filters on {name}="))
                elif name.endswith(("area_id", "area")) and _is_person_area(keyword.value):
                    found.append((node.lineno, f"filters {name}= on a person's Area"))
    return sorted(found)


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative in DOOR or "/migrations/" in relative:
            continue
        yield relative, path


def test_no_visibility_decision_outside_the_door():
    problems = []
    for relative, path in _modules():
        found = findings(path.read_text())
        allowed = ALLOWED.get(relative, 0)
        if len(found) > allowed:
            problems.extend(f"{relative}:{line}: {what}" for line, what in found)
    assert not problems, (
        "Visibility decided outside msht/accounts/access.py (add a named predicate there):\n"
        + "\n".join(problems)
    )


def test_the_allow_list_names_only_files_that_still_offend():
    """An entry that allows more than the file still has must shrink, so the list only shrinks."""
    stale = {
        relative: len(findings((ROOT / relative).read_text())) if (ROOT / relative).exists() else 0
        for relative in ALLOWED
    }
    stale = {relative: n for relative, n in stale.items() if n < ALLOWED[relative]}
    assert not stale, f"Lower these counts in the allow-list (0: remove the entry): {stale}"


@pytest.mark.parametrize(
    "source",
    [
        "if user.role == Role.UNIT_HEAD: pass",
        "ok = role in AREA_ROLES",
        "ok = request.user.role != 'x'",
        "ok = actor.area_id == area_id",
        "ok = a.pk == getattr(user, 'area_id', None)",
        "scope = CaseScope.ALL",
        "q = Q(role=Role.PARALEGAL)",
        "qs = User.objects.filter(role__in=[1])",
        "qs = packs.filter(area_id=user.area_id)",
        "qs = packs.filter(case__area=scope.user.area_id)",
    ],
)
def test_the_scanner_finds_each_kind_of_decision(source):
    assert findings(source)


@pytest.mark.parametrize(
    "source",
    [
        "label = Role(user.role).label",
        "ok = unit.area_id == case.area_id",
        "user = User.objects.create(role=Role.PROSECUTOR)",
        "ok = access.reaches_area(user, case.area_id)",
        "from msht.accounts.roles import CaseScope",
    ],
)
def test_the_scanner_leaves_other_code_alone(source):
    assert not findings(source)
