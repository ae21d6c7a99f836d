"""Retention and disposal, subject access, rectification and erasure."""
