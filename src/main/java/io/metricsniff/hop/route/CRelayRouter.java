package io.metricsniff.hop.route;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.hop.Router;
import io.metricsniff.verdict.CarbonCRelayProfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * carbon-c-relay's routing (router.c router_route_intern) over the clusters and match rules of
 * its config. The key every rule and ring sees is the name as the dispatcher cleaned it
 * (dispatcher.c; {@link CarbonCRelayProfile#cleanse}) up to the first ';': the running relay
 * hashes a tagged name without its tags (its {@code -t} test mode does not: it skips cleaning and
 * hashes the whole tagged name, so it is not the oracle). A name seen before or after the relay
 * gives the same answer, as cleaning a clean name changes nothing.
 *
 * <p>The list holds one endpoint per copy the relay sends: a metric that two rules send to the
 * same server appears twice.
 */
public final class CRelayRouter implements Router {
    private final List<CRelayMatch> rules;
    private final String summary;

    CRelayRouter(List<CRelayMatch> rules, String summary) {
        this.rules = List.copyOf(rules);
        this.summary = summary;
    }

    @Override
    public List<Endpoint> destinations(String name) {
        byte[] raw = name.getBytes(StandardCharsets.UTF_8);
        byte[] clean = CarbonCRelayProfile.cleanse(raw, 0, raw.length);
        int len = 0;
        while (len < clean.length && clean[len] != ';') len++;
        String key = new String(clean, 0, len, StandardCharsets.UTF_8);
        List<Endpoint> out = new ArrayList<>(2);
        for (CRelayMatch rule : rules) {
            if (!rule.matches(key)) continue;
            for (CRelayCluster c : rule.clusters()) c.route(clean, len, out);
            if (rule.stops()) break;
        }
        return out;
    }

    @Override
    public String describe() { return summary; }
}
