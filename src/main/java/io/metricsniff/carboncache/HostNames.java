package io.metricsniff.carboncache;

import io.metricsniff.decode.Endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

/** A sender endpoint's host address as text, made once per endpoint (records of one flow share it). */
public final class HostNames {
    /** Endpoints remembered (least recently seen forgotten): a relay's fan-in of connections. */
    static final int MAX_ENDPOINTS = 65_536;

    private final Map<Endpoint, String> names = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override protected boolean removeEldestEntry(Map.Entry<Endpoint, String> eldest) { return size() > MAX_ENDPOINTS; }
    };

    public String of(Endpoint e) {
        String n = names.get(e);
        if (n == null) {
            n = e.host();
            names.put(e, n);
        }
        return n;
    }
}
