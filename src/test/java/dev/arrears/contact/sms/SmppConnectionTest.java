package dev.arrears.contact.sms;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection's PDU stream: writes from many threads reach the socket whole, never interleaved. */
class SmppConnectionTest {

    private static final int WRITERS = 8;
    private static final int PDUS_EACH = 300;
    private static final int PDU_BYTES = 48;

    /** A socket stand-in that takes one byte at a time and yields between them, as a slow socket may. */
    private static final class ByteAtATime extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            synchronized (bytes) {
                bytes.write(b);
            }
            Thread.yield();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        byte[] written() {
            synchronized (bytes) {
                return bytes.toByteArray();
            }
        }
    }

    @Test
    void everyPduFromConcurrentWritersReachesTheSocketWhole() throws Exception {
        ByteAtATime socket = new ByteAtATime();
        SmppConnection.PduStream stream = new SmppConnection.PduStream(socket);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            byte[] pdu = new byte[PDU_BYTES];
            Arrays.fill(pdu, (byte) (w + 1));
            writers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < PDUS_EACH; i++) {
                        stream.write(pdu);
                        stream.flush();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        byte[] written = socket.written();
        assertThat(written).hasSize(WRITERS * PDUS_EACH * PDU_BYTES);
        int[] perWriter = new int[WRITERS + 1];
        for (int at = 0; at < written.length; at += PDU_BYTES) {
            byte first = written[at];
            for (int i = at; i < at + PDU_BYTES; i++) {
                assertThat(written[i]).as("byte %d of the PDU starting at %d", i - at, at).isEqualTo(first);
            }
            perWriter[first]++;
        }
        for (int w = 1; w <= WRITERS; w++) {
            assertThat(perWriter[w]).as("PDUs of writer %d", w).isEqualTo(PDUS_EACH);
        }
    }
}
