"""Identity verification: user_hash = lowercase hex HMAC-SHA256 of the
identifier (the user_id when you send one, else the email), keyed with the
identity verification secret of the platform (web, iOS or Android)."""
import hashlib
import hmac
import os
import sys


def user_hash(identifier: bytes, identity_secret: bytes) -> str:
    """Return the user_hash of identifier, e.g. user_hash(b"184632", secret)."""
    return hmac.new(identity_secret, identifier, hashlib.sha256).hexdigest()  # key first; lowercase hex


# python3 user_hash.py < id.txt  (secret in INTERCOM_SECRET): prints the user_hash.
# The identifier is hashed byte for byte, except that ONE trailing newline is
# removed (the one echo adds); anything else, spaces included, is hashed.
if __name__ == "__main__":
    identifier = sys.stdin.buffer.read()
    if identifier.endswith(b"\n"):
        identifier = identifier[:-1]
    print(user_hash(identifier, os.environ["INTERCOM_SECRET"].encode()))
