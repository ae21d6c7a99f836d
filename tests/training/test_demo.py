"""The demo: realistic figures (some overdue, some expiring), idempotent, nobody can sign in as
the synthetic workforce."""

import io

import pytest

from msht.accounts.models import User
from msht.training import compliance as c
from msht.training import selectors
from msht.training.demo import DOMAIN, load_demo_training
from msht.training.home import my_training_panel

pytestmark = pytest.mark.django_db


def test_demo_training_gives_the_administrator_real_work():
    load_demo_training(io.StringIO())
    boss = User.objects.get(email="training@demo.msht.test")
    f = c.figures(selectors.snapshot(boss).duties)
    assert f.people_count > 250
    assert f.overdue > 20 and f.expiring > 3 and f.up_to_date > f.overdue
    assert 50 < f.rate < 95
    workforce = User.objects.filter(email__endswith=f"@{DOMAIN}")
    assert not any(user.has_usable_password() for user in workforce)
    paralegal = User.objects.get(email="paralegal@demo.msht.test")
    panel = my_training_panel(paralegal)
    assert panel and "Overdue since" in panel["items"][0]["meta"]
    before = User.objects.count()
    load_demo_training(io.StringIO())
    assert User.objects.count() == before
