package io.metricsniff.verdict;

import java.util.List;

/** The {@code --receiver} names and their profiles. */
public final class Receivers {
    private Receivers() { }

    public static final List<String> NAMES = List.of(
            CarbonProfile.NAME, GoCarbonProfile.NAME, CarbonCRelayProfile.NAME, CarbonRelayNgProfile.NAME,
            RiemannProfile.NAME);

    /** The default receiver: carbon, the reference. */
    public static ReceiverProfile defaultProfile() { return new CarbonProfile(); }

    /** @throws IllegalArgumentException naming the known receivers when {@code name} is not one */
    public static ReceiverProfile byName(String name) {
        switch (name == null ? "" : name) {
            case CarbonProfile.NAME: return new CarbonProfile();
            case GoCarbonProfile.NAME: return new GoCarbonProfile();
            case CarbonCRelayProfile.NAME: return new CarbonCRelayProfile();
            case CarbonRelayNgProfile.NAME: return new CarbonRelayNgProfile();
            case RiemannProfile.NAME: return new RiemannProfile();
            default:
                throw new IllegalArgumentException("unknown receiver '" + name + "' (use one of: "
                        + String.join(", ", NAMES) + ")");
        }
    }
}
