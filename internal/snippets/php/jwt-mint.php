<?php
// Makes a Messenger JWT (intercom_user_jwt): HS256, keyed with the Messenger
// API secret's text as it is (not base64-decoded). The claims need user_id;
// times (exp, iat) are seconds since 1970: time() + 3600, not milliseconds.
function intercom_mint_jwt(array|object $claims, string $messengerSecret): string
{
    $header = intercom_base64url_encode('{"alg":"HS256","typ":"JWT"}');
    $payload = intercom_base64url_encode(json_encode($claims, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR));
    $signature = intercom_base64url_encode(hash_hmac('sha256', "$header.$payload", $messengerSecret, true));
    return "$header.$payload.$signature";
}

function intercom_base64url_encode(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '='); // base64url, no padding
}

// php jwt-mint.php < claims.json  (secret in INTERCOM_SECRET): prints the token.
if (PHP_SAPI === 'cli' && realpath($_SERVER['argv'][0]) === __FILE__) {
    $claims = json_decode(file_get_contents('php://stdin'), false, 512, JSON_THROW_ON_ERROR);
    echo intercom_mint_jwt($claims, (string) getenv('INTERCOM_SECRET')), "\n";
}
