package io.cmkguard.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricBatchesTest {

    private static List<MetricPoint> streams(int n) {
        List<MetricPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            points.add(new MetricPoint("resources_judged", Map.of("compartmentId", "c" + i), i));
        }
        return points;
    }

    @Test
    void fiftyStreamsGoInOneCallAndOneMoreInASecond() {
        assertEquals(List.of(50), sizes(MetricBatches.of(streams(50))));
        assertEquals(List.of(50, 1), sizes(MetricBatches.of(streams(51))));
        assertEquals(List.of(50, 50, 20), sizes(MetricBatches.of(streams(120))));
        assertEquals(List.of(), MetricBatches.of(List.of()));
    }

    @Test
    void everyStreamIsPostedOnceWithItsValue() {
        List<MetricPoint> all = MetricBatches.of(streams(120)).stream().flatMap(List::stream).toList();
        assertEquals(120, new HashSet<>(all.stream().map(MetricPoint::stream).toList()).size());
        assertEquals(streams(120), all);
    }

    @Test
    void pointsOfOneStreamAreAddedUpSoNoCallCarriesAStreamTwice() {
        // two ids that differ only in what sanitising removes are one stream
        List<MetricPoint> points = List.of(new MetricPoint("decisions", Map.of("compartmentId", "c1\u0007"), 2),
                new MetricPoint("decisions", Map.of("compartmentId", "c1"), 3));
        assertEquals(List.of(List.of(new MetricPoint("decisions", Map.of("compartmentId", "c1"), 5))),
                MetricBatches.of(points));
    }

    private static List<Integer> sizes(List<List<MetricPoint>> batches) {
        return batches.stream().map(List::size).toList();
    }
}
