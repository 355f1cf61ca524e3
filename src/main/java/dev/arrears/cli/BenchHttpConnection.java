package dev.arrears.cli;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One kept-alive HTTP/1.1 connection of the payments benchmark's load generator, for plain {@code http://}: writes a
 * POST and reads the status line, the headers and the body (by {@code Content-Length} or chunked), nothing else. The
 * JDK's HttpClient spends about a quarter of a core at 1,000 requests a second on its asynchronous machinery; on two
 * cores shared with the server under test that is CPU taken from what is measured. Not thread-safe: one request at a
 * time, which is what a pooled connection does. A failed exchange closes the socket; the next one reconnects.
 */
final class BenchHttpConnection implements AutoCloseable {

    /** Status and the first part of the body (enough for an error message). */
    record Reply(int status, String body) {
    }

    private static final int KEPT_BODY = 2_000;

    private final String host;
    private final int port;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    BenchHttpConnection(String host, int port, int timeoutMillis) {
        this.host = host;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
    }

    /** Sends {@code POST path} with the given header lines (each ending in CRLF) and a JSON body; returns the reply. */
    Reply post(String path, String headerLines, byte[] body) throws IOException {
        try {
            if (socket == null) {
                open();
            }
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + headerLines
                    + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(timeoutMillis);
        s.connect(new InetSocketAddress(host, port), timeoutMillis);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        out = new java.io.BufferedOutputStream(s.getOutputStream(), 2048);
    }

    private Reply read() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean closeAfter = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.contains("chunked");
                case "connection" -> closeAfter = value.contains("close");
                default -> {
                }
            }
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        if (status == 204 || status == 304 || status / 100 == 1) {
            // no body
        } else if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                body(size, kept);
                line(); // the CRLF after the chunk
            }
            while (!line().isEmpty()) {
                // trailers
            }
        } else if (length >= 0) {
            body(length, kept);
        } else {
            closeAfter = true; // read to the end
            body(Long.MAX_VALUE, kept);
        }
        if (closeAfter) {
            close();
        }
        return new Reply(status, kept.toString(StandardCharsets.UTF_8));
    }

    private long chunkSize() throws IOException {
        String sizeLine = line();
        int semicolon = sizeLine.indexOf(';');
        return Long.parseLong((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
    }

    /** Reads {@code length} bytes (or to the end of the stream for Long.MAX_VALUE), keeping the first few. */
    private void body(long length, ByteArrayOutputStream kept) throws IOException {
        byte[] buffer = new byte[4096];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("the connection closed inside a body");
            }
            int keep = Math.min(n, KEPT_BODY - kept.size());
            if (keep > 0) {
                kept.write(buffer, 0, keep);
            }
            left -= n;
        }
    }

    /** Reads one line (ISO-8859-1) without its CRLF. */
    private String line() throws IOException {
        StringBuilder text = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the connection closed inside a reply");
            }
            if (b == '\n') {
                int end = text.length();
                if (end > 0 && text.charAt(end - 1) == '\r') {
                    text.setLength(end - 1);
                }
                return text.toString();
            }
            text.append((char) b);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
