package io.metricsniff.analysis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The shell commands that apply a retention fix to whisper files that already exist: one per sampled
 * file, and a find(1) line for the whole prefix when there are more. Printed for an operator to paste,
 * so every word is quoted for sh (metric paths come from the network).
 */
final class FixCommands {
    /** Per-file commands printed per finding; beyond it a find(1) line covers the prefix. */
    static final int MAX_FILE_COMMANDS = 3;
    /** Ends find's -exec quoted, not backslashed: text output doubles backslashes (find rejected "\\;"). */
    private static final String FIND_EXEC_END = " ';'";

    private FixCommands() { }

    /**
     * @param retentions the new retentions, or null; {@code xff} the new xFilesFactor, or null
     * @param count      paths in the finding; {@code prefix} their common leading nodes
     */
    static List<String> of(String whisperDir, Collection<String> sample, long count, String prefix,
                           String retentions, Double xff) {
        List<String> out = new ArrayList<>();
        if (retentions == null && xff == null) return out;
        int n = 0;
        for (String path : sample) {
            if (n++ >= MAX_FILE_COMMANDS) break;
            if (path.indexOf(';') >= 0) continue;   // tagged series live under _tagged/ by hash
            String file = shellQuote(whisperDir + "/" + path.replace('.', '/') + ".wsp");
            if (retentions != null) out.add("whisper-resize " + file + " " + retentions.replace(',', ' '));
            if (xff != null) out.add("whisper-set-xfilesfactor " + file + " " + Advice.num(xff));
        }
        if (count > MAX_FILE_COMMANDS && !prefix.isEmpty() && prefix.indexOf(';') < 0) {
            String dir = shellQuote(whisperDir + "/" + prefix.replace('.', '/'));
            if (retentions != null) {
                out.add("find " + dir + " -name '*.wsp' -exec whisper-resize {} " + retentions.replace(',', ' ') + FIND_EXEC_END);
            }
            if (xff != null) {
                out.add("find " + dir + " -name '*.wsp' -exec whisper-set-xfilesfactor {} " + Advice.num(xff) + FIND_EXEC_END);
            }
        }
        return out;
    }

    /** Single-quotes a word for sh unless it is plainly safe. */
    static String shellQuote(String s) {
        boolean safe = !s.isEmpty();
        for (int i = 0; i < s.length() && safe; i++) {
            char c = s.charAt(i);
            safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/._-+:=@%,".indexOf(c) >= 0;
        }
        return safe ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
