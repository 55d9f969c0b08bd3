import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies a Messenger JWT (intercom_user_jwt), signed HS256 with the
 * Messenger API secret: the alg must be HS256 (never "none"), the signature
 * must match, and exp, when present, must be ahead (seconds since 1970).
 * The JDK has no JSON parser, so alg and exp are read with a pattern here;
 * with Jackson or Gson, read them from the parsed header and claims instead.
 *
 * java JwtVerify.java < token.txt  (secret in INTERCOM_SECRET): prints the
 * claims, or invalid.
 */
public class JwtVerify {
    private static final Pattern ALG = Pattern.compile("\"alg\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*([^,}\\s]*)");

    /** Returns the claims JSON as signed, or null. */
    static String verifyMessengerJwt(String token, String messengerSecret) throws GeneralSecurityException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        Base64.Decoder base64url = Base64.getUrlDecoder();
        String header, claims;
        try {
            header = new String(base64url.decode(parts[0]), StandardCharsets.UTF_8);
            claims = new String(base64url.decode(parts[1]), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        Matcher alg = ALG.matcher(header);
        if (!alg.find() || !alg.group(1).equals("HS256") || alg.find()) {
            return null; // exactly one alg, and it is HS256
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(messengerSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signed = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.UTF_8));
        String expected = Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), parts[2].getBytes(StandardCharsets.UTF_8))) {
            return null; // constant time
        }
        if (!claims.strip().startsWith("{")) {
            return null;
        }
        Matcher exp = EXP.matcher(claims);
        if (exp.find()) {
            try {
                if (Double.parseDouble(exp.group(1)) <= System.currentTimeMillis() / 1000) {
                    return null; // expired: exp counts seconds, currentTimeMillis() milliseconds
                }
            } catch (NumberFormatException e) {
                return null; // exp is not a time
            }
        }
        return claims;
    }

    public static void main(String[] args) throws Exception {
        String token = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        String claims = verifyMessengerJwt(token, System.getenv("INTERCOM_SECRET"));
        System.out.println(claims == null ? "invalid" : claims);
        System.exit(claims == null ? 1 : 0);
    }
}
