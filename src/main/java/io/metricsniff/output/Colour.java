package io.metricsniff.output;

import org.jline.utils.InfoCmp;
import org.jline.utils.InfoCmp.Capability;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * Whether to colour verdicts: never when {@code NO_COLOR} is set to anything non-empty
 * (no-color.org), nor on a terminal whose terminfo entry has fewer than 8 colours (a dumb
 * terminal, {@code TERM=vt100}); the caller decides that the output is a terminal at all.
 */
public final class Colour {
    /** The eight ANSI colours are the least the verdict styles use. */
    public static final int MIN_COLOURS = 8;

    private Colour() { }

    /** For a terminal whose {@code max_colors} capability is known (null: none). */
    public static boolean wanted(Map<String, String> env, Integer maxColours) {
        String noColour = env.get("NO_COLOR");
        if (noColour != null && !noColour.isEmpty()) return false;
        return maxColours != null && maxColours >= MIN_COLOURS;
    }

    /** For text on standard output: the terminal type comes from {@code TERM} and its terminfo entry. */
    public static boolean wantedForTerm(Map<String, String> env) {
        return wanted(env, maxColours(env.get("TERM")));
    }

    /** The {@code max_colors} of a terminal type: jline's bundled entries, else {@code infocmp}; null when unknown. */
    static Integer maxColours(String term) {
        if (term == null || term.isEmpty()) return null;
        String caps = InfoCmp.getDefaultInfoCmp(term);
        if (caps == null) {
            try {
                caps = InfoCmp.getInfoCmp(term);
            } catch (Exception e) {                         // no infocmp, or no such entry
                return null;
            }
        }
        if (caps == null) return null;
        Map<Capability, Integer> ints = new HashMap<>();
        InfoCmp.parseInfoCmp(caps, new HashSet<>(), ints, new HashMap<>());
        return ints.get(Capability.max_colors);
    }
}
