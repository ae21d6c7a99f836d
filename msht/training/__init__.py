"""Courses, training requirements by role, completions and compliance."""
