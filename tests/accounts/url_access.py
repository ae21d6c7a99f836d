"""URL access declarations for accounts (see tests/url_access.py)."""

from msht.accounts.roles import Capability as C
from msht.accounts.roles import Role
from tests.url_access import EVERYONE, Access

URL_ACCESS = {
    "account/sign-in": Access(EVERYONE),
    "account/sign-out": Access(EVERYONE, ok=405, why="POST only; the walker must not sign out"),
    "account/two-factor": Access(EVERYONE, ok=302, why="already verified: back to the page"),
    "account/two-factor/set-up": Access(EVERYONE, ok=302, why="already verified: home"),
    "account/backup-codes": Access(EVERYONE),
    "account/users": Access(C.USERS_MANAGE, why="staff accounts, not case or victim data"),
    "account/users/<int:pk>/status": Access(
        C.USERS_MANAGE,
        method="post",
        record=lambda side: {"pk": side.user.pk},
        reach=frozenset({Role.SYSTEM_ADMIN}),
    ),
}
