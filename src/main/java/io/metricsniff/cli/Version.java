package io.metricsniff.cli;

import io.metricsniff.capture.LiveSource;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: ours and libpcap's, as tcpdump prints both. */
final class Version implements IVersionProvider {
    static final String METRICSNIFF = "metricsniff 0.1.0";

    @Override public String[] getVersion() {
        return new String[] {METRICSNIFF, LiveSource.libraryVersion()};
    }
}
