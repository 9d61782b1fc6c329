package org.clusterdeck.store;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.clusterdeck.model.SiteKind;

/**
 * A second ClusterDeck process for {@link StorePrivacyTest}: opens the store in its own JVM.
 * <ul>
 * <li>{@code serve DIR NAME}: opens (serving the others), adds site NAME, prints READY, waits for a
 *     line naming a site the other process added and prints SAW or MISSING;</li>
 * <li>{@code write DIR NAME}: opens (through the serving process), checks for the site named by the
 *     third argument, adds site NAME, prints DONE;</li>
 * <li>{@code open DIR}: tries to open and prints OPENED or FAILED: the message.</li>
 * </ul>
 */
public final class StoreChild {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "serve" -> {
                try (Store store = Store.open(dir)) {
                    store.sites().insert(args[2], SiteKind.REAL, "from the child JVM");
                    System.out.println("READY");
                    System.out.flush();
                    String other = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    System.out.println(store.sites().findByName(other).isPresent() ? "SAW " + other : "MISSING " + other);
                }
            }
            case "write" -> {
                try (Store store = Store.open(dir)) {
                    System.out.println(store.sites().findByName(args[3]).isPresent() ? "SAW " + args[3] : "MISSING " + args[3]);
                    store.sites().insert(args[2], SiteKind.REAL, "from the child JVM");
                    System.out.println("DONE");
                }
            }
            case "open" -> {
                try (Store store = Store.open(dir)) {
                    System.out.println("OPENED");
                } catch (StoreException e) {
                    System.out.println("FAILED: " + e.getMessage());
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
