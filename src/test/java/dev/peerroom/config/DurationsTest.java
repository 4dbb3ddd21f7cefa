package dev.peerroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
            "500ms, PT0.5S",
            "5s, PT5S",
            "5m, PT5M",
            "1h, PT1H",
            "0s, PT0S",
            "90s, PT1M30S",
            "'  2S ', PT2S",
            "10MS, PT0.01S",
    })
    void parsesWholeNumberWithUnit(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "5x", "s", "-5s", "1.5s", "5 s", "ms5", "5sec", "PT5S", "5s5"})
    void refusesAnythingElseWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use a duration such as 500ms, 5s or 5m");
    }

    @Test
    void refusesBareNumberSayingAUnitIsRequired() {
        assertThatThrownBy(() -> Durations.parse("5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unit")
                .hasMessageContaining(Durations.EXPECTED);
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesOverflowInsteadOfWrapping() {
        assertThatThrownBy(() -> Durations.parse("99999999999999999999ms"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
        assertThatThrownBy(() -> Durations.parse("9223372036854775807h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too large");
    }

    @ParameterizedTest
    @CsvSource({
            "PT5M, 5m",
            "PT2H, 2h",
            "PT1H, 1h",
            "PT2M, 2m",
            "PT90S, 90s",
            "PT5S, 5s",
            "PT1.5S, 1500ms",
            "PT0.5S, 500ms",
            "PT0S, 0s",
    })
    void formatsInLargestExactUnit(String iso, String expected) {
        assertThat(Durations.format(Duration.parse(iso))).isEqualTo(expected);
    }

    @Test
    void formatFallsBackToIsoBelowAMillisecond() {
        assertThat(Durations.format(Duration.ofNanos(1_500))).isEqualTo("PT0.0000015S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PT0.001S", "PT0.25S", "PT1S", "PT61S", "PT5M", "PT7H", "PT48H"})
    void formatOutputParsesBackToTheSameDuration(String iso) {
        Duration d = Duration.parse(iso);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
