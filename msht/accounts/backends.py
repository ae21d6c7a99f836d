"""Password sign-in by email: every attempt costs one password hash, whoever it names.

Django's `ModelBackend` hashes a throwaway password for an unknown account; this backend makes
that a rule of ours rather than a detail of the framework, and extends it to the paths that
would otherwise answer early (an empty password, a disabled account). An attacker timing the
sign-in page learns nothing about which email addresses have accounts (issue 13 item 9).
"""

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.hashers import make_password
from django.http import HttpRequest
from django.utils.crypto import get_random_string

from .models import User


def password_hash_dummy(password: str | None) -> None:
    """Spend what checking a real password costs, with the default hasher, and forget it."""
    make_password(password if password else get_random_string(32))


class EmailPasswordBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = username if username is not None else kwargs.get(User.USERNAME_FIELD)
        if not email or not password:
            password_hash_dummy(password)
            return None
        user = User.objects.filter(email__iexact=email.strip()).first()
        if user is None:
            password_hash_dummy(password)
            return None
        # check_password itself runs the default hasher for an unusable stored password.
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
