/**
 * Relays' routing rules rebuilt from their configs and their source, so the hop matcher can call
 * a copy that left for the wrong destination {@code misrouted}: carbon-relay's consistent-hashing
 * ring (carbon 1.1.x hashing.py, routers.py) and carbon-c-relay 3.7's clusters and match rules
 * (consistent-hash.c, router.c). Entry point: {@link io.metricsniff.hop.route.Routers#fromConfig}.
 * Knows config files and metric names (and carbon-c-relay's name cleaning, from its profile);
 * must not know packets, flows, the hop matcher or outputs.
 */
package io.metricsniff.hop.route;
