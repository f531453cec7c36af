package io.metricsniff.hop.route;

import io.metricsniff.analysis.CarbonIni;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The part of carbon.conf that decides carbon-relay's routing: the {@code [relay]} section
 * (lib/carbon/conf.py read_config reads section "relay" for carbon-relay; Settings.readFrom
 * converts each value by the type of its default). Supported: RELAY_METHOD consistent-hashing
 * with ROUTER_HASH_TYPE carbon_ch (the default) or fnv1a_ch, DESTINATIONS, REPLICATION_FACTOR,
 * DIVERSE_REPLICAS. Anything that changes routing beyond that is refused with one line.
 */
final class CarbonRelayConf {
    static final String SECTION = "relay";

    private CarbonRelayConf() { }

    static CarbonRelayRouter read(Path file) {
        CarbonIni.Section relay = null;
        for (CarbonIni.Section s : CarbonIni.read(file).sections()) if (s.name().equals(SECTION)) relay = s;
        if (relay == null) throw new IllegalArgumentException(file + ": no [relay] section (carbon-relay reads its settings there)");
        return fromOptions(file.toString(), relay.options());
    }

    static CarbonRelayRouter fromOptions(String file, Map<String, String> o) {
        String method = o.getOrDefault("relay_method", "rules"); // conf.py default
        if (!method.equals("consistent-hashing")) {
            throw new IllegalArgumentException(file + ": RELAY_METHOD = " + method
                    + " is not supported (only consistent-hashing; 'rules' and the aggregated/fast methods are not rebuilt)");
        }
        String hash = o.getOrDefault("router_hash_type", "carbon_ch");
        if (!hash.equals("carbon_ch") && !hash.equals("fnv1a_ch")) {
            throw new IllegalArgumentException(file + ": ROUTER_HASH_TYPE = " + hash + " is not supported (carbon_ch or fnv1a_ch)");
        }
        refuseIfTrue(file, o, "destination_pool_replicas", "DESTINATION_POOL_REPLICAS");
        refuseIfTrue(file, o, "tag_relay_normalized", "TAG_RELAY_NORMALIZED");
        int rf = intSetting(file, "REPLICATION_FACTOR", o.getOrDefault("replication_factor", "1"));
        boolean diverse = booleanSetting(file, "DIVERSE_REPLICAS", o.getOrDefault("diverse_replicas", "true"));
        List<CarbonRelayRouter.Destination> dests = new ArrayList<>();
        String list = o.get("destinations");
        if (list != null) {
            for (String d : list.split(",", -1)) dests.add(destination(file, d.strip())); // conf.py: value.split(',')
        }
        return new CarbonRelayRouter(dests, rf, diverse, hash.equals("fnv1a_ch"));
    }

    /** util.py parseDestination: {@code [v6]:port[:instance]} or {@code host:port[:instance]}. */
    static CarbonRelayRouter.Destination destination(String file, String s) {
        String server, rest;
        int bracket = s.lastIndexOf("]:");
        if (s.startsWith("[") && bracket > 0) {
            server = s.substring(1, bracket);
            rest = s.substring(bracket + 2);
        } else {
            int colon = s.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException(file + ": DESTINATIONS entry '" + s + "' has no port");
            server = s.substring(0, colon);
            rest = s.substring(colon + 1);
        }
        String instance = null;
        int colon = rest.indexOf(':');
        if (colon >= 0) {
            instance = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
        }
        int port;
        try {
            port = Integer.parseInt(rest.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(file + ": DESTINATIONS entry '" + s + "' has a bad port");
        }
        return new CarbonRelayRouter.Destination(server, port, instance, Endpoints.resolve(file, server, port));
    }

    private static void refuseIfTrue(String file, Map<String, String> o, String key, String name) {
        if (o.containsKey(key) && booleanSetting(file, name, o.get(key))) {
            throw new IllegalArgumentException(file + ": " + name + " = True is not supported");
        }
    }

    // conf.py: int(value), else float(value); routers.py then takes int() of it
    private static int intSetting(String file, String name, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            try {
                return (int) Double.parseDouble(v.strip());
            } catch (NumberFormatException e2) {
                throw new IllegalArgumentException(file + ": " + name + " = " + v + " is not a number");
            }
        }
    }

    // configparser getboolean's words
    private static boolean booleanSetting(String file, String name, String v) {
        switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "1", "yes", "true", "on": return true;
            case "0", "no", "false", "off": return false;
            default: throw new IllegalArgumentException(file + ": " + name + " = " + v + " is not a boolean");
        }
    }
}
