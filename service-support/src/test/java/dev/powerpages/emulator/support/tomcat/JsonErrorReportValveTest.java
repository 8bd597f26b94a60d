package dev.powerpages.emulator.support.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;

/** A real Tomcat on an ephemeral port, customized as a service customizes its own. */
class JsonErrorReportValveTest {

    private final JsonErrorReportValve.ErrorBody body = (path, status, message) ->
            "{\"error\":{\"code\":\"Status" + status + "\",\"path\":\"" + path + "\",\"message\":\"" + message + "\"}}";
    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void headersBeyondTomcatsCeilingGetTheServicesJsonBodyAndHeadersWithoutNamingTheServer() throws IOException {
        start();

        String answer = raw("GET /things HTTP/1.1\r\nHost: localhost\r\nX-Huge: " + "x".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer)
                .startsWith("HTTP/1.1 400")
                .containsIgnoringCase("Content-Type: application/json;charset=utf-8")
                .contains("X-Test: yes")
                .contains("{\"error\":{\"code\":\"Status400\",")
                .contains("\"message\":\"The request was rejected by the server (HTTP 400): its URL or headers are "
                        + "malformed or longer than the server accepts.\"}}")
                .doesNotContainIgnoringCase("tomcat")
                .doesNotContain("<html");
    }

    @Test
    void anErrorTheApplicationSendsWithoutABodyIsReportedWithItsPathAndStatus() throws IOException {
        start();

        String answer = raw("GET /fail/here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(answer)
                .startsWith("HTTP/1.1 418")
                .contains("X-Test: yes")
                .endsWith(
                        "{\"error\":{\"code\":\"Status418\",\"path\":\"/fail/here\",\"message\":\"The request was rejected "
                                + "by the server (HTTP 418): its URL or headers are malformed or longer than the server accepts.\"}}");
    }

    @Test
    void eachTomcatTheFactoryBuildsGetsAValveOfItsOwn() throws IOException {
        TomcatServletWebServerFactory factory = factory();
        WebServer first = factory.getWebServer(this::addFailingServlet);
        first.start();
        first.stop();
        server = factory.getWebServer(this::addFailingServlet);
        server.start();

        assertThat(raw("GET /fail HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"))
                .contains("\"code\":\"Status418\"");
    }

    private void start() {
        server = factory().getWebServer(this::addFailingServlet);
        server.start();
    }

    private TomcatServletWebServerFactory factory() {
        TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
        JsonErrorReportValve.customizer(body, Map.of("X-Test", "yes")).customize(factory);
        return factory;
    }

    private void addFailingServlet(jakarta.servlet.ServletContext context) {
        context.addServlet("fail", new HttpServlet() {
                    @Override
                    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                        response.sendError(418);
                    }
                })
                .addMapping("/fail/*");
    }

    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
