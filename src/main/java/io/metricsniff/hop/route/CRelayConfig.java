package io.metricsniff.hop.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the routing part of a carbon-c-relay 3.7 config (the grammar of its man page and
 * conffile.y): {@code cluster} definitions of type forward, any_of, failover, carbon_ch, fnv1a_ch
 * and jump_fnv1a_ch (with {@code replication}), and {@code match <* | expr ...> send to <cluster
 * ... | blackhole> [stop];}. {@code listen} and {@code statistics} (without {@code send to}) do not
 * change routes and are skipped. Everything that would (rewrite, aggregate, validate, route using,
 * include, file clusters, dynamic, useall, compressed or TLS transports) is refused with one line
 * naming the line and the keyword, rather than predicting routes the relay does not take.
 */
final class CRelayConfig {
    /** A config that big is not a relay config. */
    static final int MAX_TOKENS = 1_000_000;

    private final String file;
    private final List<CRelayTokens.Token> tokens;
    private int at;
    private final Map<String, CRelayCluster> clusters = new LinkedHashMap<>();
    private final List<CRelayMatch> rules = new ArrayList<>();

    private CRelayConfig(String file, String text) {
        this.file = file;
        this.tokens = CRelayTokens.split(file, text, MAX_TOKENS);
    }

    static CRelayRouter parse(String file, String text) {
        CRelayConfig c = new CRelayConfig(file, text);
        c.statements();
        if (c.rules.isEmpty()) throw new IllegalArgumentException(file + ": carbon-c-relay config has no match rule (nothing is routed)");
        StringBuilder d = new StringBuilder("carbon-c-relay ");
        for (CRelayCluster cl : c.clusters.values()) d.append(d.length() > 15 ? "; " : "").append(cl.describe());
        d.append("; ").append(c.rules.size()).append(c.rules.size() == 1 ? " match rule" : " match rules");
        return new CRelayRouter(c.rules, d.toString());
    }

    private void statements() {
        while (at < tokens.size()) {
            CRelayTokens.Token t = next();
            switch (t.text()) {
                case "cluster" -> cluster();
                case "match" -> match();
                case "listen", "logging" -> skipStatement();
                case "statistics" -> statistics();
                case "rewrite", "aggregate", "include", "send" -> throw unsupported(t, "'" + t.text()
                        + "' is not supported (metricsniff cannot predict the routes after it)");
                default -> throw error(t, "unexpected '" + t.text() + "' (expected cluster, match, listen or statistics)");
            }
        }
    }

    private void cluster() {
        CRelayTokens.Token nameTok = next();
        String name = nameTok.text();
        if (clusters.containsKey(name) || name.equals("blackhole")) throw error(nameTok, "cluster '" + name + "' is defined twice");
        CRelayTokens.Token typeTok = next();
        CRelayCluster.Type type = switch (typeTok.text()) {
            case "forward" -> CRelayCluster.Type.FORWARD;
            case "any_of" -> CRelayCluster.Type.ANY_OF;
            case "failover" -> CRelayCluster.Type.FAILOVER;
            case "carbon_ch" -> CRelayCluster.Type.CARBON_CH;
            case "fnv1a_ch" -> CRelayCluster.Type.FNV1A_CH;
            case "jump_fnv1a_ch" -> CRelayCluster.Type.JUMP_FNV1A_CH;
            case "file" -> throw unsupported(typeTok, "file clusters are not supported (they write no network traffic)");
            default -> throw error(typeTok, "unknown cluster type '" + typeTok.text() + "'");
        };
        int replication = 1;
        List<CRelayServer> servers = new ArrayList<>();
        for (CRelayTokens.Token t = next(); !t.text().equals(";"); t = next()) {
            switch (t.text()) {
                case "replication" -> replication = number(next());
                case "useall", "dynamic", "ssl" -> throw unsupported(t, "'" + t.text() + "' is not supported");
                case "proto" -> expectOneOf(next(), "udp", "tcp");
                case "type" -> expectOneOf(next(), "linemode");
                case "transport" -> {
                    CRelayTokens.Token tr = next();
                    if (!tr.text().equals("plain")) throw unsupported(tr, "transport '" + tr.text() + "' is not supported (metricsniff reads plain text only)");
                }
                default -> servers.add(server(t));
            }
        }
        if (servers.isEmpty()) throw error(nameTok, "cluster '" + name + "' has no servers");
        if (replication < 1 || replication > servers.size()) {
            throw error(nameTok, "cluster '" + name + "': replication " + replication + " needs 1.." + servers.size());
        }
        clusters.put(name, new CRelayCluster(name, type, servers, replication));
    }

