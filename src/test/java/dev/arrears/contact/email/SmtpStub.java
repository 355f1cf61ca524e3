package dev.arrears.contact.email;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny SMTP server for failures GreenMail does not make: it answers every RCPT TO with a fixed reply (such as
 * {@code 550 5.1.1 unknown user}), or drops the connection once a message's content is in, and counts the DATA
 * commands, that is the messages that went or would have gone.
 */
public final class SmtpStub implements AutoCloseable {

    private final ServerSocket server;
    private final String rcptReply;
    private final boolean dropAfterData;
    private final AtomicInteger rcpts = new AtomicInteger();
    private final AtomicInteger data = new AtomicInteger();

    private SmtpStub(String rcptReply, boolean dropAfterData) throws IOException {
        this.rcptReply = rcptReply;
        this.dropAfterData = dropAfterData;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("smtp-stub").start(this::accept);
    }

    /** Starts a stub on a free loopback port that answers RCPT TO with the given reply line. */
    public static SmtpStub rejecting(String rcptReply) throws IOException {
        return new SmtpStub(rcptReply, false);
    }

    /** Starts a stub that takes a message's content and then drops the connection without answering it. */
    public static SmtpStub droppingAfterData() throws IOException {
        return new SmtpStub("250 2.1.5 ok", true);
    }

    /** Returns the port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    /** Returns how many RCPT TO commands it received. */
    public int rcpts() {
        return rcpts.get();
    }

    /** Returns how many DATA commands it received. */
    public int data() {
        return data.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = socket.getOutputStream()) {
            reply(out, "220 stub ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 stub");
                    case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 ok");
                    case "RCPT" -> {
                        rcpts.incrementAndGet();
                        reply(out, rcptReply);
                    }
                    case "DATA" -> {
                        data.incrementAndGet();
                        reply(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message's content, discarded
                        }
                        if (dropAfterData) {
                            return;
                        }
                        reply(out, "250 2.0.0 queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 2.0.0 bye");
                        return;
                    }
                    default -> reply(out, "502 5.5.2 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
