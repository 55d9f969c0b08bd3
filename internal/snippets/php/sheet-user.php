<?php
// Opens the encrypted user of an Intercom open-sheet request (the "user" of
// intercom_data): base64( IV 12 bytes | AES-256-GCM ciphertext | tag 16 bytes ).
// The key is the raw 32-byte SHA-256 of the app's OAuth client secret.
// Returns the user JSON, or null when the tag does not check: then the user
// was not sealed by Intercom with this secret, and must not be trusted.
function intercom_open_sheet_user(string $encoded, string $clientSecret): ?string
{
    $data = base64_decode($encoded, true);
    if ($data === false || strlen($data) < 12 + 16) {
        return null;
    }
    $key = openssl_digest($clientSecret, 'sha256', true); // true: 32 raw bytes, not 64 hex characters
    $iv = substr($data, 0, 12);
    $tag = substr($data, -16);
    $ciphertext = substr($data, 12, -16);
    $user = openssl_decrypt($ciphertext, 'aes-256-gcm', $key, OPENSSL_RAW_DATA, $iv, $tag);
    return $user === false ? null : $user; // false: the tag does not match
}

// php sheet-user.php < user.txt  (secret in INTERCOM_SECRET): prints the user.
if (PHP_SAPI === 'cli' && realpath($_SERVER['argv'][0]) === __FILE__) {
    $user = intercom_open_sheet_user(trim(file_get_contents('php://stdin')), (string) getenv('INTERCOM_SECRET'));
    if ($user === null) {
        echo "invalid\n";
        exit(1);
    }
    echo $user, "\n";
}
