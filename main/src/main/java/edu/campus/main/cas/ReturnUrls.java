package edu.campus.main.cas;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * The allow-list of where a signed-in student may be sent back to ({@code MAIN_ALLOWED_RETURN_URLS}): URL prefixes.
 * A target matches a prefix when scheme, host and port are equal and its path starts with the prefix's path; it must
 * be absolute http(s), without user info or fragment. Anything else is refused (no open redirect).
 */
public final class ReturnUrls {

    private record Prefix(String scheme, String host, int port, String path) {
    }

    private final List<Prefix> allowed;

    public ReturnUrls(List<String> prefixes) {
        this.allowed = prefixes.stream().map(String::strip).filter(p -> !p.isEmpty()).map(p -> {
            URI uri = parse(p);
            if (uri == null) {
                throw new IllegalStateException("MAIN_ALLOWED_RETURN_URLS: not an absolute http(s) URL: " + p);
            }
            return new Prefix(uri.getScheme().toLowerCase(Locale.ROOT), uri.getHost().toLowerCase(Locale.ROOT), port(uri),
                    uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        }).toList();
    }

    public boolean allowed(String target) {
        if (target == null || target.length() > 2048) {
            return false;
        }
        URI uri = parse(target);
        if (uri == null || uri.getRawFragment() != null) {
            return false;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.contains("/../") || path.endsWith("/..") || path.contains("/./")) {
            return false;
        }
        return allowed.stream().anyMatch(p -> p.scheme().equals(scheme) && p.host().equals(host) && p.port() == port(uri)
                && (path.equals(p.path()) || path.startsWith(p.path().endsWith("/") ? p.path() : p.path() + "/")));
    }

    private static URI parse(String value) {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme();
            if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || uri.getRawUserInfo() != null
                    || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
