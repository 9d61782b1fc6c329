package org.clusterdeck.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.clusterdeck.model.Vm;
import org.clusterdeck.virt.SnapshotDetails;
import org.clusterdeck.virt.VmOperations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck vm start|shutdown|reboot|destroy|suspend|resume|delete|autostart|snapshot|clone|move}. */
final class VmLifecycleCommands {
    private VmLifecycleCommands() {
    }

    /** A power action on one VM, run as a job and awaited. */
    abstract static class PowerCommand implements Callable<Integer> {
        private final Cli cli;
        private final VmOperations.Power action;

        @Parameters(paramLabel = "NAME", description = "The VM's name.")
        String name;

        @Option(names = "--host", paramLabel = "HOST", description = "Its host, when several have a VM of that name.")
        String host;

        PowerCommand(Cli cli, VmOperations.Power action) {
            this.cli = cli;
            this.action = action;
        }

        @Override
        public Integer call() {
            try (VirtCli v = new VirtCli(cli)) {
                Vm vm = v.vm(name, host);
                Vm after = v.await(v.virt.operations().power(vm, action));
                cli.out().println(action.label() + ": " + after.name() + " is now " + after.state().dbValue() + ".");
                return Cli.OK;
            }
        }
    }

    @Command(name = "start", description = "Start a VM.", mixinStandardHelpOptions = true)
    static final class Start extends PowerCommand {
        Start(Cli cli) {
            super(cli, VmOperations.Power.START);
        }
    }

    @Command(name = "shutdown", description = "Ask a VM's guest to shut down (ACPI) and wait for it.",
            mixinStandardHelpOptions = true)
    static final class Shutdown extends PowerCommand {
        Shutdown(Cli cli) {
            super(cli, VmOperations.Power.SHUTDOWN);
        }
    }

    @Command(name = "reboot", description = "Reboot a VM.", mixinStandardHelpOptions = true)
    static final class Reboot extends PowerCommand {
        Reboot(Cli cli) {
            super(cli, VmOperations.Power.REBOOT);
        }
    }

    @Command(name = "destroy", description = "Force a VM off at once (like pulling the plug); its definition stays.",
            mixinStandardHelpOptions = true)
    static final class Destroy extends PowerCommand {
        Destroy(Cli cli) {
            super(cli, VmOperations.Power.FORCE_OFF);
        }
    }

    @Command(name = "suspend", description = "Pause a running VM.", mixinStandardHelpOptions = true)
    static final class Suspend extends PowerCommand {
        Suspend(Cli cli) {
            super(cli, VmOperations.Power.SUSPEND);
        }
    }

    @Command(name = "resume", description = "Resume a paused VM.", mixinStandardHelpOptions = true)
    static final class Resume extends PowerCommand {
        Resume(Cli cli) {
            super(cli, VmOperations.Power.RESUME);
        }
    }

