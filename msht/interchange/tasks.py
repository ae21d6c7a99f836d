"""Background work: imports uploaded on the page run in a `msht db_worker` process."""

from django_tasks import task

from .models import ImportBatch
from .services import import_batch_run


@task()
def run_import_batch(batch_id: int, period: str = "") -> str:
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    if batch.is_finished:
        return batch.status  # a retried task never runs a file twice
    import_batch_run(batch=batch, actor=batch.created_by, period=period)
    return batch.status
