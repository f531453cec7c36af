package io.metricsniff.capture;

import java.util.Locale;
import java.util.function.IntPredicate;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.Pcaps;

/**
 * What a source installs once it knows its link type: first the check that the caller can read
 * that link type (named as tcpdump names it, before any filter is compiled, so the user is not told
 * about a filter they never typed), then the user's BPF filter, widened on Ethernet to 802.1Q and
 * QinQ-tagged traffic: a plain {@code port 2003} misses tagged frames in tcpdump, which is a trap.
 */
public final class LinkFilter {
    /** Link types whose frames can carry VLAN tags that a filter must look past. */
    private static final int DLT_EN10MB = 1;

    private final String filter;
    private final IntPredicate readable;
    private final String readableNames;

    /**
     * @param filter        the user's BPF expression; null or blank: everything
     * @param readable      which libpcap DLT_ values the caller decodes
     * @param readableNames those link types by name, for the error message
     */
    public LinkFilter(String filter, IntPredicate readable, String readableNames) {
        this.filter = filter;
        this.readable = readable;
        this.readableNames = readableNames;
    }

    /** Any link type accepted; the filter still widened to tagged traffic. */
    public static LinkFilter anyLink(String filter) {
        return new LinkFilter(filter, dlt -> true, "any");
    }

    /** The user's expression as typed (null: none). */
    public String expression() { return filter; }

    /**
     * The user's filter {@code F} written so that it also matches F inside one or two VLAN tags.
     * libpcap's {@code vlan} moves every later offset by 4 bytes for the rest of the expression,
     * so the tagged cases must nest ({@code vlan and (F or (vlan and F))}), not sit side by side.
     * A filter that already says {@code vlan} is the user's choice and stays as typed.
     */
    public static String withVlans(String f) {
        if (f.toLowerCase(Locale.ROOT).contains("vlan")) return f;
        return "(" + f + ") or (vlan and ((" + f + ") or (vlan and (" + f + "))))";
    }

    /** Checks the link type, then compiles and installs the filter; closes the handle when either fails. */
    void install(PcapHandle handle, String sourceName) throws CaptureException {
        int dlt = handle.getDlt().value();
        if (!readable.test(dlt)) {
            handle.close();
            throw new CaptureException(sourceName + ": link type " + describe(dlt)
                    + " is not one metricsniff decodes (" + readableNames + ")");
        }
        if (filter == null || filter.isBlank()) return;
        // The user's words first, so that a mistake is reported in them.
        Libpcap.applyFilterOrClose(handle, filter);
        if (dlt != DLT_EN10MB) return;
        try {
            Libpcap.applyFilter(handle, withVlans(filter));
        } catch (CaptureException e) {
            // a filter libpcap cannot nest under 'vlan' (none known): the user's own stays installed
        }
    }

    /** {@code IEEE802_11 (802.11, DLT 105)}: libpcap's name and description, as tcpdump prints them. */
    static String describe(int dlt) {
        try {
            String name = Pcaps.dataLinkValToName(dlt);
            String description = Pcaps.dataLinkValToDescription(dlt);
            return Libpcap.oneLine(name) + " (" + Libpcap.oneLine(description) + ", DLT " + dlt + ")";
        } catch (PcapNativeException | RuntimeException e) {
            return "DLT " + dlt + " (unknown to libpcap)";
        }
    }
}
