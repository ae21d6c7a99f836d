"""`msht rotate_keys`: re-encrypt every stored identity with the newest key.

Rotation: generate a key (`msht rotate_keys --new-key`), put it at the FRONT of
FIELD_ENCRYPTION_KEYS (keep the old ones after it), restart, run `msht rotate_keys`, then remove
the old key. See docs/encryption.md.
"""

from django.core.management.base import BaseCommand, CommandError

from msht.victims import crypto
from msht.victims.services import identity_keys_rotate


class Command(BaseCommand):
    help = "Re-encrypt victims' identifying details with the newest FIELD_ENCRYPTION_KEYS key."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--new-key", action="store_true", help="print a new Fernet key and change nothing"
        )
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, **options) -> None:
        if options["new_key"]:
            self.stdout.write(crypto.new_key())
            return
        try:
            count = identity_keys_rotate(batch_size=options["batch_size"])
        except crypto.IdentityUnreadable as error:
            raise CommandError(
                f"{error} Nothing was changed. Put every key still in use in "
                "FIELD_ENCRYPTION_KEYS (newest first) and run again."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(f"Re-encrypted {count} identities with the newest key.")
        )
