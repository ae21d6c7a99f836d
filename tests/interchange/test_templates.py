from pathlib import Path

from msht.interchange.kinds import all_kinds
from msht.interchange.templates import template_csv

TEMPLATES = Path(__file__).resolve().parents[2] / "docs" / "templates"


def test_the_committed_templates_match_the_import_kinds():
    for kind in all_kinds():
        path = TEMPLATES / f"{kind.name}.csv"
        assert path.read_text(encoding="utf-8") == template_csv(kind), (
            f"{path} is out of date: run msht.interchange.templates.write_templates"
        )
