"""Which cases a quality reviewer is assigned to (read by `msht.cases.selectors`).

A reviewer (CaseScope.ASSIGNED) sees a case while they are the reviewer of an assessment on it.
"""

CASE_ASSIGNED_FIELD = "quality_assessments__reviewer"
