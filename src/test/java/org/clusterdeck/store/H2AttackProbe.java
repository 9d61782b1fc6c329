package org.clusterdeck.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The attack of issue 9, run by {@link StorePrivacyTest} as another local user (nobody): read the
 * auto-server's lock file (port and key), then log in as {@code sa} with an empty password and
 * read a root-only file. Uses only the JDK and H2, copied where that user can read them.
 * Prints one line per attempt: LOCK READ|DENIED, LOGIN OK|REFUSED code, FILE_READ n.
 */
public final class H2AttackProbe {
    public static void main(String[] args) {
        Path lock = Path.of(args[0]);
        try {
            Files.readAllBytes(lock);
            System.out.println("LOCK READ");
        } catch (Exception e) {
            System.out.println("LOCK DENIED " + e.getClass().getSimpleName());
        }
        String url = args[1];
        for (String password : new String[] {"", "sa"}) {
            try (Connection c = DriverManager.getConnection(url, "sa", password);
                 ResultSet rs = c.createStatement().executeQuery("SELECT LENGTH(FILE_READ('/etc/shadow'))")) {
                System.out.println("LOGIN OK");
                rs.next();
                System.out.println("FILE_READ " + rs.getLong(1));
            } catch (SQLException e) {
                System.out.println("LOGIN REFUSED " + e.getErrorCode() + " " + e.getMessage().lines().findFirst().orElse(""));
            }
        }
    }
}
