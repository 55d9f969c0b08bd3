# Verifies X-Hub-Signature of an Intercom webhook: "sha1=" and the lowercase
# hex HMAC-SHA1 of the raw request body, keyed with the app's OAuth client
# secret. Rails: pass request.raw_post (Sinatra/Rack: request.body.read),
# never params.to_json: other whitespace, key order or escapes give another
# signature.
require 'openssl'

def webhook_signature_valid?(raw_body, header, client_secret)
  expected = "sha1=#{OpenSSL::HMAC.hexdigest('SHA1', client_secret, raw_body)}"
  header.bytesize == expected.bytesize && OpenSSL.fixed_length_secure_compare(header, expected) # constant time
end

# ruby webhook_signature.rb < body.json  (INTERCOM_SECRET, and the header's
# value in SIGNATURE): prints valid or invalid.
if __FILE__ == $PROGRAM_NAME
  raw_body = $stdin.binmode.read # the bytes as received
  valid = webhook_signature_valid?(raw_body, ENV.fetch('SIGNATURE', ''), ENV.fetch('INTERCOM_SECRET'))
  puts valid ? 'valid' : 'invalid'
  exit(valid ? 0 : 1)
end
