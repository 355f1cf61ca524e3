package dev.arrears.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The benchmark's light HTTP/1.1 connection against a server socket that answers with canned replies. */
class BenchHttpConnectionTest {

    private static final byte[] BODY = "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.UTF_8);

    /** Serves each accepted connection with the replies in turn, one per request; records what it read. */
    private record Canned(ServerSocket server, List<String> requests, AtomicInteger accepted) {
        static Canned start(List<String> replies) throws IOException {
            ServerSocket server = new ServerSocket(0);
            List<String> requests = new CopyOnWriteArrayList<>();
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger next = new AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket socket = server.accept();
                        accepted.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(socket, replies, next, requests));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            return new Canned(server, requests, accepted);
        }

        private static void serve(Socket socket, List<String> replies, AtomicInteger next, List<String> requests) {
            try (socket) {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream();
                while (true) {
                    StringBuilder request = new StringBuilder();
                    int length = 0;
                    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                        request.append(line).append('\n');
                        if (line.toLowerCase().startsWith("content-length:")) {
                            length = Integer.parseInt(line.substring(15).strip());
                        }
                    }
                    if (request.isEmpty()) {
                        return;
                    }
                    char[] body = new char[length];
                    int read = 0;
                    while (read < length) {
                        read += in.read(body, read, length - read);
                    }
                    requests.add(request + "\n" + new String(body));
                    String reply = replies.get(next.getAndIncrement());
                    out.write(reply.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (reply.contains("Connection: close")) {
                        return;
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }
    }

    @Test
    void postsOnOneKeptAliveConnectionAndReadsLengthAndChunkedBodies() throws Exception {
        Canned server = Canned.start(List.of(
                "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"id\":17}",
                "HTTP/1.1 422 Unprocessable\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\n{\"det\r\n6\r\nail\":1\r\n1\r\n}\r\n0\r\nX-Trailer: t\r\n\r\n",
                "HTTP/1.1 201 Created\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}",
                "HTTP/1.1 204 No Content\r\n\r\n"));
        try (ServerSocket socket = server.server();
             BenchHttpConnection connection = new BenchHttpConnection("localhost", server.server().getLocalPort(),
                     5_000)) {
            BenchHttpConnection.Reply first = connection.post("/api/v1/payments", "Authorization: Bearer t\r\n", BODY);
            BenchHttpConnection.Reply second = connection.post("/api/v1/payments", "", BODY);
            BenchHttpConnection.Reply third = connection.post("/api/v1/payments", "", BODY);
            BenchHttpConnection.Reply fourth = connection.post("/api/v1/payments", "", BODY);

            assertThat(first).isEqualTo(new BenchHttpConnection.Reply(201, "{\"id\":17}"));
            assertThat(second).isEqualTo(new BenchHttpConnection.Reply(422, "{\"detail\":1}"));
            assertThat(third).isEqualTo(new BenchHttpConnection.Reply(201, "{}"));
            assertThat(fourth).isEqualTo(new BenchHttpConnection.Reply(204, ""));
            // three requests on the first connection; the server closed it, so the fourth opened another
            assertThat(server.accepted().get()).isEqualTo(2);
            String request = server.requests().getFirst();
            assertThat(request).startsWith("POST /api/v1/payments HTTP/1.1\n")
                    .contains("Host: localhost:" + server.server().getLocalPort() + "\n")
                    .contains("Authorization: Bearer t\n")
                    .contains("Content-Type: application/json\n")
                    .contains("Content-Length: " + BODY.length + "\n")
                    .endsWith("\n\n{\"a\":\"\u00c3\u00a9\"}"); // the UTF-8 bytes, read back as ISO-8859-1
        }
    }

    @Test
    void aReplyCutShortFailsAndTheNextRequestReconnects() throws Exception {
        Canned server = Canned.start(List.of(
                "HTTP/1.1 201 Created\r\nContent-Length: 50\r\nConnection: close\r\n\r\n{\"short\"",
                "not http at all\r\n\r\n",
                "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}"));
        try (ServerSocket socket = server.server();
             BenchHttpConnection connection = new BenchHttpConnection("localhost", server.server().getLocalPort(),
                     5_000)) {
            assertThatThrownBy(() -> connection.post("/p", "", BODY)).isInstanceOf(IOException.class)
                    .hasMessageContaining("closed inside a body");
            assertThatThrownBy(() -> connection.post("/p", "", BODY)).isInstanceOf(IOException.class)
                    .hasMessageContaining("not an HTTP/1.x status line");
            assertThat(connection.post("/p", "", BODY)).isEqualTo(new BenchHttpConnection.Reply(201, "{}"));
            assertThat(server.accepted().get()).isEqualTo(3);
        }
    }
}
