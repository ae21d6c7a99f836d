"""Writes for early investigative advice, police returns, joint packs and partner API keys."""

from .keys import KeyActor, api_key_authenticate, api_key_create, api_key_revoke
from .packs import (
    joint_pack_build,
    joint_pack_download_record,
    joint_pack_request,
    joint_pack_share,
)
from .requests import (
    AdviceConflict,
    AdviceRefused,
    advice_give,
    advice_request_accept,
    advice_request_create,
    advice_request_decline,
    advice_request_link_case,
    advice_request_view_record,
    advice_requests_list_record,
    request_recommendation,
)

__all__ = [
    "AdviceConflict",
    "AdviceRefused",
    "KeyActor",
    "advice_give",
    "advice_request_accept",
    "advice_request_create",
    "advice_request_decline",
    "advice_request_link_case",
    "advice_request_view_record",
    "advice_requests_list_record",
    "api_key_authenticate",
    "api_key_create",
    "api_key_revoke",
    "joint_pack_build",
    "joint_pack_download_record",
    "joint_pack_request",
    "joint_pack_share",
    "request_recommendation",
]
