"""Early investigative advice requested by police, its triage and the advice given.

Also the per-force joint data and the partner API.
"""
