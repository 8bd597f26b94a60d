package dev.powerpages.emulator.appnode.webapi;

import dev.powerpages.emulator.appnode.antiforgery.AntiForgery;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /_layout/tokenhtml}: the hidden input with the visitor's anti-forgery token that Power Pages' page
 * script ({@code shell.getTokenDeferred()}, which Microsoft's {@code safeAjax} wrapper calls) fetches before a Web
 * API call, setting the cookie token when the browser has none. {@code GET /_layout/shell.js} is the emulator's
 * {@code shell.getTokenDeferred()} for pages the platform's own scripts do not wrap (see docs/app-node.md).
 */
@RestController
class AntiForgeryController {

    private final AntiForgery antiForgery;

    AntiForgeryController(AntiForgery antiForgery) {
        this.antiForgery = antiForgery;
    }

    @GetMapping("/_layout/tokenhtml")
    ResponseEntity<String> tokenHtml(HttpServletRequest request) {
        String cookieToken = antiForgery.cookieToken(request);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .cacheControl(CacheControl.noStore().cachePrivate())
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8));
        if (cookieToken == null) {
            cookieToken = antiForgery.newCookieToken();
            answer.header(
                    HttpHeaders.SET_COOKIE,
                    antiForgery.cookie(cookieToken, request.isSecure()).toString());
        }
        return answer.body("<input name=\"" + AntiForgery.NAME + "\" type=\"hidden\" value=\""
                + antiForgery.requestToken(cookieToken, request) + "\" />");
    }

    @GetMapping("/_layout/shell.js")
    ResponseEntity<String> shell() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noCache())
                .contentType(new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8))
                .body(SHELL);
    }

    /**
     * Written for the emulator (no platform code): {@code shell.getTokenDeferred()} answers a jQuery Deferred when
     * jQuery is on the page, else an object with the same {@code done}/{@code fail}/{@code then}, resolved with the
     * token read from {@code /_layout/tokenhtml}.
     */
    static final String SHELL = """
            (function (window) {
              'use strict';
              var shell = window.shell = window.shell || {};
              function deferred() {
                if (window.jQuery && window.jQuery.Deferred) { return window.jQuery.Deferred(); }
                var done = [], fail = [], state = 'pending', args;
                var d = {
                  resolve: function () { if (state === 'pending') { state = 'resolved'; args = arguments; done.forEach(function (f) { f.apply(null, args); }); } return d; },
                  reject: function () { if (state === 'pending') { state = 'rejected'; args = arguments; fail.forEach(function (f) { f.apply(null, args); }); } return d; },
                  rejectWith: function (context, list) { return d.reject.apply(d, list || []); },
                  done: function (f) { if (state === 'resolved') { f.apply(null, args); } else if (state === 'pending') { done.push(f); } return d; },
                  fail: function (f) { if (state === 'rejected') { f.apply(null, args); } else if (state === 'pending') { fail.push(f); } return d; },
                  then: function (ok, ko) { return d.done(ok || function () {}).fail(ko || function () {}); },
                  promise: function () { return d; }
                };
                return d;
              }
              shell.getTokenDeferred = function () {
                var result = deferred();
                window.fetch('/_layout/tokenhtml', { credentials: 'same-origin', cache: 'no-store' })
                  .then(function (response) { if (!response.ok) { throw new Error('HTTP ' + response.status); } return response.text(); })
                  .then(function (html) {
                    var match = /value="([^"]*)"/.exec(html);
                    if (match) { result.resolve(match[1]); } else { result.reject(new Error('no token in /_layout/tokenhtml')); }
                  })
                  .catch(function (error) { result.reject(error); });
                return result.promise();
              };
              if (typeof window.validateLoginSession !== 'function') {
                window.validateLoginSession = function (data, textStatus, jqXHR, resolve) { resolve(data, textStatus, jqXHR); };
              }
            })(window);
            """;
}
