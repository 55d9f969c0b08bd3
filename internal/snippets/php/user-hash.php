<?php
// Identity verification: user_hash = lowercase hex HMAC-SHA256 of the
// identifier (the user_id when you send one, else the email), keyed with the
// identity verification secret of the platform (web, iOS or Android).
function intercom_user_hash(string $identifier, string $identitySecret): string
{
    return hash_hmac('sha256', $identifier, $identitySecret); // data first, key last; lowercase hex
}

// php user-hash.php < id.txt  (secret in INTERCOM_SECRET): prints the user_hash.
// The identifier is hashed byte for byte, except that ONE trailing newline is
// removed (the one echo adds); anything else, spaces included, is hashed.
if (PHP_SAPI === 'cli' && realpath($_SERVER['argv'][0]) === __FILE__) {
    $identifier = file_get_contents('php://stdin');
    if (str_ends_with($identifier, "\n")) {
        $identifier = substr($identifier, 0, -1);
    }
    echo intercom_user_hash($identifier, (string) getenv('INTERCOM_SECRET')), "\n";
}
