import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens the encrypted user of an Intercom open-sheet request (the "user" of
 * intercom_data): base64( IV 12 bytes | AES-256-GCM ciphertext | tag 16 bytes ).
 * The key is the raw 32-byte SHA-256 of the app's OAuth client secret.
 *
 * java SheetUser.java < user.txt  (secret in INTERCOM_SECRET): prints the user.
 */
public class SheetUser {
    /** Returns the user JSON, or null when the tag does not check: then the user must not be trusted. */
    static byte[] openSheetUser(String encoded, String clientSecret) throws GeneralSecurityException {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (data.length < 12 + 16) {
            return null;
        }
        byte[] key = MessageDigest.getInstance("SHA-256").digest(clientSecret.getBytes(StandardCharsets.UTF_8)); // 32 raw bytes
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        GCMParameterSpec iv = new GCMParameterSpec(128, data, 0, 12); // the first 12 bytes; a 128-bit tag
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), iv);
        try {
            return cipher.doFinal(data, 12, data.length - 12); // the ciphertext, then the 16-byte tag it checks
        } catch (AEADBadTagException e) {
            return null; // the tag does not match
        }
    }

    public static void main(String[] args) throws Exception {
        String encoded = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).strip();
        byte[] user = openSheetUser(encoded, System.getenv("INTERCOM_SECRET"));
        if (user == null) {
            System.out.println("invalid");
            System.exit(1);
        }
        System.out.write(user);
        System.out.println();
    }
}
