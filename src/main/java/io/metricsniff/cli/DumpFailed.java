package io.metricsniff.cli;

import java.io.IOException;

/** An -O file that could not be written: the run stops, as tcpdump's would. */
final class DumpFailed extends RuntimeException {
    DumpFailed(IOException cause) { super("cannot write the -O file: " + cause.getMessage(), cause); }
}
