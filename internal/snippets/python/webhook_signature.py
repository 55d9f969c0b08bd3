"""Verify X-Hub-Signature of an Intercom webhook: "sha1=" and the lowercase hex
HMAC-SHA1 of the raw request body, keyed with the app's OAuth client secret.
Flask: pass request.get_data() (Django: request.body), never
json.dumps(request.json): other whitespace, key order or escapes give another
signature."""
import hashlib
import hmac
import os
import sys


def webhook_signature_valid(raw_body: bytes, header: str, client_secret: bytes) -> bool:
    """Return whether header is the X-Hub-Signature of raw_body."""
    expected = "sha1=" + hmac.new(client_secret, raw_body, hashlib.sha1).hexdigest()
    return hmac.compare_digest(expected.encode(), header.encode())  # constant time


# python3 webhook_signature.py < body.json  (INTERCOM_SECRET, and the header's
# value in SIGNATURE): prints valid or invalid.
if __name__ == "__main__":
    raw_body = sys.stdin.buffer.read()  # the bytes as received
    valid = webhook_signature_valid(raw_body, os.environ.get("SIGNATURE", ""), os.environ["INTERCOM_SECRET"].encode())
    print("valid" if valid else "invalid")
    sys.exit(0 if valid else 1)
