package io.metricsniff.protocol.riemann;

/**
 * What one Riemann {@code Msg} held besides its events (those go to the reader's consumer).
 * A client sends events, states or a query; the server answers with {@code ok} (and {@code error},
 * or the query's events), so a Msg with {@code ok} or {@code error} set is a server's response.
 *
 * @param ok     the {@code ok} field, or null when absent
 * @param error  the {@code error} field, or null
 * @param query  the query string, or null when the Msg carries no query
 * @param states {@code State} messages (legacy; current Riemann ignores them)
 * @param events {@code Event} messages
 */
public record RiemannMsg(Boolean ok, String error, String query, int states, int events) {
    /** Sent by a server: its events are query results, not datapoints. */
    public boolean isResponse() { return ok != null || error != null; }
}
