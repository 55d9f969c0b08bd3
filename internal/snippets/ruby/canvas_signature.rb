# Verifies X-Body-Signature of a Canvas Kit request (and of the uninstall and
# health-check webhooks): the lowercase hex HMAC-SHA256 of the raw request
# body, keyed with the app's OAuth client secret, without prefix.
# Rails: pass request.raw_post (Sinatra/Rack: request.body.read), never
# params.to_json: other whitespace, key order or escapes give another
# signature.
require 'openssl'

def canvas_signature_valid?(raw_body, header, client_secret)
  expected = OpenSSL::HMAC.hexdigest('SHA256', client_secret, raw_body)
  header.bytesize == expected.bytesize && OpenSSL.fixed_length_secure_compare(header, expected) # constant time
end

# ruby canvas_signature.rb < body.json  (INTERCOM_SECRET, and the header's
# value in SIGNATURE): prints valid or invalid.
if __FILE__ == $PROGRAM_NAME
  raw_body = $stdin.binmode.read # the bytes as received
  valid = canvas_signature_valid?(raw_body, ENV.fetch('SIGNATURE', ''), ENV.fetch('INTERCOM_SECRET'))
  puts valid ? 'valid' : 'invalid'
  exit(valid ? 0 : 1)
end
