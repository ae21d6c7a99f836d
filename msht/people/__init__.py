"""Leads and deputies, legal enquiries and governance: who leads this work and its oversight."""
