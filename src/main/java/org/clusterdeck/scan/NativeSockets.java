package org.clusterdeck.scan;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The few Linux socket calls the port scanner makes, straight to libc through JNA (direct
 * mapping). Why not NIO: a refused connect is a {@code ConnectException} with a stack trace,
 * and NIO adds two fcntl(2) and a poll(2) per socket; at 65,535 ports that was most of the
 * scan's CPU (1.1 s user, 2.1 s system per full scan of loopback against 0.15 s and 1.6 s this
 * way). Here a closed port costs socket(2) (non-blocking already), connect(2),
 * getsockopt(SO_ERROR) and close(2), and no object. Linux only, as ClusterDeck.
 */
final class NativeSockets {
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ERROR = 4;
    private static final int SO_LINGER = 13;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x1;
    static final int EPOLLOUT = 0x4;
    private static final int EPOLL_CLOEXEC = 0x80000;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int EADDRNOTAVAIL = 99;
    static final int ETIMEDOUT = 110;
    static final int ECONNREFUSED = 111;
    static final int EINPROGRESS = 115;
    /** struct epoll_event is packed on x86 (4 + 8 bytes), naturally aligned elsewhere (4 + 4 padding + 8). */
    private static final int EPOLL_EVENT_SIZE = Platform.isIntel() ? 12 : 16;
    private static final int EPOLL_DATA_OFFSET = Platform.isIntel() ? 4 : 8;

    private static final Throwable UNAVAILABLE;

