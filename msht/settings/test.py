"""Test settings: the development defaults, faster hashing, and a per-run PostgreSQL test name."""

import os

from .dev import *  # noqa: F403
from .dev import DATABASES

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - tests only
AXES_FAILURE_LIMIT = 5

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": None}  # in memory
else:
    # Parallel test runs (several developers, xdist workers) must not share one test database.
    DATABASES["default"]["TEST"] = {
        "NAME": f"test_msht_{os.environ.get('MSHT_TEST_DB', os.getpid())}"
    }