    /** {@code host[:port][=instance]}, IPv6 as {@code [addr]:port}. */
    private CRelayServer server(CRelayTokens.Token t) {
        String s = t.text(), instance = null;
        int eq = s.indexOf('=');
        if (eq >= 0) {
            instance = s.substring(eq + 1);
            s = s.substring(0, eq);
        }
        String host = s;
        int port = CRelayServer.DEFAULT_PORT;
        int colon = s.lastIndexOf(':');
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) throw error(t, "unclosed '[' in '" + t.text() + "'");
            host = s.substring(1, close);
            if (close + 1 < s.length()) port = portOf(t, s.substring(close + 2));
        } else if (colon >= 0 && s.indexOf(':') == colon) {
            host = s.substring(0, colon);
            port = portOf(t, s.substring(colon + 1));
        }
        return new CRelayServer(host, port, instance, Endpoints.resolve(file + " line " + t.line(), host, port));
    }

    private void match() {
        List<CRelayMatch.Expr> exprs = new ArrayList<>();
        CRelayTokens.Token t = next();
        for (; !t.text().equals("send"); t = next()) {
            if (t.text().equals("validate") || t.text().equals("route")) {
                throw unsupported(t, "'" + t.text() + "' in a match is not supported");
            }
            if (t.text().equals(";")) throw error(t, "match without 'send to'");
            try {
                exprs.add(CRelayMatch.Expr.of(t.text()));
            } catch (IllegalArgumentException e) {
                throw error(t, e.getMessage());
            }
        }
        expectOneOf(next(), "to");
        List<CRelayCluster> to = new ArrayList<>();
        boolean stop = false;
        for (t = next(); !t.text().equals(";"); t = next()) {
            if (t.text().equals("stop")) { stop = true; continue; }
            if (t.text().equals("blackhole")) { to.add(CRelayCluster.BLACKHOLE); continue; }
            CRelayCluster c = clusters.get(t.text());
            if (c == null) throw error(t, "match sends to unknown cluster '" + t.text() + "'");
            to.add(c);
        }
        if (exprs.isEmpty() || to.isEmpty()) throw error(t, "match needs an expression and a cluster");
        rules.add(new CRelayMatch(exprs, to, stop));
    }

    private void statistics() {
        for (CRelayTokens.Token t = next(); !t.text().equals(";"); t = next()) {
            if (t.text().equals("send")) throw unsupported(t, "'statistics ... send to' is not supported (the relay's own metrics would bypass the match rules)");
        }
    }

    private void skipStatement() {
        while (!next().text().equals(";")) { /* listen/logging: no effect on routes */ }
    }

    private CRelayTokens.Token next() {
        if (at >= tokens.size()) throw new IllegalArgumentException(file + ": carbon-c-relay config ends inside a statement (missing ';')");
        return tokens.get(at++);
    }

    private int number(CRelayTokens.Token t) {
        try {
            return Integer.parseInt(t.text());
        } catch (NumberFormatException e) {
            throw error(t, "expected a number, got '" + t.text() + "'");
        }
    }

    private int portOf(CRelayTokens.Token t, String p) {
        try {
            return Integer.parseInt(p);
        } catch (NumberFormatException e) {
            throw error(t, "bad port in '" + t.text() + "'");
        }
    }

    private void expectOneOf(CRelayTokens.Token t, String... words) {
        for (String w : words) if (t.text().toLowerCase(Locale.ROOT).equals(w)) return;
        throw error(t, "expected " + String.join(" or ", words) + ", got '" + t.text() + "'");
    }

    private IllegalArgumentException error(CRelayTokens.Token t, String what) {
        return new IllegalArgumentException(file + " line " + t.line() + ": carbon-c-relay config: " + what);
    }

    private IllegalArgumentException unsupported(CRelayTokens.Token t, String what) {
        return error(t, what);
    }
}
