"""Backup and restore, health and metrics: what keeps the service running."""
