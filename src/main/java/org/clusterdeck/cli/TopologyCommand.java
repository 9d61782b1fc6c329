package org.clusterdeck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.clusterdeck.inventory.HostValidator;
import org.clusterdeck.model.Site;
import org.clusterdeck.topology.DiagramLayout;
import org.clusterdeck.topology.DiagramTheme;
import org.clusterdeck.topology.TopologyExporter;
import org.clusterdeck.topology.TopologyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clusterdeck topology export --site NAME --format png|svg --out FILE}. */
@Command(name = "topology", description = "The cluster diagram: export it as PNG or SVG.",
        mixinStandardHelpOptions = true, subcommands = {TopologyCommand.Export.class})
final class TopologyCommand {

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Lay out a site's diagram and write it as PNG (slides) or SVG (documents); no display needed.")
    static final class Export implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--site", required = true, paramLabel = "NAME", description = "The site to draw, e.g. \"Demo lab\".")
        String site;

        @Option(names = "--format", paramLabel = "png|svg",
                description = "png or svg (default: from the file name's extension).")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write (replaced if it exists).")
        Path out;

        @Option(names = "--theme", paramLabel = "light|dark", description = "Colours: light (default) or dark.")
        String theme = "light";

        Export(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            TopologyExporter.Format fmt = format(format, out);
            DiagramTheme colours = switch (theme.strip().toLowerCase(Locale.ROOT)) {
                case "light" -> DiagramTheme.LIGHT;
                case "dark" -> DiagramTheme.DARK;
                default -> throw new CliException("Unknown theme '" + HostValidator.printable(theme)
                        + "': use light or dark.", Cli.USAGE);
            };
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                throw new CliException("Cannot write " + out + ": the folder " + parent
                        + " does not exist. Create it or choose another --out.");
            }
            if (parent != null && !Files.isWritable(parent)) {
                throw new CliException("Cannot write " + out + ": the folder " + parent
                        + " is not writable by this user. Choose another --out.");
            }
            TopologyService service = cli.services().topology();
            Site s;
            try {
                s = service.requireSite(site);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            DiagramLayout layout = service.load(s);
            try {
                new TopologyExporter(colours).export(layout, fmt, out);
            } catch (IOException e) {
                throw new CliException(e.getMessage() == null ? "Cannot write " + out : e.getMessage());
            }
            cli.out().println("Wrote " + fmt.name() + " of site " + s.name() + " ("
                    + TopologyExporter.counts(layout.graph()) + ") to " + out + ".");
            return Cli.OK;
        }

        private static TopologyExporter.Format format(String format, Path out) {
            String f = format;
            if (f == null) {
                String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
                if (name.endsWith(".png")) {
                    f = "png";
                } else if (name.endsWith(".svg")) {
                    f = "svg";
                } else {
                    throw new CliException("Say which format to write: --format png or --format svg "
                            + "(or end --out with .png or .svg).", Cli.USAGE);
                }
            }
            try {
                return TopologyExporter.parseFormat(f);
            } catch (IllegalArgumentException e) {
                throw new CliException(HostValidator.printable(e.getMessage()), Cli.USAGE);
            }
        }
    }
}