    @Command(name = "delete", description = "Delete a shut-off VM.", mixinStandardHelpOptions = true)
    static final class Delete implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "NAME", description = "The VM's name.")
        String name;

        @Option(names = "--host", paramLabel = "HOST", description = "Its host, when several have a VM of that name.")
        String host;

        @Option(names = "--with-storage", description = "Also delete its disk volumes (not CD-ROM images).")
        boolean storage;

        Delete(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (VirtCli v = new VirtCli(cli)) {
                Vm vm = v.vm(name, host);
                v.await(v.virt.operations().delete(vm, storage));
                cli.out().println("Deleted " + vm.name() + (storage ? " and its disks." : "; its disks were kept."));
                return Cli.OK;
            }
        }
    }

    @Command(name = "autostart", description = "Start a VM when its host boots, or not.", mixinStandardHelpOptions = true)
    static final class Autostart implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "NAME", description = "The VM's name.")
        String name;

        @Parameters(index = "1", paramLabel = "on|off", description = "on or off.")
        String onOff;

        @Option(names = "--host", paramLabel = "HOST", description = "Its host, when several have a VM of that name.")
        String host;

        Autostart(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            if (!onOff.equals("on") && !onOff.equals("off")) {
                throw new CliException("Say 'on' or 'off'; got '" + org.clusterdeck.inventory.HostValidator.printable(onOff)
                        + "'.", Cli.USAGE);
            }
            try (VirtCli v = new VirtCli(cli)) {
                Vm vm = v.await(v.virt.operations().setAutostart(v.vm(name, host), onOff.equals("on")));
                cli.out().println("Autostart of " + vm.name() + " is " + (vm.autostart() ? "on." : "off."));
                return Cli.OK;
            }
        }
    }

    @Command(name = "snapshot", description = "Create, list, revert to and delete snapshots.",
            mixinStandardHelpOptions = true)
    static final class Snapshot implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "ACTION", description = "create, list, revert or delete.")
        String action;

        @Parameters(index = "1", paramLabel = "VM", description = "The VM's name.")
        String name;

        @Parameters(index = "2", arity = "0..1", paramLabel = "SNAPSHOT", description = "The snapshot's name.")
        String snapshot;

        @Option(names = "--host", paramLabel = "HOST", description = "Its host, when several have a VM of that name.")
        String host;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the snapshot is for.")
        String description;

        @Option(names = "--json", description = "Print the list as JSON.")
        boolean json;

        Snapshot(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            if (!List.of("create", "list", "revert", "delete").contains(action)) {
                throw new CliException("The snapshot action is create, list, revert or delete.", Cli.USAGE);
            }
            if (!action.equals("list") && snapshot == null) {
                throw new CliException("Name the snapshot: clusterdeck vm snapshot " + action + " VM SNAPSHOT.", Cli.USAGE);
            }
            try (VirtCli v = new VirtCli(cli)) {
                Vm vm = v.vm(name, host);
                VmOperations ops = v.virt.operations();
                List<SnapshotDetails> list = switch (action) {
                    case "create" -> v.await(ops.createSnapshot(vm, snapshot, description));
                    case "revert" -> {
                        v.await(ops.revertSnapshot(vm, snapshot));
                        yield null;
                    }
                    case "delete" -> v.await(ops.deleteSnapshot(vm, snapshot));
                    default -> v.await(ops.snapshots(vm));
                };
                if (list == null) {
                    cli.out().println("Reverted " + vm.name() + " to " + snapshot + ".");
                    return Cli.OK;
                }
                Table t = new Table("NAME", "CREATED", "STATE", "CURRENT", "DESCRIPTION");
                for (SnapshotDetails s : list) {
                    t.row(s.name(), Instant.ofEpochSecond(s.createdEpochSeconds()).toString(), s.state(), s.current(),
                            s.description());
                }
                t.print(cli.out(), json);
                return Cli.OK;
            }
        }
    }

    @Command(name = "clone", description = "Copy a shut-off VM and its disks under a new name.",
            mixinStandardHelpOptions = true)
    static final class Clone implements Callable<Integer> {
        private final Cli cli;

        @Parameters(index = "0", paramLabel = "NAME", description = "The VM to copy.")
        String name;

        @Parameters(index = "1", paramLabel = "NEW-NAME", description = "The copy's name.")
        String newName;

        @Option(names = "--host", paramLabel = "HOST", description = "Its host, when several have a VM of that name.")
        String host;

        Clone(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (VirtCli v = new VirtCli(cli)) {
                Vm vm = v.vm(name, host);
                Vm copy;
                try {
                    copy = v.await(v.virt.operations().cloneVm(vm, newName));
                } catch (org.clusterdeck.virt.VirtException e) {
                    throw VirtCli.usage(e);
                }
                cli.out().println("Cloned " + vm.name() + " as " + copy.name() + ".");
                return Cli.OK;
            }
        }
    }

    @Command(name = "move", description = "Move a VM to another host (offline, or live where libvirt can).",
            mixinStandardHelpOptions = true)
    static final class Move implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "NAME", description = "The VM to move.")
        String name;

        @Option(names = "--to", required = true, paramLabel = "HOST", description = "The target host.")
        String to;

        @Option(names = "--host", paramLabel = "HOST", description = "Its host, when several have a VM of that name.")
        String host;

        Move(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (VirtCli v = new VirtCli(cli)) {
                Vm vm = v.vm(name, host);
                Vm moved = v.await(v.virt.operations().move(vm, v.host(to)));
                cli.out().println("Moved " + moved.name() + " to " + to + ".");
                return Cli.OK;
            }
        }
    }
}
