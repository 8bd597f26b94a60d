package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power Pages' date filters, with the reference's examples (its {@code now} is 5/7/2018 7:20:46 AM UTC). */
class DateFiltersTest {

    private static final Map<String, Object> AT =
            Map.of("when", ZonedDateTime.of(2018, 5, 7, 7, 20, 46, 0, ZoneOffset.UTC));

    @Test
    void dateFormatsWithDotNetStandardAndCustomFormatStrings() {
        assertThat(render("{{ when | date: 'g' }}|{{ when | date: 'MMMM dd, yyyy' }}", AT))
                .isEqualTo("5/7/2018 7:20 AM|May 07, 2018");
        assertThat(render(
                        "{{ when | date: 'yyyy' }}|{{ when | date: 'G' }}|{{ when | date: 'ddd, d MMM' }}|{{ when | date: 'HH:mm:ss.fff tt' }}",
                        AT))
                .isEqualTo("2018|5/7/2018 7:20:46 AM|Mon, 7 May|07:20:46.000 AM");
        assertThat(render(
                        "{{ when | date: 's' }}|{{ when | date: 'o' }}|{{ when | date: 'r' }}|{{ when | date: \"'Year' yyyy\" }}",
                        AT))
                .isEqualTo("2018-05-07T07:20:46|2018-05-07T07:20:46.0000000Z|Mon, 07 May 2018 07:20:46 GMT|Year 2018");
    }

    @Test
    void dateReadsDatesWrittenAsTextAndLeavesOtherTextAlone() {
        assertThat(render("{{ '2018-05-07T07:20:46Z' | date: 'd' }}|{{ 'not a date' | date: 'd' }}"))
                .isEqualTo("5/7/2018|not a date");
    }

    @Test
    void dateAddFiltersAddWholeAndFractionalAmounts() {
        assertThat(render("{{ when | date_add_days: 1 | date: 'G' }}|{{ when | date_add_days: -2.5 | date: 'G' }}", AT))
                .isEqualTo("5/8/2018 7:20:46 AM|5/4/2018 7:20:46 PM");
        assertThat(render(
                        "{{ when | date_add_hours: 1 | date: 'G' }}|{{ when | date_add_hours: -2.5 | date: 'G' }}", AT))
                .isEqualTo("5/7/2018 8:20:46 AM|5/7/2018 4:50:46 AM");
        assertThat(render(
                        "{{ when | date_add_minutes: 10 | date: 'G' }}|{{ when | date_add_minutes: -2.5 | date: 'G' }}",
                        AT))
                .isEqualTo("5/7/2018 7:30:46 AM|5/7/2018 7:18:16 AM");
        assertThat(render(
                        "{{ when | date_add_seconds: 10 | date: 'G' }}|{{ when | date_add_seconds: -1.25 | date: 'G' }}",
                        AT))
                .isEqualTo("5/7/2018 7:20:56 AM|5/7/2018 7:20:44 AM");
        assertThat(render(
                        "{{ when | date_add_months: 1 | date: 'G' }}|{{ when | date_add_months: -2 | date: 'G' }}", AT))
                .isEqualTo("6/7/2018 7:20:46 AM|3/7/2018 7:20:46 AM");
        assertThat(render("{{ when | date_add_years: 1 | date: 'G' }}|{{ when | date_add_years: -2 | date: 'G' }}", AT))
                .isEqualTo("5/7/2019 7:20:46 AM|5/7/2016 7:20:46 AM");
    }

    @Test
    void dateToIso8601AndRfc822WriteUtcAsPowerPagesDoes() {
        assertThat(render("{{ when | date_to_iso8601 }}|{{ when | date_to_rfc822 }}", AT))
                .isEqualTo("2018-05-07T07:20:46Z|Mon, 07 May 2018 07:20:46 Z");
        assertThat(render(
                        "{{ when | date_to_iso8601 }}|{{ when | date_to_rfc822 }}",
                        Map.of("when", ZonedDateTime.of(2018, 5, 7, 9, 20, 46, 0, ZoneOffset.ofHours(2)))))
                .isEqualTo("2018-05-07T09:20:46+02:00|Mon, 07 May 2018 09:20:46 +0200");
    }

    @Test
    void nilAndTheRendersNowGiveWhatTemplatesExpect() {
        assertThat(render("[{{ nothing | date: 'd' }}][{{ nothing | date_add_days: 1 }}]"))
                .isEqualTo("[][]");
        assertThat(render("{{ now | date: 'yyyy' }}"))
                .isEqualTo(String.valueOf(ZonedDateTime.now(ZoneOffset.UTC).getYear()));
    }
}
