package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.support.error.ErrorEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.ObjectMapper;

/**
 * {@code POST /api/data/v9.2/$batch} as Dataverse documents it ("Execute batch operations using the
 * Web API"): a multipart/mixed body of {@code application/http} requests and change sets; the
 * answer is multipart/mixed with boundaries named {@code batchresponse_<guid>} and
 * {@code changesetresponse_<guid>}. A change set commits or rolls back as a whole, and when one of
 * its requests fails the answer for the change set is that failure alone. Later requests of a
 * change set may refer to a row created earlier in it by {@code $<Content-ID>}. Outside change sets,
 * the batch stops at the first failure unless {@code Prefer: odata.continue-on-error}.
 * Each request runs through the same controller methods, privileges and errors as a direct call.
 */
@RestController
@RequestMapping(WebApiController.BASE_PATH)
class BatchController {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern REQUEST_LINE =
            Pattern.compile("(GET|POST|PATCH|PUT|DELETE)\\s+(\\S+)(?:\\s+HTTP/1\\.[01])?");
    /** A Content-ID reference: the whole URL, or its start ({@code $1/contact_customer_accounts/$ref}). */
    private static final Pattern URL_REFERENCE = Pattern.compile("^\\$(\\d+)");
    /** A Content-ID reference as a JSON string value, e.g. {@code "x@odata.bind":"$1"}. */
    private static final Pattern BODY_REFERENCE = Pattern.compile("\"\\$(\\d+)\"");

    private final WebApiController api;
    private final RowStore rows;
    private final ObjectMapper mapper;

    BatchController(WebApiController api, RowStore rows, ObjectMapper mapper) {
        this.api = api;
        this.rows = rows;
        this.mapper = mapper;
    }

    /** One request of the batch and where it sits. */
    private record Part(String method, String target, Map<String, String> headers, String body, String contentId) {}

    /** A request's answer, ready to be written as an application/http part. */
    private record Answer(int status, HttpHeaders headers, String body, String contentId) {}

    /** Thrown inside a change set's transaction to roll it back, carrying the failing request's answer. */
    private static final class ChangeSetFailed extends RuntimeException {
        private final Answer answer;

        ChangeSetFailed(Answer answer) {
            super(null, null, false, false);
            this.answer = answer;
        }
    }

