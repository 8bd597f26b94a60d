package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power Pages' array filters, with the examples of Microsoft's "Available Liquid filters" reference. */
class ArrayFiltersTest {

    /** The reference's {@code entityview.records} and groups. */
    private static final Map<String, Object> DATA = Map.of(
            "records",
                    List.of(
                            contact("John Smith", "Redmond"),
                            contact("Dave Thomas", "Redmond"),
                            contact("Jake Johnson", "Redmond"),
                            contact("Jack Robinson", "New York")),
            "group1", List.of("John", "Pete", "Hannah"),
            "group2", List.of("Joan", "Bill"));

    private static Map<String, Object> contact(String fullname, String city) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("fullname", fullname);
        contact.put("address1_city", city);
        return contact;
    }

    @Test
    void batchDividesIntoListsOfTheGivenSize() {
        assertThat(render(
                        "{% assign batches = records | batch: 2 %}{% for batch in batches %}<ul>{% for item in batch %}"
                                + "<li>{{ item.fullname }}</li>{% endfor %}</ul>{% endfor %}",
                        DATA))
                .isEqualTo(
                        "<ul><li>John Smith</li><li>Dave Thomas</li></ul><ul><li>Jake Johnson</li><li>Jack Robinson</li></ul>");
    }

    @Test
    void concatJoinsTwoListsOrAppendsOneItem() {
        assertThat(render("{{ group1 | concat: group2 | join: ', ' }}|{{ group1 | concat: 'Zoe' | join: ', ' }}", DATA))
                .isEqualTo("John, Pete, Hannah, Joan, Bill|John, Pete, Hannah, Zoe");
    }

    @Test
    void whereKeepsAndExceptDropsTheItemsWithTheValue() {
        assertThat(render(
                        "{% assign redmond = records | where: 'address1_city', 'Redmond' %}{% for item in redmond %}{{ item.fullname }};{% endfor %}",
                        DATA))
                .isEqualTo("John Smith;Dave Thomas;Jake Johnson;");
        assertThat(render(
                        "{% assign others = records | except: 'address1_city', 'Redmond' %}{% for item in others %}{{ item.fullname }}{% endfor %}",
                        DATA))
                .isEqualTo("Jack Robinson");
    }

    @Test
    void firstLastAndSizeWorkAsFiltersAndWithTheDotNotation() {
        String words = "{% assign words = 'This is a run of text' | split: ' ' %}";
        assertThat(
                        render(
                                words + "{{ words | first }} {{ words | last }} {{ words | size }}"
                                        + "{% if words.first == 'This' %} first{% endif %}{% if words.last == 'text' %} last{% endif %}{% if words.size == 6 %} six{% endif %}"))
                .isEqualTo("This text 6 first last six");
    }

    @Test
    void groupByGroupsByTheAttributeInTheOrderKeysAppear() {
        assertThat(render(
                        "{% assign groups = records | group_by: 'address1_city' %}{% for group in groups %}{{ group.key }}:"
                                + "{% for item in group.items %} {{ item.fullname }}{% endfor %};{% endfor %}",
                        DATA))
                .isEqualTo("Redmond: John Smith Dave Thomas Jake Johnson;New York: Jack Robinson;");
    }

    @Test
    void joinSkipAndTakeWorkOnWords() {
        String words = "{% assign words = 'This is a run of text' | split: ' ' %}";
        assertThat(
                        render(
                                words
                                        + "{{ words | join: ', ' }}|{{ words | skip: 3 | join: ', ' }}|{{ words | take: 3 | join: ', ' }}"))
                .isEqualTo("This, is, a, run, of, text|run, of, text|This, is, a");
    }

    @Test
    void orderByOrdersAscendingOrDescending() {
        assertThat(render(
                        "{{ records | order_by: 'fullname' | select: 'fullname' | join: ', ' }}|"
                                + "{{ records | order_by: 'fullname', 'desc' | select: 'fullname' | join: ', ' }}",
                        DATA))
                .isEqualTo(
                        "Dave Thomas, Jack Robinson, Jake Johnson, John Smith|John Smith, Jake Johnson, Jack Robinson, Dave Thomas");
    }

    @Test
    void thenByOrdersWithinTheOrderByOrder() {
        // The reference's example output repeats order_by's; ordered by city first, New York comes before Redmond.
        assertThat(render(
                        "{{ records | order_by: 'address1_city' | then_by: 'fullname' | select: 'fullname' | join: ', ' }}|"
                                + "{{ records | order_by: 'address1_city' | then_by: 'fullname', 'desc' | select: 'fullname' | join: ', ' }}",
                        DATA))
                .isEqualTo(
                        "Jack Robinson, Dave Thomas, Jake Johnson, John Smith|Jack Robinson, John Smith, Jake Johnson, Dave Thomas");
    }

    @Test
    void selectTakesTheAttributeOfEachItem() {
        assertThat(render("{{ records | select: 'address1_city' | join: ', ' }}", DATA))
                .isEqualTo("Redmond, Redmond, Redmond, New York");
    }

    @Test
    void randomAndShuffleKeepTheItems() {
        for (int i = 0; i < 20; i++) {
            assertThat(render("{{ group1 | random }}", DATA)).isIn("John", "Pete", "Hannah");
            assertThat(render("{{ group1 | shuffle | join: ',' }}", DATA).split(","))
                    .containsExactlyInAnyOrder("John", "Pete", "Hannah");
        }
    }

    @Test
    void concatInALoopStopsAtTheNodesLimit() {
        assertThat(
                        org.assertj.core.api.Assertions.catchThrowable(
                                () -> render(
                                        "{% assign a = 'x,y' | split: ',' %}{% for i in (1..40) %}{% assign a = a | concat: a %}{% endfor %}{{ a | size }}")))
                .hasMessageContaining("liquid.max-rendered-chars");
    }
}
