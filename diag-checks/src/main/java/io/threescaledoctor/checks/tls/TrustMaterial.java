package io.threescaledoctor.checks.tls;

import io.threescaledoctor.core.profile.Profile;
import java.io.IOException;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;

/**
 * What the doctor trusts, as the 3scale toolbox does: the JDK's default CA store plus every
 * certificate in the PEM bundle named by {@code tls.caFile} (which {@code --ca-file} and {@code
 * SSL_CERT_FILE} fill). With {@code tls.insecure} nothing is verified, but callers still see what
 * was presented.
 */
public final class TrustMaterial {
  private final X509TrustManager verifying;
  private final boolean insecure;
  private final String caFile;

  private TrustMaterial(X509TrustManager verifying, boolean insecure, String caFile) {
    this.verifying = verifying;
    this.insecure = insecure;
    this.caFile = caFile;
  }

  /**
   * @throws IllegalArgumentException naming {@code tls.caFile} when the bundle cannot be read or
   *     holds no certificate
   */
  public static TrustMaterial from(Profile profile) {
    Profile.Tls tls = profile.tls();
    String caFile = tls.caFile() == null || tls.caFile().isBlank() ? null : tls.caFile();
    try {
      if (caFile == null) {
        return new TrustMaterial(JdkDefaults.TRUST_MANAGER, tls.insecureOrDefault(), null);
      }
      return new TrustMaterial(withBundle(Path.of(caFile)), tls.insecureOrDefault(), caFile);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "tls.caFile " + caFile + ": cannot read (" + e.getMessage() + ")", e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot build the trust store: " + e.getMessage(), e);
    }
  }

  /** A bundle as it was read: the same file, unchanged, is not parsed again by the next probe. */
  private record BundleKey(Path file, long size, long modified) {}

  private static final Map<BundleKey, X509TrustManager> BUNDLES = new ConcurrentHashMap<>();

  private static X509TrustManager withBundle(Path file)
      throws IOException, GeneralSecurityException {
    BundleKey key =
        new BundleKey(
            file.toAbsolutePath().normalize(),
            Files.size(file),
            Files.getLastModifiedTime(file).toMillis());
    X509TrustManager known = BUNDLES.get(key);
    if (known != null) {
      return known;
    }
    List<X509Certificate> extra = readPem(file);
    if (extra.isEmpty()) {
      throw new IllegalArgumentException("tls.caFile " + file + ": no PEM certificate in the file");
    }
    X509TrustManager combined = trustManager(extra);
    BUNDLES.put(key, combined);
    return combined;
  }

  /** Every certificate in a PEM file, in file order; text around the PEM blocks is ignored. */
  public static List<X509Certificate> readPem(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return readPem(r);
    }
  }

  /** As {@link #readPem(Path)}, from a reader. */
  public static List<X509Certificate> readPem(Reader reader) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (PEMParser parser = new PEMParser(reader)) {
      Object o;
      while ((o = parser.readObject()) != null) {
        if (o instanceof X509CertificateHolder holder) {
          try {
            out.add(converter.getCertificate(holder));
          } catch (CertificateException e) {
            throw new IOException("unreadable certificate: " + e.getMessage(), e);
          }
        }
      }
    }
    return out;
  }

  /** The JDK's own CA store, read once: it does not change while the process runs. */
  private static final class JdkDefaults {
    static final X509TrustManager TRUST_MANAGER = load();

    private static X509TrustManager load() {
      try {
        TrustManagerFactory defaults =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        return firstX509(defaults.getTrustManagers());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the JDK's CA store cannot be read: " + e.getMessage(), e);
      }
    }
  }

  private static X509TrustManager trustManager(List<X509Certificate> extra)
      throws GeneralSecurityException, IOException {
    X509TrustManager jdk = JdkDefaults.TRUST_MANAGER;
    if (extra.isEmpty()) {
      return jdk;
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int i = 0;
    for (X509Certificate ca : jdk.getAcceptedIssuers()) {
      store.setCertificateEntry("jdk-" + i++, ca);
    }
    for (X509Certificate ca : extra) {
      store.setCertificateEntry("ca-file-" + i++, ca);
    }
    TrustManagerFactory combined =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    combined.init(store);
    return firstX509(combined.getTrustManagers());
  }

  private static X509TrustManager firstX509(TrustManager[] managers) {
    for (TrustManager m : managers) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new IllegalStateException("the JDK offers no X.509 trust manager");
  }

  /** The JDK store plus the bundle: what verification uses, even when it is switched off. */
  public X509TrustManager verifyingTrustManager() {
    return verifying;
  }

  /** Whether {@code tls.insecure} switched verification off. */
  public boolean insecure() {
    return insecure;
  }

  /** The PEM bundle in use, or null. */
  public String caFile() {
    return caFile;
  }

  /** An SSL context that verifies against this material, or accepts anything when insecure. */
  public SSLContext sslContext() {
    return sslContext(insecure ? new AcceptAnything() : verifying);
  }

  /**
   * As {@link #sslContext()}, handing every chain the peer presents to {@code presented} before it
   * is judged, so that a rejected chain can still be shown and explained.
   */
  public SSLContext sslContext(Consumer<List<X509Certificate>> presented) {
    return sslContext(new Recording(insecure ? new AcceptAnything() : verifying, presented));
  }

  /** An SSL context that accepts any chain: for looking at what a peer presents. */
  public static SSLContext acceptingAnything() {
    return sslContext(new AcceptAnything());
  }

  private static SSLContext sslContext(X509TrustManager tm) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {tm}, new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK cannot make a TLS context: " + e.getMessage(), e);
    }
  }

  /**
   * Hands the server's chain on, then lets the delegate judge it. Extended, so that JSSE gives it
   * the socket and the delegate can check the host name itself as it does unwrapped.
   */
  private static final class Recording extends X509ExtendedTrustManager {
    private final X509TrustManager delegate;
    private final Consumer<List<X509Certificate>> presented;

    Recording(X509TrustManager delegate, Consumer<List<X509Certificate>> presented) {
      this.delegate = delegate;
      this.presented = presented;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      presented.accept(List.of(chain));
      if (delegate instanceof X509ExtendedTrustManager extended) {
        extended.checkServerTrusted(chain, authType, socket);
      } else {
        delegate.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      presented.accept(List.of(chain));
      if (delegate instanceof X509ExtendedTrustManager extended) {
        extended.checkServerTrusted(chain, authType, engine);
      } else {
        delegate.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      presented.accept(List.of(chain));
      delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return delegate.getAcceptedIssuers();
    }
  }

  /** Trusts everything; only for {@code --insecure} and for reading a presented chain. */
  private static final class AcceptAnything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // Accepts any chain by design: the caller reports what it saw instead of rejecting it.
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // Accepts any chain by design: the caller reports what it saw instead of rejecting it.
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