    @PostMapping("/$batch")
    ResponseEntity<byte[]> batch(
            @RequestHeader(HttpHeaders.CONTENT_TYPE) String contentType,
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = "Prefer", required = false) String prefer,
            @AuthenticationPrincipal Jwt caller) {
        String boundary = boundary(contentType);
        boolean continueOnError = prefer != null && prefer.contains("odata.continue-on-error");
        String responseBoundary = "batchresponse_" + UUID.randomUUID();
        StringBuilder out = new StringBuilder();
        for (String rawPart : split(text(body), boundary)) {
            Map<String, String> partHeaders = new HashMap<>();
            String content = headers(rawPart, partHeaders);
            String partType = partHeaders.getOrDefault("content-type", "");
            out.append("--").append(responseBoundary).append("\r\n");
            if (partType.startsWith("multipart/mixed")) {
                List<Part> changeSet = new ArrayList<>();
                for (String inner : split(content, boundary(partType))) {
                    changeSet.add(request(inner));
                }
                List<Answer> answers;
                try {
                    answers = rows.inTransaction(() -> runChangeSet(changeSet, caller));
                } catch (ChangeSetFailed failed) {
                    write(out, failed.answer);
                    if (!continueOnError) {
                        break;
                    }
                    continue;
                }
                String changeSetBoundary = "changesetresponse_" + UUID.randomUUID();
                out.append("Content-Type: multipart/mixed; boundary=")
                        .append(changeSetBoundary)
                        .append("\r\n\r\n");
                for (Answer answer : answers) {
                    out.append("--").append(changeSetBoundary).append("\r\n");
                    write(out, answer);
                }
                out.append("--").append(changeSetBoundary).append("--\r\n");
            } else {
                Answer answer = execute(request(rawPart), caller, Map.of());
                write(out, answer);
                if (answer.status() >= 400 && !continueOnError) {
                    break;
                }
            }
        }
        out.append("--").append(responseBoundary).append("--\r\n");
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, "multipart/mixed; boundary=" + responseBoundary)
                .body(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private List<Answer> runChangeSet(List<Part> changeSet, Jwt caller) {
        Map<String, String> created = new HashMap<>();
        List<Answer> answers = new ArrayList<>();
        for (Part part : changeSet) {
            if (part.method().equals("GET")) {
                throw new ChangeSetFailed(failure(
                        DataverseException.badQuery("A change set may not contain GET requests."), part.contentId()));
            }
            Answer answer = execute(part, caller, created);
            if (answer.status() >= 400) {
                throw new ChangeSetFailed(answer);
            }
            if (part.contentId() != null && answer.headers().getFirst("OData-EntityId") != null) {
                created.put(part.contentId(), answer.headers().getFirst("OData-EntityId"));
            }
            answers.add(answer);
        }
        return answers;
    }

    /** Runs one request through the Web API controller; failures become Dataverse error answers. */
    private Answer execute(Part part, Jwt caller, Map<String, String> created) {
        try {
            String target = resolve(URL_REFERENCE, part.target(), created, "");
            String body = part.body() == null ? null : resolve(BODY_REFERENCE, part.body(), created, "\"");
            var uri = UriComponentsBuilder.fromUriString(target).build();
            List<String> segments = uri.getPathSegments();
            String resource = segments.isEmpty() ? "" : decode(segments.get(segments.size() - 1));
            if (!target.contains(WebApiController.BASE_PATH) && segments.size() > 1 || resource.isEmpty()) {
                throw DataverseException.resourceNotFound(target);
            }
            Map<String, String> query = new LinkedHashMap<>();
            uri.getQueryParams().forEach((name, values) -> query.put(decode(name), decode(values.get(0))));
            byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            String prefer = part.headers().get("prefer");
            ResponseEntity<?> response = switch (part.method()) {
                case "GET" -> {
                    HttpHeaders headers = new HttpHeaders();
                    if (prefer != null) {
                        headers.add("Prefer", prefer);
                    }
                    yield api.get(resource, query, caller, headers);
                }
                case "POST" -> api.create(resource, bytes, prefer, caller);
                case "PATCH", "PUT" ->
                    api.update(
                            resource,
                            bytes,
                            part.headers().get("if-match"),
                            part.headers().get("if-none-match"),
                            prefer,
                            caller);
                default -> api.delete(resource, caller);
            };
            return new Answer(
                    response.getStatusCode().value(),
                    response.getHeaders(),
                    response.getBody() == null ? null : mapper.writeValueAsString(response.getBody()),
                    part.contentId());
        } catch (DataverseException e) {
            return failure(e, part.contentId());
        } catch (ChangeSetFailed e) {
            throw e;
        } catch (RuntimeException e) {
            return failure(DataverseException.badPayload("batch", e.getMessage()), part.contentId());
        }
    }

    private Answer failure(DataverseException e, String contentId) {
        ResponseEntity<ErrorEnvelope> error = WebApiExceptionHandler.error(e.status(), e.code(), e.getMessage());
        return new Answer(
                error.getStatusCode().value(),
                error.getHeaders(),
                mapper.writeValueAsString(error.getBody()),
                contentId);
    }

    private static void write(StringBuilder out, Answer answer) {
        out.append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n");
        if (answer.contentId() != null) {
            out.append("Content-ID: ").append(answer.contentId()).append("\r\n");
        }
        HttpStatus status = HttpStatus.resolve(answer.status());
        out.append("\r\nHTTP/1.1 ")
                .append(answer.status())
                .append(' ')
                .append(status == null ? "" : status.getReasonPhrase())
                .append("\r\n");
        answer.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(
                        value -> out.append(name).append(": ").append(value).append("\r\n"));
            }
        });
        if (answer.body() != null) {
            out.append("Content-Type: application/json; odata.metadata=minimal\r\n\r\n")
                    .append(answer.body())
                    .append("\r\n");
        } else {
            out.append("\r\n");
        }
    }

    /** {@code $1} (alone or as the start of a URL or bind value) becomes the URL of the row created by Content-ID 1. */
    private static String resolve(Pattern reference, String text, Map<String, String> created, String quote) {
        if (created.isEmpty()) {
            return text;
        }
        Matcher matcher = reference.matcher(text);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String url = created.get(matcher.group(1));
            matcher.appendReplacement(
                    resolved, Matcher.quoteReplacement(url == null ? matcher.group() : quote + url + quote));
        }
        return matcher.appendTail(resolved).toString();
    }

    private Part request(String rawPart) {
        Map<String, String> partHeaders = new HashMap<>();
        String http = headers(rawPart, partHeaders);
        Map<String, String> headers = new HashMap<>();
        String afterLine = http.contains("\n") ? http.substring(http.indexOf('\n') + 1) : "";
        String line =
                http.contains("\n") ? http.substring(0, http.indexOf('\n')).trim() : http.trim();
        Matcher matcher = REQUEST_LINE.matcher(line);
        if (!matcher.matches()) {
            throw DataverseException.badPayload(
                    "batch", "The batch part does not start with an HTTP request line: '" + line + "'.");
        }
        String body = headers(afterLine, headers).strip();
        return new Part(
                matcher.group(1),
                matcher.group(2),
                headers,
                body.isEmpty() ? null : body,
                partHeaders.get("content-id"));
    }

    /** Reads "Name: value" lines up to the first blank line into lower-cased names; returns what follows. */
    private static String headers(String text, Map<String, String> into) {
        String normalized = text.replace("\r\n", "\n");
        int start = 0;
        while (start < normalized.length() && normalized.charAt(start) == '\n') {
            start++;
        }
        int end = normalized.indexOf("\n\n", start);
        String block = end < 0 ? normalized.substring(start) : normalized.substring(start, end);
        for (String header : block.split("\n")) {
            int colon = header.indexOf(':');
            if (colon > 0) {
                into.put(
                        header.substring(0, colon).trim().toLowerCase(java.util.Locale.ROOT),
                        header.substring(colon + 1).trim());
            }
        }
        return end < 0 ? "" : normalized.substring(end + 2);
    }

    private static List<String> split(String body, String boundary) {
        List<String> parts = new ArrayList<>();
        String[] pieces = body.replace("\r\n", "\n").split("(?m)^--" + Pattern.quote(boundary) + "(?:--)?\\s*$");
        for (int i = 1; i < pieces.length; i++) {
            if (!pieces[i].isBlank()) {
                parts.add(pieces[i]);
            }
        }
        return parts;
    }

    private static String boundary(String contentType) {
        Matcher matcher = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (matcher == null || !contentType.startsWith("multipart/mixed") || !matcher.find()) {
            throw DataverseException.badPayload(
                    "batch", "A $batch request needs Content-Type: multipart/mixed with a boundary.");
        }
        return matcher.group(1);
    }

    private static String text(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
