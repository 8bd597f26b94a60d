package dev.powerpages.emulator.gateway.cdn;

import java.util.List;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * Front Door's purge content paths: a full path ({@code /css/site.css}, every query string of it),
 * or a wildcard ending in {@code /*} that purges everything under the folder ({@code /*}: all).
 */
final class Purge {

    private Purge() {}

    static Predicate<String> matcher(List<String> contentPaths) {
        if (contentPaths == null || contentPaths.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "contentPaths must list at least one path.");
        }
        Predicate<String> any = path -> false;
        for (String contentPath : contentPaths) {
            if (contentPath == null || !contentPath.startsWith("/")) {
                throw new ResponseStatusException(
                        HttpStatus.BAD_REQUEST, "Each content path must start with '/': " + contentPath);
            }
            if (contentPath.endsWith("/*")) {
                String folder = contentPath.substring(0, contentPath.length() - 1);
                any = any.or(path -> path.startsWith(folder));
            } else if (contentPath.contains("*")) {
                throw new ResponseStatusException(
                        HttpStatus.BAD_REQUEST,
                        "A wildcard is only allowed as the last segment ('/folder/*'): " + contentPath);
            } else {
                any = any.or(path -> path.equalsIgnoreCase(contentPath));
            }
        }
        return any;
    }
}
