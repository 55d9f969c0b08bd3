"""Verify X-Body-Signature of a Canvas Kit request (and of the uninstall and
health-check webhooks): the lowercase hex HMAC-SHA256 of the raw request body,
keyed with the app's OAuth client secret, without prefix.
Flask: pass request.get_data() (Django: request.body), never
json.dumps(request.json): other whitespace, key order or escapes give another
signature."""
import hashlib
import hmac
import os
import sys


def canvas_signature_valid(raw_body: bytes, header: str, client_secret: bytes) -> bool:
    """Return whether header is the X-Body-Signature of raw_body."""
    expected = hmac.new(client_secret, raw_body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())  # constant time


# python3 canvas_signature.py < body.json  (INTERCOM_SECRET, and the header's
# value in SIGNATURE): prints valid or invalid.
if __name__ == "__main__":
    raw_body = sys.stdin.buffer.read()  # the bytes as received
    valid = canvas_signature_valid(raw_body, os.environ.get("SIGNATURE", ""), os.environ["INTERCOM_SECRET"].encode())
    print("valid" if valid else "invalid")
    sys.exit(0 if valid else 1)
