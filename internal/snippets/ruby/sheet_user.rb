# Opens the encrypted user of an Intercom open-sheet request (the "user" of
# intercom_data): base64( IV 12 bytes | AES-256-GCM ciphertext | tag 16 bytes ).
# The key is the raw 32-byte SHA-256 of the app's OAuth client secret.
# Returns the user JSON, or nil when the tag does not check: then the user was
# not sealed by Intercom with this secret, and must not be trusted.
require 'base64'
require 'openssl'

def open_sheet_user(encoded, client_secret)
  data = Base64.strict_decode64(encoded)
  return nil if data.bytesize < 12 + 16

  key = OpenSSL::Digest::SHA256.digest(client_secret) # digest, not hexdigest: 32 raw bytes
  iv = data.byteslice(0, 12)
  tag = data.byteslice(-16, 16)
  ciphertext = data.byteslice(12, data.bytesize - 12 - 16)
  cipher = OpenSSL::Cipher.new('aes-256-gcm').decrypt
  cipher.key = key
  cipher.iv = iv
  cipher.auth_tag = tag
  cipher.auth_data = ''
  user = ciphertext.empty? ? +'' : cipher.update(ciphertext) # update refuses empty data
  user + cipher.final # final checks the tag
rescue ArgumentError, OpenSSL::Cipher::CipherError
  nil # bad base64, or the tag does not match
end

# ruby sheet_user.rb < user.txt  (secret in INTERCOM_SECRET): prints the user.
if __FILE__ == $PROGRAM_NAME
  user = open_sheet_user($stdin.read.strip, ENV.fetch('INTERCOM_SECRET'))
  puts user || 'invalid'
  exit(user ? 0 : 1)
end
