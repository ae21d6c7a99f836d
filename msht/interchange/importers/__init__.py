"""Import kinds. Importing this package registers every kind."""

from . import casework, nrm  # noqa: F401
