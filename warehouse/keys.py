"""Stable keys: sha256 of content, so the same input always gets the same key."""

from __future__ import annotations

import hashlib
import json

from extractors.types import Claim


def article_key(normalized_url: str) -> str:
    """An article's id: the hash of its normalised URL (32 hex digits)."""
    return hashlib.sha256(("article\x00" + normalized_url).encode("utf-8")).hexdigest()[:32]


def claim_key(article_id: str, claim: Claim) -> str:
    """A claim's id: the hash of its article id and every field but `doc` (32 hex digits)."""
    fields = claim.to_json()
    del fields["doc"]
    fields["article_id"] = article_id
    payload = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(("claim\x00" + payload).encode("utf-8")).hexdigest()[:32]
