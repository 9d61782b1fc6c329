package org.clusterdeck.scan;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clusterdeck.testing.RealParts;

/** The peer the port scanner is compared with: {@code nmap -sT -p- -n ADDRESS}, its open ports. */
final class Nmap {
    private static final Pattern OPEN = Pattern.compile("(?m)^(\\d+)/tcp\\s+open\\b");

    private Nmap() {
    }

    static void require() {
        boolean present = new java.io.File("/usr/bin/nmap").canExecute();
        RealParts.require(present, "nmap is not installed; install the Debian package nmap (app/packages-test.txt)");
    }

    static TreeSet<Integer> openPorts(String address) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nmap", "-sT", "-p-", "-n", "-T4", address).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException("nmap failed: " + out);
        }
        if (!out.contains("Nmap done")) {
            throw new IOException("nmap printed no result: " + out);
        }
        TreeSet<Integer> open = new TreeSet<>();
        Matcher m = OPEN.matcher(out);
        while (m.find()) {
            open.add(Integer.parseInt(m.group(1)));
        }
        return open;
    }
}
