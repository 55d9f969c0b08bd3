# Verifies a Messenger JWT (intercom_user_jwt), signed HS256 with the
# Messenger API secret: the alg must be HS256 (never "none"), the signature
# must match, and exp, when present, must be ahead (seconds since 1970).
# Returns the claims JSON as signed, or nil.
require 'base64'
require 'json'
require 'openssl'

def verify_messenger_jwt(token, messenger_secret)
  header, payload, signature, *rest = token.split('.', -1)
  return nil unless signature && rest.empty?
  return nil unless JSON.parse(Base64.urlsafe_decode64(header))['alg'] == 'HS256'

  expected = Base64.urlsafe_encode64(OpenSSL::HMAC.digest('SHA256', messenger_secret, "#{header}.#{payload}"), padding: false)
  return nil unless signature.bytesize == expected.bytesize && OpenSSL.fixed_length_secure_compare(signature, expected)

  claims_json = Base64.urlsafe_decode64(payload)
  claims = JSON.parse(claims_json)
  return nil unless claims.is_a?(Hash)
  if claims.key?('exp')
    exp = claims['exp']
    return nil unless exp.is_a?(Numeric) && exp > Time.now.to_i # exp and to_i count seconds
  end
  claims_json
rescue ArgumentError, TypeError, JSON::ParserError, NoMethodError
  nil
end

# ruby jwt_verify.rb < token.txt  (secret in INTERCOM_SECRET): prints the
# claims, or invalid.
if __FILE__ == $PROGRAM_NAME
  claims = verify_messenger_jwt($stdin.read.strip, ENV.fetch('INTERCOM_SECRET'))
  puts claims || 'invalid'
  exit(claims ? 0 : 1)
end
