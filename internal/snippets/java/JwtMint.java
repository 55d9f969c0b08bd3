import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes a Messenger JWT (intercom_user_jwt): HS256, keyed with the Messenger
 * API secret's text as it is (not base64-decoded). The claims need user_id;
 * times (exp, iat) are seconds since 1970: Instant.now().getEpochSecond() + 3600.
 * The JDK has no JSON writer: pass the claims as JSON text, e.g. from
 * Jackson's objectMapper.writeValueAsString(claims).
 *
 * java JwtMint.java < claims.json  (secret in INTERCOM_SECRET): prints the token.
 */
public class JwtMint {
    /** Returns the HS256 token of the claims JSON. */
    static String mintMessengerJwt(String claimsJson, String messengerSecret) throws GeneralSecurityException {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding(); // base64url, no padding
        String header = base64url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String payload = base64url.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(messengerSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = base64url.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
        return header + "." + payload + "." + signature;
    }

    public static void main(String[] args) throws Exception {
        String claimsJson = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        System.out.println(mintMessengerJwt(claimsJson, System.getenv("INTERCOM_SECRET")));
    }
}
