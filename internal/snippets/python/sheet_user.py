"""Open the encrypted user of an Intercom open-sheet request (the "user" of
intercom_data): base64( IV 12 bytes | AES-256-GCM ciphertext | tag 16 bytes ).
The key is the raw 32-byte SHA-256 of the app's OAuth client secret.
Needs the cryptography package (pip install cryptography)."""
from __future__ import annotations  # bytes | None on Python 3.8 and 3.9 too

import base64
import binascii
import hashlib
import os
import sys

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def open_sheet_user(encoded: str, client_secret: str) -> bytes | None:
    """Return the user JSON, or None when the tag does not check: then the
    user was not sealed by Intercom with this secret, and must not be trusted."""
    try:
        data = base64.b64decode(encoded, validate=True)
    except binascii.Error:
        return None
    if len(data) < 12 + 16:
        return None
    key = hashlib.sha256(client_secret.encode()).digest()  # .digest(), not .hexdigest(): 32 raw bytes
    iv = data[:12]
    ciphertext_and_tag = data[12:]  # AESGCM takes the ciphertext with the 16-byte tag at its end
    try:
        return AESGCM(key).decrypt(iv, ciphertext_and_tag, None)  # checks the tag
    except InvalidTag:
        return None


# python3 sheet_user.py < user.txt  (secret in INTERCOM_SECRET): prints the user.
if __name__ == "__main__":
    user = open_sheet_user(sys.stdin.read().strip(), os.environ["INTERCOM_SECRET"])
    if user is None:
        print("invalid")
        sys.exit(1)
    sys.stdout.buffer.write(user + b"\n")
