<?php
// Verifies X-Hub-Signature of an Intercom webhook: "sha1=" and the lowercase
// hex HMAC-SHA1 of the raw request body, keyed with the app's OAuth client
// secret. Laravel: pass $request->getContent(); plain PHP:
// file_get_contents('php://input'). Never json_encode the parsed body again:
// other whitespace or escapes give another signature.
function intercom_webhook_signature_valid(string $rawBody, string $header, string $clientSecret): bool
{
    $expected = 'sha1=' . hash_hmac('sha1', $rawBody, $clientSecret);
    return hash_equals($expected, $header); // constant time
}

// php webhook-signature.php < body.json  (INTERCOM_SECRET, and the header's
// value in SIGNATURE): prints valid or invalid.
if (PHP_SAPI === 'cli' && realpath($_SERVER['argv'][0]) === __FILE__) {
    $rawBody = file_get_contents('php://stdin'); // the bytes as received
    $valid = intercom_webhook_signature_valid($rawBody, (string) getenv('SIGNATURE'), (string) getenv('INTERCOM_SECRET'));
    echo $valid ? "valid\n" : "invalid\n";
    exit($valid ? 0 : 1);
}
