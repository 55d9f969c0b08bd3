"""Verify a Messenger JWT (intercom_user_jwt), signed HS256 with the Messenger
API secret: the alg must be HS256 (never "none"), the signature must match,
and exp, when present, must be ahead (seconds since 1970)."""
from __future__ import annotations  # bytes | None on Python 3.8 and 3.9 too

import base64
import hashlib
import hmac
import json
import os
import sys
import time


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def verify_messenger_jwt(token: str, messenger_secret: bytes) -> bytes | None:
    """Return the claims JSON as signed, or None."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    header, payload, signature = parts
    try:
        alg = json.loads(b64url_decode(header)).get("alg")
        claims_json = b64url_decode(payload)
        claims = json.loads(claims_json)
    except (ValueError, AttributeError):
        return None
    if alg != "HS256":
        return None
    expected = b64url_encode(hmac.new(messenger_secret, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return None
    if not isinstance(claims, dict):
        return None
    if "exp" in claims:
        exp = claims["exp"]
        if isinstance(exp, bool) or not isinstance(exp, (int, float)) or exp <= time.time():
            return None  # expired, or not a time: exp and time.time() count seconds
    return claims_json


# python3 jwt_verify.py < token.txt  (secret in INTERCOM_SECRET): prints the
# claims, or invalid.
if __name__ == "__main__":
    claims = verify_messenger_jwt(sys.stdin.read().strip(), os.environ["INTERCOM_SECRET"].encode())
    if claims is None:
        print("invalid")
        sys.exit(1)
    sys.stdout.buffer.write(claims + b"\n")
