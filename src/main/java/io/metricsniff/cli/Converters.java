package io.metricsniff.cli;

import io.metricsniff.record.Protocol;
import io.metricsniff.text.Durations;
import io.metricsniff.verdict.ReceiverProfile;
import io.metricsniff.verdict.Receivers;
import picocli.CommandLine.ITypeConverter;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.TypeConversionException;

/** picocli converters: an option's text becomes its typed value while the line is parsed. */
final class Converters {
    private Converters() { }

    /** 500ms, 90s, 5m, 2h, 7d. */
    static final class Duration implements ITypeConverter<DurationOption> {
        @Override public DurationOption convert(String value) {
            try {
                return new DurationOption(value, Durations.parse(value));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A receiver's name: carbon, go-carbon, carbon-c-relay, carbon-relay-ng, riemann. */
    static final class Receiver implements ITypeConverter<ReceiverProfile> {
        @Override public ReceiverProfile convert(String value) {
            try {
                return Receivers.byName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** The contract's lower-case protocol names. */
    static final class ProtocolName implements ITypeConverter<Protocol> {
        @Override public Protocol convert(String value) {
            for (Protocol p : Protocol.values()) if (p.json().equals(value)) return p;
            throw new TypeConversionException("'" + value + "' is not a protocol (use auto, graphite, pickle, statsd or riemann)");
        }
    }

    /** --report-to HOST:PORT ([v6]:PORT too), resolved now so that a typo is one line before capture starts. */
    static final class ReportTarget implements ITypeConverter<InetSocketAddress> {
        @Override public InetSocketAddress convert(String value) {
            int colon = value.lastIndexOf(':');
            String host = colon > 0 ? value.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new TypeConversionException("wants HOST:PORT (e.g. graphite:2003), not '" + value + "'");
            }
            try {
                return new InetSocketAddress(InetAddress.getByName(host), port);
            } catch (UnknownHostException e) {
                throw new TypeConversionException("unknown host '" + host + "'");
            }
        }
    }
}
