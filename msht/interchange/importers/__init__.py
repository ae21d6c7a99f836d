"""Import kinds. Importing this package registers every kind."""

from . import casework, defendants, nrm, victims  # noqa: F401
