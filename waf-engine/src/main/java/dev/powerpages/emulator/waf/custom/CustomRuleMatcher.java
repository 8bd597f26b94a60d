package dev.powerpages.emulator.waf.custom;

import dev.powerpages.emulator.waf.engine.Transformations;
import dev.powerpages.emulator.waf.engine.WafRequest;
import dev.powerpages.emulator.waf.policy.IpRange;
import dev.powerpages.emulator.waf.policy.WafPolicy.CustomRule;
import dev.powerpages.emulator.waf.policy.WafPolicy.MatchCondition;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A custom rule compiled for evaluation, with Front Door's semantics: every match condition must
 * hold (AND), a condition holds when any of its match values matches (OR) the variable after its
 * transforms, {@code negateCondition} inverts it. LessThan/GreaterThan(OrEqual) compare the
 * value's length, as Front Door's size constraints do.
 */
public final class CustomRuleMatcher {

    private final CustomRule rule;

    private final List<Condition> conditions;

    public CustomRuleMatcher(CustomRule rule, GeoIpMap geo) {
        this.rule = rule;
        this.conditions =
                rule.matchConditions().stream().map(c -> condition(c, geo)).toList();
    }

    public CustomRule rule() {
        return rule;
    }

    /** The variable and value of the last condition that held, or null when the rule does not match. */
    public Hit match(WafRequest request, String socketIp) {
        Hit last = null;
        for (Condition condition : conditions) {
            Hit hit = condition.test(request, socketIp);
            if (hit == null) {
                return null;
            }
            last = hit;
        }
        return last;
    }

    public record Hit(String variable, String value) {}

    private record Condition(
            MatchCondition source, Predicate<String> operator, List<UnaryOperator<String>> transforms) {

        Hit test(WafRequest request, String socketIp) {
            boolean negate = Boolean.TRUE.equals(source.negateCondition());
            List<String> values = values(request, socketIp);
            String variable = source.matchVariable() + (source.selector() != null ? ":" + source.selector() : "");
            for (String raw : values) {
                String value = raw;
                for (UnaryOperator<String> transform : transforms) {
                    value = transform.apply(value);
                }
                if (operator.test(value)) {
                    return negate ? null : new Hit(variable, value);
                }
            }
            if (negate) {
                return new Hit(variable, values.isEmpty() ? "" : values.get(0));
            }
            return null;
        }

        private List<String> values(WafRequest request, String socketIp) {
            String selector = source.selector();
            return switch (source.matchVariable()) {
                case "RemoteAddr" -> List.of(request.clientIp());
                case "SocketAddr" -> List.of(socketIp);
                case "RequestMethod" -> List.of(request.method());
                case "RequestUri" -> List.of(request.uri());
                case "QueryString" -> List.of(request.queryString());
                case "RequestBody" -> List.of(request.body());
                case "RequestHeader" -> request.header(selector);
                case "Cookies" -> named(request.cookies(), selector);
                case "PostArgs" -> named(request.bodyArgs(), selector);
                default -> List.of();
            };
        }

        private static List<String> named(List<Map.Entry<String, String>> entries, String selector) {
            List<String> values = new ArrayList<>();
            for (Map.Entry<String, String> entry : entries) {
                if (selector == null || entry.getKey().equals(selector)) {
                    values.add(entry.getValue());
                }
            }
            return values;
        }
    }

    private static Condition condition(MatchCondition condition, GeoIpMap geo) {
        List<String> matchValues = condition.matchValue() == null ? List.of() : condition.matchValue();
        List<UnaryOperator<String>> transforms = (condition.transforms() == null
                        ? List.<String>of()
                        : condition.transforms())
                .stream().map(CustomRuleMatcher::transform).toList();
        Predicate<String> operator = switch (condition.operator()) {
            case "Any" -> value -> true;
            case "IPMatch" -> {
                List<IpRange> ranges = matchValues.stream().map(IpRange::parse).toList();
                yield value -> ranges.stream().anyMatch(range -> range.contains(value));
            }
            case "GeoMatch" ->
                value -> matchValues.stream().anyMatch(country -> country.equalsIgnoreCase(geo.country(value)));
            case "Equal" -> value -> matchValues.stream().anyMatch(value::equals);
            case "Contains" -> value -> matchValues.stream().anyMatch(value::contains);
            case "BeginsWith" -> value -> matchValues.stream().anyMatch(value::startsWith);
            case "EndsWith" -> value -> matchValues.stream().anyMatch(value::endsWith);
            case "RegEx" -> {
                List<Pattern> patterns =
                        matchValues.stream().map(Pattern::compile).toList();
                yield value -> patterns.stream().anyMatch(p -> p.matcher(value).find());
            }
            case "LessThan" -> length(matchValues, (length, limit) -> length < limit);
            case "GreaterThan" -> length(matchValues, (length, limit) -> length > limit);
            case "LessThanOrEqual" -> length(matchValues, (length, limit) -> length <= limit);
            case "GreaterThanOrEqual" -> length(matchValues, (length, limit) -> length >= limit);
            default -> throw new IllegalArgumentException("Unknown operator " + condition.operator());
        };
        return new Condition(condition, operator, transforms);
    }

    private static Predicate<String> length(
            List<String> matchValues, java.util.function.BiPredicate<Integer, Integer> comparison) {
        List<Integer> limits = matchValues.stream().map(Integer::parseInt).toList();
        return value -> limits.stream().anyMatch(limit -> comparison.test(value.length(), limit));
    }

    static UnaryOperator<String> transform(String name) {
        return switch (name) {
            case "Lowercase" -> s -> s.toLowerCase(Locale.ROOT);
            case "Uppercase" -> s -> s.toUpperCase(Locale.ROOT);
            case "Trim" -> String::strip;
            case "UrlDecode" -> Transformations::urlDecode;
            case "UrlEncode" -> s -> URLEncoder.encode(s, StandardCharsets.UTF_8);
            case "RemoveNulls" -> s -> s.replace("\0", "");
            default -> throw new IllegalArgumentException("Unknown transform " + name);
        };
    }
}
