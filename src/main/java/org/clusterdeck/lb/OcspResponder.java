package org.clusterdeck.lb;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The OCSP responder a certificate names in its Authority Information Access extension, if any:
 * stapling is only configured when there is one (Let's Encrypt certificates have named none since 2025).
 */
public final class OcspResponder {
    private static final String AIA = "1.3.6.1.5.5.7.1.1";
    /** DER of the access method id-ad-ocsp (1.3.6.1.5.5.7.48.1). */
    private static final byte[] OCSP_METHOD = {0x06, 0x08, 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01};

    private OcspResponder() {
    }

    /** The responder URL of the first certificate in {@code pem} (a full chain starts with the server's own). */
    public static Optional<String> of(String pem) {
        X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new LbException("Not a PEM certificate: " + e.getMessage() + ". Give the certificate file (BEGIN CERTIFICATE).", e);
        }
        byte[] ext = cert.getExtensionValue(AIA);
        if (ext == null) {
            return Optional.empty();
        }
        for (int i = 0; i + OCSP_METHOD.length + 2 < ext.length; i++) {
            if (java.util.Arrays.equals(ext, i, i + OCSP_METHOD.length, OCSP_METHOD, 0, OCSP_METHOD.length)) {
                int tag = i + OCSP_METHOD.length;
                int len = ext[tag + 1] & 0xff;
                // GeneralName uniformResourceIdentifier [6] IA5String, short length form
                if ((ext[tag] & 0xff) == 0x86 && len < 0x80 && tag + 2 + len <= ext.length) {
                    return Optional.of(new String(ext, tag + 2, len, StandardCharsets.US_ASCII));
                }
            }
        }
        return Optional.empty();
    }
}
