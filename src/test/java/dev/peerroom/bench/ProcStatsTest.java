package dev.peerroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ProcStatsTest {
    @Test
    void parsesUtimeAndStimeEvenWithAnAwkwardCommandName() {
        String stat = "12345 (java (x) y) S 1 12345 12345 0 -1 4194560 123 0 0 0 250 75 0 0 20 0 30 0 100 "
                + "3000000000 40000 18446744073709551615 1 1 0 0 0 0 0 4096 16902 0 0 0 17 1 0 0 0 0 0";
        assertThat(ProcStats.parseCpuTicks(stat)).isEqualTo(325);
    }

    @Test
    void parsesVmRssAndTheOpenFilesLimit() {
        String status = "Name:\tjava\nVmPeak:\t 3000000 kB\nVmRSS:\t  123456 kB\nThreads:\t20\n";
        assertThat(ProcStats.parseRssKb(status)).isEqualTo(123456);
        String limits = "Limit                     Soft Limit           Hard Limit           Units     \n"
                + "Max cpu time              unlimited            unlimited            seconds   \n"
                + "Max open files            1024                 524288               files     \n";
        assertThat(ProcStats.parseOpenFilesLimit(limits)).isEqualTo(1024);
        assertThat(ProcStats.parseOpenFilesLimit(limits.replace("1024 ", "unlimited "))).isEqualTo(-1);
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void readsThisProcess() {
        ProcStats.Sample s = ProcStats.read("self");
        assertThat(s).isNotNull();
        assertThat(s.cpuNanos()).isPositive();
        assertThat(s.rssBytes()).isGreaterThan(1 << 20);
        assertThat(ProcStats.clockTicksPerSecond()).isPositive();
        assertThat(ProcStats.read("999999999")).isNull();
    }

    @Test
    void sumsTheHeapSeriesOfPrometheusText() {
        String body = "# HELP jvm_memory_used_bytes The amount of used memory\n"
                + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 1000.0\n"
                + "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 5000.0\n"
                + "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 2.5E3\n"
                + "jvm_memory_committed_bytes{area=\"heap\",id=\"G1 Old Gen\"} 9999.0\n";
        assertThat(MetricsScraper.sumHeapUsed(body)).isEqualTo(3500);
        assertThat(MetricsScraper.sumHeapUsed("nothing\n")).isNull();
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aListOfPidsIsMeasuredAsTheirSum() {
        String me = Long.toString(ProcessHandle.current().pid());
        ProcStats.Sample one = ProcStats.read(me);
        ProcStats.Sample two = ProcStats.read(me + "," + me);
        assertThat(two.rssBytes()).isBetween(2 * one.rssBytes() - (64 << 20), 2 * one.rssBytes() + (64 << 20));
        assertThat(two.cpuNanos()).isGreaterThanOrEqualTo(2 * one.cpuNanos());
        assertThat(ProcStats.exists(me + "," + me)).isTrue();
        assertThat(ProcStats.exists(me + ",999999999")).isFalse();
        assertThat(ProcStats.read(me + ",999999999")).isNull();
    }
}
