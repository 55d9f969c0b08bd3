import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies X-Hub-Signature of an Intercom webhook: "sha1=" and the lowercase
 * hex HMAC-SHA1 of the raw request body, keyed with the app's OAuth client
 * secret. Spring: take the body as @RequestBody byte[] body (and the header
 * as @RequestHeader("X-Hub-Signature") String signature), never a DTO written
 * back with an ObjectMapper: other whitespace, key order or escapes give
 * another signature.
 *
 * java WebhookSignature.java < body.json  (INTERCOM_SECRET, and the header's
 * value in SIGNATURE): prints valid or invalid.
 */
public class WebhookSignature {
    /** Returns whether header is the X-Hub-Signature of rawBody. */
    static boolean webhookSignatureValid(byte[] rawBody, String header, String clientSecret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String expected = "sha1=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8)); // constant time
    }

    public static void main(String[] args) throws Exception {
        byte[] rawBody = System.in.readAllBytes(); // the bytes as received
        String header = System.getenv().getOrDefault("SIGNATURE", "");
        boolean valid = webhookSignatureValid(rawBody, header, System.getenv("INTERCOM_SECRET"));
        System.out.println(valid ? "valid" : "invalid");
        System.exit(valid ? 0 : 1);
    }
}
