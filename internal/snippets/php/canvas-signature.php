<?php
// Verifies X-Body-Signature of a Canvas Kit request (and of the uninstall and
// health-check webhooks): the lowercase hex HMAC-SHA256 of the raw request
// body, keyed with the app's OAuth client secret, without prefix.
// Laravel: pass $request->getContent(); plain PHP:
// file_get_contents('php://input'). Never json_encode the parsed body again:
// other whitespace or escapes give another signature.
function intercom_canvas_signature_valid(string $rawBody, string $header, string $clientSecret): bool
{
    $expected = hash_hmac('sha256', $rawBody, $clientSecret);
    return hash_equals($expected, $header); // constant time
}

// php canvas-signature.php < body.json  (INTERCOM_SECRET, and the header's
// value in SIGNATURE): prints valid or invalid.
if (PHP_SAPI === 'cli' && realpath($_SERVER['argv'][0]) === __FILE__) {
    $rawBody = file_get_contents('php://stdin'); // the bytes as received
    $valid = intercom_canvas_signature_valid($rawBody, (string) getenv('SIGNATURE'), (string) getenv('INTERCOM_SECRET'));
    echo $valid ? "valid\n" : "invalid\n";
    exit($valid ? 0 : 1);
}
