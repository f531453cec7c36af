package io.metricsniff.hop.route;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One {@code match ... send to ... [stop];} rule. Expressions are POSIX extended regexes tested
 * against the routing key (router.c router_metric_matches). Like carbon-c-relay's own optimiser,
 * a plain prefix, suffix, exact or substring expression is tested without a regex; only the rest
 * go through java.util.regex, whose syntax agrees with POSIX ERE on the common constructs.
 */
record CRelayMatch(List<Expr> exprs, List<CRelayCluster> clusters, boolean stop) {
    enum Kind { ALL, STARTS_WITH, ENDS_WITH, EQUALS, CONTAINS, REGEX }

    /** One expression of the rule; any of a rule's expressions matching fires it. */
    record Expr(Kind kind, String literal, Pattern regex) {
        static Expr of(String expression) {
            if (expression.equals("*")) return new Expr(Kind.ALL, null, null);
            boolean anchoredStart = expression.startsWith("^");
            boolean anchoredEnd = expression.endsWith("$") && !expression.endsWith("\\$");
            String body = expression.substring(anchoredStart ? 1 : 0, expression.length() - (anchoredEnd ? 1 : 0));
            String literal = literal(body);
            if (literal == null) {
                try {
                    return new Expr(Kind.REGEX, null, Pattern.compile(expression));
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("bad regular expression '" + expression + "'");
                }
            }
            Kind k = anchoredStart && anchoredEnd ? Kind.EQUALS : anchoredStart ? Kind.STARTS_WITH
                    : anchoredEnd ? Kind.ENDS_WITH : Kind.CONTAINS;
            return new Expr(k, literal, null);
        }

        /** The text a regex stands for when it has no operators (\. and similar escapes allowed), else null. */
        private static String literal(String body) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (c == '\\' && i + 1 < body.length() && "\\.[](){}*+?|^$".indexOf(body.charAt(i + 1)) >= 0) {
                    b.append(body.charAt(++i));
                } else if ("\\.[](){}*+?|^$".indexOf(c) >= 0) {
                    return null;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }

        boolean matches(String key) {
            return switch (kind) {
                case ALL -> true;
                case STARTS_WITH -> key.startsWith(literal);
                case ENDS_WITH -> key.endsWith(literal);
                case EQUALS -> key.equals(literal);
                case CONTAINS -> key.contains(literal);
                case REGEX -> regex.matcher(key).find();
            };
        }
    }

    boolean matches(String key) {
        for (Expr e : exprs) if (e.matches(key)) return true;
        return false;
    }

    /** A rule sending to blackhole stops matching too (carbon-c-relay's documented implicit stop). */
    boolean stops() {
        return stop || clusters.contains(CRelayCluster.BLACKHOLE);
    }
}
