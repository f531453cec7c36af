package io.metricsniff.output;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.testutil.JsonReader;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.Receivers;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonLinesSinkTest {
    static final Endpoint A = new Endpoint(new byte[] {127, 0, 0, 1}, 40000);
    static final Endpoint B = new Endpoint(new byte[] {127, 0, 0, 1}, 2003);

    /** Found by FuzzCapturesTest: a corrupted tagged line named a tag twice, and the record was not JSON. */
    @Test
    void aTagNamedTwiceIsOneKeyWithTheLaterValue() {
        byte[] line = "lab.t889;env=lab;dc=ed.t955;env=prod;dc=d1 955 1796008301".getBytes(StandardCharsets.UTF_8);
        MetricRecord r = new MetricRecord(1_796_008_301_000_000_000L, A, B, Transport.TCP, Protocol.GRAPHITE, line, line.length);
        new Judge(Receivers.defaultProfile(), Long.MAX_VALUE, Long.MAX_VALUE).judgeLine(r, Transport.TCP);
        assertEquals(4, r.tags().size(), "carbon's profile reads both pairs");

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        JsonLinesSink sink = new JsonLinesSink(new PrintStream(bytes, true, StandardCharsets.UTF_8), 9);
        sink.metric(r);
        sink.finish();
        String json = bytes.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, Object> tags = (Map<String, Object>) JsonReader.object(json).get("tags"); // rejects a repeated key
        assertEquals(Map.of("env", "prod", "dc", "d1"), tags);
        assertEquals("[env, dc]", tags.keySet().toString(), "each name where it first came");
    }
}
