"""The access matrix over every URL pattern, generated, and the consultation walk.

Issue 11 item 8 and issue 13 item 5. Nothing here lists URLs by hand: the walker takes every
pattern Django knows and reads how it should answer from the `URL_ACCESS` tables in
`tests/<app>/url_access.py` (see `tests/url_access.py` for how to declare a new app's URLs:
one line per route, with the capability it needs and, for a route with ids, how to name a real
record). A route nobody declared fails `test_every_url_pattern_is_declared`.

For every role x every pattern:
- a page without ids answers its `ok` status to the roles whose capabilities allow it and 404 to
  every other role (never 403: a forbidden page looks like a missing one);
- a pattern with ids, given ids that name nothing, answers 404 to every role;
- a pattern with a record, given the record of another Area, answers 404 to every role whose scope
  does not reach it, and never 403 or 5xx to the roles that do;
- a page that shows case, victim or person data leaves a consultation row in the audit trail for
  every role that gets a 200 (pages still missing it are in AUDIT_PENDING, with their owner).
"""
