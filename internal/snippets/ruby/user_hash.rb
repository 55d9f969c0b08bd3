# Identity verification: user_hash = lowercase hex HMAC-SHA256 of the
# identifier (the user_id when you send one, else the email), keyed with the
# identity verification secret of the platform (web, iOS or Android).
require 'openssl'

def user_hash(identifier, identity_secret)
  OpenSSL::HMAC.hexdigest('SHA256', identity_secret, identifier) # key first; lowercase hex
end

# ruby user_hash.rb < id.txt  (secret in INTERCOM_SECRET): prints the user_hash.
# The identifier is hashed byte for byte, except that ONE trailing newline is
# removed (the one echo adds); anything else, spaces included, is hashed.
if __FILE__ == $PROGRAM_NAME
  identifier = $stdin.binmode.read.delete_suffix("\n")
  puts user_hash(identifier, ENV.fetch('INTERCOM_SECRET'))
end
