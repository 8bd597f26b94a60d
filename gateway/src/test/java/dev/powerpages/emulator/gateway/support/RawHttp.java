package dev.powerpages.emulator.gateway.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, for requests no well-behaved client sends (request lines and
 * headers beyond every limit, raw bytes, truncated bodies). The request should carry
 * {@code Connection: close}; the answer is read until the server closes or the timeout passes,
 * which is reported as a hang rather than hidden.
 */
public final class RawHttp {

    private RawHttp() {}

    /**
     * @param status the status code, 0 if the server closed without answering, -1 if it did not
     * answer within the timeout (a hang)
     */
    public record Response(int status, Map<String, String> headers, String body, long millis) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public static Response send(int port, String head, byte[] body, Duration timeout) {
        return send(port, concat(head.getBytes(StandardCharsets.UTF_8), body == null ? new byte[0] : body), timeout);
    }

    public static Response send(int port, byte[] request, Duration timeout) {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                // In pieces: a server that answers early and closes makes the rest of the write fail.
                for (int offset = 0; offset < request.length; offset += 65536) {
                    out.write(request, offset, Math.min(65536, request.length - offset));
                }
                out.flush();
            } catch (IOException closedEarly) {
                // Read what the server answered before it closed.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException hang) {
                if (answer.size() == 0) {
                    return new Response(-1, Map.of(), "", millis(start));
                }
            } catch (IOException reset) {
                // Connection reset after (or instead of) an answer.
            }
            return parse(answer.toString(StandardCharsets.ISO_8859_1), millis(start));
        } catch (IOException ex) {
            return new Response(0, Map.of(), ex.toString(), millis(start));
        }
    }

    private static Response parse(String text, long millis) {
        if (!text.startsWith("HTTP/")) {
            return new Response(0, Map.of(), text, millis);
        }
        int headEnd = text.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? text : text.substring(0, headEnd);
        String body = headEnd < 0 ? "" : text.substring(headEnd + 4);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(
                        lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
        }
        return new Response(
                status,
                headers,
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                millis);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
