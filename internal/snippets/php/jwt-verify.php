<?php
// Verifies a Messenger JWT (intercom_user_jwt), signed HS256 with the
// Messenger API secret: the alg must be HS256 (never "none"), the signature
// must match, and exp, when present, must be ahead (seconds since 1970).
// Returns the claims JSON as signed, or null.
function intercom_verify_jwt(string $token, string $messengerSecret): ?string
{
    $parts = explode('.', $token);
    if (count($parts) !== 3) {
        return null;
    }
    [$header, $payload, $signature] = $parts;
    $alg = json_decode(intercom_base64url_decode($header), true)['alg'] ?? null;
    if ($alg !== 'HS256') {
        return null;
    }
    $expected = intercom_base64url_encode(hash_hmac('sha256', "$header.$payload", $messengerSecret, true));
    if (!hash_equals($expected, $signature)) {
        return null;
    }
    $json = intercom_base64url_decode($payload);
    $claims = json_decode($json);
    if (!is_object($claims)) {
        return null;
    }
    if (property_exists($claims, 'exp')) {
        $exp = $claims->exp;
        if (!(is_int($exp) || is_float($exp)) || $exp <= time()) {
            return null; // expired, or not a time: exp and time() count seconds
        }
    }
    return $json;
}

function intercom_base64url_encode(string $bytes): string
{
    return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
}

function intercom_base64url_decode(string $text): string
{
    return (string) base64_decode(strtr($text, '-_', '+/'));
}

// php jwt-verify.php < token.txt  (secret in INTERCOM_SECRET): prints the
// claims, or invalid.
if (PHP_SAPI === 'cli' && realpath($_SERVER['argv'][0]) === __FILE__) {
    $claims = intercom_verify_jwt(trim(file_get_contents('php://stdin')), (string) getenv('INTERCOM_SECRET'));
    echo $claims ?? 'invalid', "\n";
    exit($claims === null ? 1 : 0);
}
