"""Background work: joint packs are built by the `msht db_worker` process."""

from django_tasks import task

from .models import JointPack
from .services import joint_pack_build


@task()
def build_joint_pack(pack_id: int) -> str:
    pack = JointPack.objects.select_related("police_force__area", "created_by").get(pk=pack_id)
    if pack.status in (JointPack.Status.READY, JointPack.Status.SHARED):
        return pack.status  # a retried task never builds twice
    joint_pack_build(pack=pack)
    return pack.status
