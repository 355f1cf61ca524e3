package dev.arrears.contact.sms;

import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.PDUReader;
import org.jsmpp.PDUSender;
import org.jsmpp.session.connection.socket.SocketConnection;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A jSMPP socket connection whose PDUs are written one whole PDU at a time under a {@link ReentrantLock}, for
 * sessions built with {@link #sender()} (jSMPP's own sender without its monitor).
 *
 * <p>Why: jSMPP's default {@code SynchronizedPDUSender} serialises writes with {@code synchronized} on the socket's
 * stream. At thousands of PDUs a second the ESME's submitters (one virtual thread per outstanding submit), its
 * deliver_sm_resp and the simulator's receipts all write to one socket; contended monitors spin before they block,
 * and a profile of {@code arrears bench dispatch --channel sms} spent a fifth of the JVM's CPU there. A
 * {@code ReentrantLock} parks a waiting (virtual) thread at once. The bytes on the wire are the same: every
 * {@code write} call of jSMPP's {@code DefaultPDUSender} is one whole PDU (it composes first, then writes once and
 * flushes), each written in one call to the socket under the lock, so PDUs never interleave and a write that fails
 * has put no whole PDU on the wire, exactly as before.
 */
final class SmppConnection extends SocketConnection {

    private final OutputStream pdus;

    /** Wraps a connected socket. */
    SmppConnection(Socket socket) throws IOException {
        super(socket);
        this.pdus = new PduStream(super.getOutputStream());
    }

    /** Returns the PDU sender for sessions on these connections: jSMPP's own, unsynchronised. */
    static PDUSender sender() {
        return new DefaultPDUSender();
    }

    /** Returns jSMPP's PDU reader (one per session). */
    static PDUReader reader() {
        return new DefaultPDUReader();
    }

    @Override
    public OutputStream getOutputStream() {
        return pdus;
    }

    /** Writes each call whole under a lock; the socket's stream is unbuffered, so flush has nothing to wait for. */
    static final class PduStream extends OutputStream {

        private final OutputStream socket;
        private final ReentrantLock lock = new ReentrantLock();

        PduStream(OutputStream socket) {
            this.socket = socket;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            lock.lock();
            try {
                socket.write(b, off, len);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void flush() throws IOException {
            lock.lock();
            try {
                socket.flush();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
