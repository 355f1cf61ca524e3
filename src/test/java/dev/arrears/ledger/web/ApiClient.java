package dev.arrears.ledger.web;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A small HTTP client for the API tests: JSON in, status, content type and parsed JSON out. */
final class ApiClient {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String authorization;

    ApiClient(int port, String username, String password) {
        this.base = "http://localhost:" + port;
        this.authorization = username == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A response: status, content type (or "") and the body parsed as JSON (null when not JSON). */
    record Response(int status, String contentType, String text, JsonNode json) {

        /** Returns the JSON Pointers of the problem's errors. */
        java.util.List<String> pointers() {
            return json.get("errors").valueStream().map(e -> e.get("pointer").asString()).toList();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + text;
        }
    }

    Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response get(String path, String accept) {
        return send(request(path).setHeader("Accept", accept).GET());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept",
                "application/json, application/problem+json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = null;
            if (contentType.contains("json") && !response.body().isEmpty()) {
                json = MAPPER.readTree(response.body());
            }
            return new Response(response.statusCode(), contentType, response.body(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
