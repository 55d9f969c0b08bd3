# Makes a Messenger JWT (intercom_user_jwt): HS256, keyed with the Messenger
# API secret's text as it is (not base64-decoded). The claims need user_id;
# times (exp, iat) are seconds since 1970: Time.now.to_i + 3600.
require 'base64'
require 'json'
require 'openssl'

def mint_messenger_jwt(claims, messenger_secret)
  header = Base64.urlsafe_encode64(JSON.generate({ alg: 'HS256', typ: 'JWT' }), padding: false)
  payload = Base64.urlsafe_encode64(JSON.generate(claims), padding: false) # base64url, no padding
  signature = Base64.urlsafe_encode64(OpenSSL::HMAC.digest('SHA256', messenger_secret, "#{header}.#{payload}"), padding: false)
  "#{header}.#{payload}.#{signature}"
end

# ruby jwt_mint.rb < claims.json  (secret in INTERCOM_SECRET): prints the token.
if __FILE__ == $PROGRAM_NAME
  claims = JSON.parse($stdin.read)
  puts mint_messenger_jwt(claims, ENV.fetch('INTERCOM_SECRET'))
end
