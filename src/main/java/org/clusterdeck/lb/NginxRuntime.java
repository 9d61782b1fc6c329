package org.clusterdeck.lb;

/**
 * Where the generated main configuration puts nginx's own files: Debian's layout on a host, a
 * private folder for a check on this machine ({@code user} null: no {@code user} line).
 */
public record NginxRuntime(String user, String pidFile, String errorLog, String accessLog, String tempDir) {
    public static final NginxRuntime DEBIAN = new NginxRuntime("www-data", "/run/nginx.pid", "/var/log/nginx/error.log",
            "/var/log/nginx/access.log", null);

    /** Everything under {@code dir} (a check with {@code nginx -t -p dir}). */
    public static NginxRuntime under(String dir) {
        return new NginxRuntime(null, dir + "/nginx.pid", dir + "/error.log", dir + "/access.log", dir);
    }
}