    static {
        Throwable failure = null;
        try {
            Native.register(NativeSockets.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        } catch (Throwable t) { // UnsatisfiedLinkError, NoClassDefFoundError: no libc or no JNA native part
            failure = t;
        }
        UNAVAILABLE = failure;
    }

    private NativeSockets() {
    }

    /** Throws, saying why, when the calls cannot be made on this system (not Linux, JNA's native part missing). */
    static void require() throws IOException {
        if (UNAVAILABLE != null) {
            throw new IOException("the port scanner needs Linux socket calls through JNA, which failed to load here: "
                    + UNAVAILABLE.getMessage(), UNAVAILABLE);
        }
    }

    static native int socket(int domain, int type, int protocol);

    static native int connect(int fd, Pointer address, int length);

    static native int bind(int fd, Pointer address, int length);

    static native int getsockopt(int fd, int level, int name, int[] value, int[] length);

    static native int setsockopt(int fd, int level, int name, int[] value, int length);

    static native int getsockname(int fd, Pointer address, int[] length);

    static native int read(int fd, byte[] buffer, long count);

    static native int close(int fd);

    static native int epoll_create1(int flags);

    static native int epoll_ctl(int epfd, int op, int fd, Pointer event);

    static native int epoll_wait(int epfd, Pointer events, int maxEvents, int timeoutMs);

    /** A non-blocking TCP socket of the address's family; -errno on failure. */
    static int tcpSocket(int family) {
        int fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        return fd >= 0 ? fd : -Native.getLastError();
    }

    /** connect(2): 0 when connected at once, else the errno (EINPROGRESS: the answer comes later). */
    static int connect(int fd, SocketAddress address) {
        return connect(fd, address.memory, address.length) == 0 ? 0 : Native.getLastError();
    }

    /** The socket's pending error (0: none); reading it clears it. */
    static int pendingError(int fd, int[] scratch, int[] length) {
        length[0] = 4;
        if (getsockopt(fd, SOL_SOCKET, SO_ERROR, scratch, length) != 0) {
            return Native.getLastError();
        }
        return scratch[0];
    }

    /** SO_LINGER 0: close(2) sends a reset, so no TIME_WAIT is left behind per open port (as nmap does). */
    static void resetOnClose(int fd) {
        setsockopt(fd, SOL_SOCKET, SO_LINGER, new int[] {1, 0}, 8);
    }

    /** read(2) of at most {@code count} bytes into {@code buffer}: the bytes read, 0 at the end, or -errno. */
    static int readInto(int fd, byte[] buffer, int count) {
        int n = read(fd, buffer, count);
        return n >= 0 ? n : -Native.getLastError();
    }

    /** One epoll set and the buffer its events arrive in; the data of each registration is the socket. */
    static final class Epoll implements AutoCloseable {
        private final int fd;
        private final Memory event = new Memory(EPOLL_EVENT_SIZE);
        private final Memory events;
        private final int capacity;

        Epoll(int capacity) throws IOException {
            this.capacity = capacity;
            events = new Memory((long) capacity * EPOLL_EVENT_SIZE);
            fd = epoll_create1(EPOLL_CLOEXEC);
            if (fd < 0) {
                throw new IOException("epoll_create1 failed, errno " + Native.getLastError());
            }
        }

        /** Adds {@code socket} (or changes its events when {@code registered}); 0 or the errno. */
        int watch(int socket, int interest, boolean registered) {
            event.setInt(0, interest);
            event.setLong(EPOLL_DATA_OFFSET, socket);
            return epoll_ctl(fd, registered ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, socket, event) == 0 ? 0 : Native.getLastError();
        }

        /** Waits up to {@code timeoutMs} for events; how many arrived (0 when interrupted by a signal). */
        int await(int timeoutMs) throws IOException {
            int n = epoll_wait(fd, events, capacity, timeoutMs);
            if (n < 0) {
                int err = Native.getLastError();
                if (err != EINTR) {
                    throw new IOException("epoll_wait failed, errno " + err);
                }
                return 0;
            }
            return n;
        }

        /** The socket of the {@code i}-th event of the last {@link #await}. */
        int socket(int i) {
            return (int) events.getLong((long) i * EPOLL_EVENT_SIZE + EPOLL_DATA_OFFSET);
        }

        @Override
        public void close() {
            NativeSockets.close(fd);
        }
    }

    /**
     * True when the connected socket's own address is {@code target} at {@code port}: a connect to
     * a port of the local ephemeral range on a local address can be given that same port as its
     * source, and TCP's simultaneous open then connects the socket to itself. It looks open;
     * nothing listens.
     */
    static boolean selfConnected(int fd, SocketAddress target, int port) {
        Memory local = new Memory(28);
        int[] len = {28};
        if (getsockname(fd, local, len) != 0 || len[0] != target.length) {
            return false;
        }
        int localPort = ((local.getByte(2) & 0xff) << 8) | (local.getByte(3) & 0xff);
        int offset = target.family == AF_INET6 ? 8 : 4;
        int size = target.family == AF_INET6 ? 16 : 4;
        return localPort == port && java.util.Arrays.equals(local.getByteArray(offset, size), target.memory.getByteArray(offset, size));
    }

    /** bind(2) to {@code address} (its port as last set); 0 or the errno. */
    static int bind(int fd, SocketAddress address) {
        return bind(fd, address.memory, address.length) == 0 ? 0 : Native.getLastError();
    }

    /** A sockaddr_in or sockaddr_in6 for one address; the port is set before each connect. */
    static final class SocketAddress {
        final Memory memory;
        final int length;
        final int family;

        SocketAddress(InetAddress address) {
            byte[] a = address.getAddress();
            boolean v6 = address instanceof Inet6Address;
            family = v6 ? AF_INET6 : AF_INET;
            length = v6 ? 28 : 16;
            memory = new Memory(length);
            memory.clear();
            memory.setShort(0, (short) family); // sa_family is in host order
            memory.write(v6 ? 8 : 4, a, 0, a.length);
            if (v6) {
                memory.setInt(24, ((Inet6Address) address).getScopeId());
            }
        }

        /** Sets the port (network byte order). */
        SocketAddress port(int port) {
            memory.setByte(2, (byte) (port >>> 8));
            memory.setByte(3, (byte) port);
            return this;
        }
    }
}
