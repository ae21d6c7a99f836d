"""Reads for people and governance. Split by subject: `register`, `enquiries`, `governance`."""
