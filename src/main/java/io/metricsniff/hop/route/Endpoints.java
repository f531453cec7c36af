package io.metricsniff.hop.route;

import io.metricsniff.decode.Endpoint;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A relay's destination as the endpoint its connections go to. */
final class Endpoints {
    private Endpoints() { }

    /** Resolves like the relays do at start-up (one address); a name that does not resolve is one line. */
    static Endpoint resolve(String file, String host, int port) {
        if (port < 1 || port > 65535) throw new IllegalArgumentException(file + ": port " + port + " of " + host + " is out of range");
        try {
            return new Endpoint(InetAddress.getByName(host).getAddress(), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(file + ": cannot resolve destination host '" + host + "'");
        }
    }
}
