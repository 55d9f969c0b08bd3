import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies X-Body-Signature of a Canvas Kit request (and of the uninstall and
 * health-check webhooks): the lowercase hex HMAC-SHA256 of the raw request
 * body, keyed with the app's OAuth client secret, without prefix. Spring:
 * take the body as @RequestBody byte[] body (and the header as
 * @RequestHeader("X-Body-Signature") String signature), never a DTO written
 * back with an ObjectMapper: other whitespace, key order or escapes give
 * another signature.
 *
 * java CanvasSignature.java < body.json  (INTERCOM_SECRET, and the header's
 * value in SIGNATURE): prints valid or invalid.
 */
public class CanvasSignature {
    /** Returns whether header is the X-Body-Signature of rawBody. */
    static boolean canvasSignatureValid(byte[] rawBody, String header, String clientSecret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(clientSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal(rawBody));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), header.getBytes(StandardCharsets.UTF_8)); // constant time
    }

    public static void main(String[] args) throws Exception {
        byte[] rawBody = System.in.readAllBytes(); // the bytes as received
        String header = System.getenv().getOrDefault("SIGNATURE", "");
        boolean valid = canvasSignatureValid(rawBody, header, System.getenv("INTERCOM_SECRET"));
        System.out.println(valid ? "valid" : "invalid");
        System.exit(valid ? 0 : 1);
    }
}
