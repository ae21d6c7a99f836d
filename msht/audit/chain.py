"""The hash chain: how a row's hash is computed, and the walk that verifies it."""

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

GENESIS = "0" * 64
CHAIN_FIELDS = (
    "sequence",
    "occurred_at",
    "actor_id",
    "actor_label",
    "operation",
    "object_type",
    "object_id",
    "reason",
    "recipient",
    "detail",
)


def _canonical(value):
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value


def row_hash(prev_hash: str, fields: dict) -> str:
    payload = json.dumps(
        [prev_hash, *(_canonical(fields[name]) for name in CHAIN_FIELDS)],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    head_hash: str
    broken_sequence: int | None = None
    problem: str = ""


def verify(rows) -> Verdict:
    """Walk rows in sequence order; the first gap, mis-link or wrong hash is named."""
    previous_hash = GENESIS
    expected_sequence = None
    checked = 0
    for row in rows:
        sequence = row["sequence"]
        if expected_sequence is not None and sequence != expected_sequence:
            return Verdict(
                False,
                checked,
                previous_hash,
                expected_sequence,
                f"row {expected_sequence} is missing (next row is {sequence})",
            )
        if row["prev_hash"] != previous_hash:
            return Verdict(
                False,
                checked,
                previous_hash,
                sequence,
                "does not link to the row before it (removed or reordered)",
            )
        if row_hash(previous_hash, row) != row["hash"]:
            return Verdict(
                False,
                checked,
                previous_hash,
                sequence,
                "its contents do not match its hash (edited)",
            )
        previous_hash = row["hash"]
        expected_sequence = sequence + 1
        checked += 1
    return Verdict(True, checked, previous_hash)
