"""Make a Messenger JWT (intercom_user_jwt): HS256, keyed with the Messenger API
secret's text as it is (not base64-decoded). The claims need user_id; times
(exp, iat) are seconds since 1970: int(time.time()) + 3600."""
import base64
import hashlib
import hmac
import json
import os
import sys


def b64url_encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()  # base64url, no padding


def mint_messenger_jwt(claims: dict, messenger_secret: bytes) -> str:
    """Return the HS256 token of claims."""
    header = b64url_encode(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64url_encode(json.dumps(claims, separators=(",", ":"), ensure_ascii=False).encode())
    signature = b64url_encode(hmac.new(messenger_secret, f"{header}.{payload}".encode(), hashlib.sha256).digest())
    return f"{header}.{payload}.{signature}"


# python3 jwt_mint.py < claims.json  (secret in INTERCOM_SECRET): prints the token.
if __name__ == "__main__":
    claims = json.loads(sys.stdin.buffer.read())
    print(mint_messenger_jwt(claims, os.environ["INTERCOM_SECRET"].encode()))
