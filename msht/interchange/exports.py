"""Writing tables for people to open in spreadsheets, safely."""

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Make a cell that a spreadsheet would run as a formula into plain text (prefix ')."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
