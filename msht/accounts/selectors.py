from django.db.models import QuerySet

from . import access
from .models import User
from .roles import Capability


def users_visible_to(user) -> QuerySet[User]:
    if not access.can(user, Capability.USERS_MANAGE):
        return User.objects.none()
    return User.objects.select_related("area", "unit", "police_force").order_by("full_name")
