package org.clusterdeck.model;

/** A virtual machine on a host. {@code role} is what it does in the cluster: web, lb, db or app. */
public record Vm(
        long id,
        long hostId,
        String name,
        String uuid,
        VmState state,
        int vcpus,
        long memoryMib,
        long diskGib,
        String role,
        String address,
        boolean autostart,
        String notes) {

    public Vm withId(long newId) {
        return new Vm(newId, hostId, name, uuid, state, vcpus, memoryMib, diskGib, role, address,
                autostart, notes);
    }

    public Vm withState(VmState newState) {
        return new Vm(id, hostId, name, uuid, newState, vcpus, memoryMib, diskGib, role, address,
                autostart, notes);
    }
}
