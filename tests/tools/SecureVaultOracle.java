// An independent check of Secure Vault values, in the server's own terms (JDK only, no WsoClusterPS code):
// java SecureVaultOracle.java <keystore> <JKS|PKCS12> <alias> <password> <deployment.toml>
// Prints "alias<TAB>base64(UTF-8 plaintext)" for every [secrets] entry. Each value is decrypted twice:
// as the server does (Cipher "RSA" through a CipherOutputStream, which yields empty output on a
// wrong padding instead of failing) and with RSA/ECB/PKCS1Padding; both must agree and be non-empty.
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.security.*;
import java.util.*;
import java.util.regex.*;
import javax.crypto.*;

public class SecureVaultOracle {
    public static void main(String[] args) throws Exception {
        KeyStore store = KeyStore.getInstance(args[1]);
        try (InputStream in = new FileInputStream(args[0])) { store.load(in, args[3].toCharArray()); }
        PrivateKey key = (PrivateKey) store.getKey(args[2], args[3].toCharArray());
        Pattern entry = Pattern.compile("^\\s*([A-Za-z0-9_-]+)\\s*=\\s*\"([^\"]*)\"\\s*$");
        boolean inSecrets = false;
        for (String line : Files.readAllLines(Paths.get(args[4]), StandardCharsets.UTF_8)) {
            if (line.trim().startsWith("[")) { inSecrets = line.trim().equals("[secrets]"); continue; }
            if (!inSecrets || line.trim().isEmpty()) continue;
            Matcher m = entry.matcher(line);
            if (!m.matches()) throw new IllegalStateException("not a secrets entry: " + line);
            byte[] sealed = Base64.getDecoder().decode(m.group(2).trim());
            Cipher server = Cipher.getInstance("RSA");
            server.init(Cipher.DECRYPT_MODE, key);
            ByteArrayOutputStream plain = new ByteArrayOutputStream();
            try (CipherOutputStream out = new CipherOutputStream(plain, server)) { out.write(sealed); }
            Cipher pkcs1 = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            pkcs1.init(Cipher.DECRYPT_MODE, key);
            byte[] expected = pkcs1.doFinal(sealed);
            if (plain.size() == 0 || !Arrays.equals(plain.toByteArray(), expected))
                throw new IllegalStateException("the server's cipher does not decrypt " + m.group(1));
            System.out.println(m.group(1) + "\t" + Base64.getEncoder().encodeToString(expected));
        }
    }
}
