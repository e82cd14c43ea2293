import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

/**
 * Test data for bench/traffic.sh, signed like the real issuers do (one key plays SSO and main here).
 *   keys DIR                      → DIR/jwks.json (SSO's JWKS), DIR/public.pem (main's launch key), DIR/private.key
 *   tokens DIR STUDENTS SESSIONS  → DIR/admin.token, DIR/launch.tokens (one per student), DIR/qr.tokens
 *                                   (SESSIONS: lines "id secret_hex rotation" → lines "id token")
 */
public class BenchData {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("keys")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) pair.getPublic());
            jwk.setKeyId(jwk.calculateBase64urlEncodedThumbprint("SHA-256"));
            Files.writeString(dir.resolve("jwks.json"), new JsonWebKeySet(jwk).toJson());
            Files.writeString(dir.resolve("public.pem"), "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
            Files.writeString(dir.resolve("private.key"), Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
            Files.writeString(dir.resolve("kid"), jwk.getKeyId());
            return;
        }
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(Files.readString(dir.resolve("private.key")))));
        String kid = Files.readString(dir.resolve("kid"));
        long now = System.currentTimeMillis() / 1000;

        JwtClaims admin = claims("campus-sso", "1", now);
        admin.setClaim("username", "bench.admin");
        admin.setClaim("full_name", "Bench Admin");
        admin.setClaim("app", "traffic");
        admin.setClaim("role", "admin");
        Files.writeString(dir.resolve("admin.token"), sign(admin, key, kid));

        int students = Integer.parseInt(args[2]);
        List<String> launch = new ArrayList<>();
        for (int i = 1; i <= students; i++) {
            JwtClaims claims = claims("campus-main", String.valueOf(i), now);
            claims.setAudience("traffic");
            claims.setClaim("name", "Student " + i);
            claims.setClaim("email", "s" + i + "@uni.example");
            claims.setClaim("group", "3530901/1000" + (i % 10));
            launch.add(sign(claims, key, kid));
        }
        Files.write(dir.resolve("launch.tokens"), launch);

        List<String> qr = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[3]))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            long window = Math.floorDiv(now, Long.parseLong(f[2]));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().parseHex(f[1]), "HmacSHA256"));
            byte[] h = mac.doFinal((f[0] + "|" + window).getBytes(StandardCharsets.US_ASCII));
            qr.add(f[0] + " " + HexFormat.of().formatHex(h, 0, 8));
        }
        Files.write(dir.resolve("qr.tokens"), qr);
    }

    private static JwtClaims claims(String issuer, String subject, long now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setSubject(subject);
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 3000));
        return claims;
    }

    private static String sign(JwtClaims claims, PrivateKey key, String kid) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue(kid);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
