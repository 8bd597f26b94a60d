package dev.powerpages.emulator.store.webapi;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The state a {@code $skiptoken} carries from one page to the next. Dataverse's skip tokens are
 * opaque to clients (a URL-encoded paging cookie); the emulator's are base64url text holding the
 * page number, the resume position and, for change-tracking reads, the change-token range, so that
 * the last page can hand out the {@code @odata.deltaLink} of the first.
 *
 * @param page          the number of the page this token asks for (2 for the first nextLink)
 * @param offset        rows to skip, when an explicit $orderby forbids keyset paging
 * @param afterId       the last primary key of the previous page (keyset paging in key order)
 * @param changedAfter  for a delta read: the change token of the deltaLink being followed, else null
 * @param deltaToken    for change-tracking reads: the token the last page's deltaLink will carry, else null
 */
record PageToken(int page, int offset, UUID afterId, Long changedAfter, Long deltaToken) {

    String encode() {
        StringBuilder text =
                new StringBuilder("page=").append(page).append(";offset=").append(offset);
        if (afterId != null) {
            text.append(";after=").append(afterId);
        }
        if (changedAfter != null) {
            text.append(";since=").append(changedAfter);
        }
        if (deltaToken != null) {
            text.append(";delta=").append(deltaToken);
        }
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    static PageToken decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token.trim()), StandardCharsets.UTF_8);
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : text.split(";")) {
                String[] pair = field.split("=", 2);
                if (pair.length != 2) {
                    throw new IllegalArgumentException(field);
                }
                fields.put(pair[0], pair[1]);
            }
            int page = Integer.parseInt(fields.get("page"));
            int offset = Integer.parseInt(fields.get("offset"));
            if (page < 2 || offset < 0) {
                throw new IllegalArgumentException(text);
            }
            return new PageToken(
                    page,
                    offset,
                    fields.containsKey("after") ? UUID.fromString(fields.get("after")) : null,
                    fields.containsKey("since") ? Long.valueOf(fields.get("since")) : null,
                    fields.containsKey("delta") ? Long.valueOf(fields.get("delta")) : null);
        } catch (RuntimeException e) {
            throw DataverseException.badQuery(
                    "The $skiptoken value '" + token + "' is not valid. Use the @odata.nextLink of the previous page.");
        }
    }
}
