"""Import kinds. Importing this package registers every kind whose models exist."""

import contextlib

from . import nrm  # noqa: F401

# Casework kinds need the case register (msht.cases.models); they register once it exists.
with contextlib.suppress(ImportError):
    from . import casework  # noqa: F401
