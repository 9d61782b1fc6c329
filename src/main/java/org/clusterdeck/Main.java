package org.clusterdeck;

import java.nio.file.Path;
import org.clusterdeck.cli.Cli;
import org.clusterdeck.store.DataDirectory;

/**
 * Entry point of {@code clusterdeck.jar}. With a command it runs the command line and needs no
 * display; without one (or with only {@code --data-dir DIR}) it opens the window. A plain class,
 * not an {@code Application}, so the fat jar starts JavaFX from the class path.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // before the first logger: the log file lives beside the database
        Path dataDir = DataDirectory.resolve(DataDirectory.fromArgs(args), System.getenv());
        if (System.getProperty("clusterdeck.log.dir") == null && DataDirectory.createPrivate(dataDir)) {
            System.setProperty("clusterdeck.log.dir", dataDir.toString());
        }
        if (opensGui(args)) {
            org.clusterdeck.ui.app.App.launchGui(args);
            return;
        }
        System.exit(Cli.runMain(args));
    }

    static boolean opensGui(String[] args) {
        if (args.length == 0) {
            return true;
        }
        return args.length == 2 && args[0].equals("--data-dir")
                || args.length == 1 && args[0].startsWith("--data-dir=");
    }
}
