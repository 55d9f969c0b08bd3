import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Identity verification: user_hash = lowercase hex HMAC-SHA256 of the
 * identifier (the user_id when you send one, else the email), keyed with the
 * identity verification secret of the platform (web, iOS or Android).
 *
 * java UserHash.java < id.txt  (secret in INTERCOM_SECRET): prints the user_hash.
 * The identifier is hashed byte for byte, except that ONE trailing newline is
 * removed (the one echo adds); anything else, spaces included, is hashed.
 */
public class UserHash {
    /** Returns the user_hash of identifier, e.g. userHash("184632".getBytes(UTF_8), secret). */
    static String userHash(byte[] identifier, String identitySecret) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(identitySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(identifier)); // lowercase, unlike String.format("%02X")
    }

    public static void main(String[] args) throws Exception {
        byte[] identifier = System.in.readAllBytes();
        if (identifier.length > 0 && identifier[identifier.length - 1] == '\n') {
            identifier = Arrays.copyOf(identifier, identifier.length - 1);
        }
        System.out.println(userHash(identifier, System.getenv("INTERCOM_SECRET")));
    }
}
