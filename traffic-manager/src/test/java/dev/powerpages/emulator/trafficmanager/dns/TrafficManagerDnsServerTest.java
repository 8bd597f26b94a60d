package dev.powerpages.emulator.trafficmanager.dns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.trafficmanager.ProfileWebSlice;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * Queries the DNS server over UDP with dnsjava's resolver, as {@code dig @127.0.0.1 -p <port>} would. The
 * endpoints are alwaysServe (Unmonitored), so routing depends only on what the test enables. The server, its
 * answers and the profile API that changes what they say, in a web slice ({@link ProfileWebSlice}); no prober.
 */
@ProfileWebSlice(
        properties = {
            "traffic-manager.dns.port=0",
            "traffic-manager.data-dir=",
            "CONTOSO_PRIMARY_TARGET=localhost:9",
            "CONTOSO_SECONDARY_TARGET=localhost:9",
            "traffic-manager.profiles.laptop.endpoints[0].name=local",
            "traffic-manager.profiles.laptop.endpoints[0].target=localhost:8081",
            "traffic-manager.profiles.laptop.endpoints[0].alwaysServe=Enabled",
            "traffic-manager.profiles.tailspin.dnsConfig.ttl=42",
            "traffic-manager.profiles.tailspin.endpoints[0].name=northeurope",
            "traffic-manager.profiles.tailspin.endpoints[0].target=tailspin-ne.example",
            "traffic-manager.profiles.tailspin.endpoints[0].alwaysServe=Enabled",
            "traffic-manager.profiles.tailspin.endpoints[1].name=westeurope",
            "traffic-manager.profiles.tailspin.endpoints[1].target=10.1.2.3",
            "traffic-manager.profiles.tailspin.endpoints[1].alwaysServe=Enabled",
            "traffic-manager.profiles.fabrikam.profileStatus=Disabled",
            "traffic-manager.profiles.fabrikam.endpoints[0].name=only",
            "traffic-manager.profiles.fabrikam.endpoints[0].target=fabrikam.example"
        })
@Import({TrafficManagerDnsServer.class, DnsAnswers.class})
@EnableConfigurationProperties(DnsServerProperties.class)
@DirtiesContext
class TrafficManagerDnsServerTest {

    @Autowired
    TrafficManagerDnsServer server;

    @Autowired
    RestTestClient client;

    private Message query(String name, int type) throws Exception {
        SimpleResolver resolver =
                new SimpleResolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver.send(Message.newQuery(Record.newRecord(Name.fromString(name), type, DClass.IN)));
    }

    @Test
    void answersTheHighestPriorityEndpointAsACnameWithTheProfilesTtl() throws Exception {
        Message answer = query("tailspin.trafficmanager.net.", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
        List<Record> records = answer.getSection(Section.ANSWER);
        assertThat(records).singleElement().isInstanceOfSatisfying(CNAMERecord.class, cname -> {
            assertThat(cname.getTarget()).hasToString("tailspin-ne.example.");
            assertThat(cname.getTTL()).isEqualTo(42);
        });
    }

    @Test
    void followsTheRoutingDecisionAndAnswersAnIpTargetWithAnARecord() throws Exception {
        patchEndpoint("tailspin", "northeurope", "Disabled");
        try {
            Message answer = query("TAILSPIN.trafficmanager.net.", Type.A);

            assertThat(answer.getSection(Section.ANSWER))
                    .singleElement()
                    .isInstanceOfSatisfying(
                            ARecord.class,
                            a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("10.1.2.3"));
        } finally {
            patchEndpoint("tailspin", "northeurope", "Enabled");
        }
    }

    @Test
    void aLocalhostTargetGetsTheLoopbackAddressToo() throws Exception {
        Message answer = query("laptop.trafficmanager.net.", Type.A);

        List<Record> records = answer.getSection(Section.ANSWER);
        assertThat(records).hasSize(2);
        assertThat(records.get(0))
                .isInstanceOfSatisfying(
                        CNAMERecord.class,
                        cname -> assertThat(cname.getTarget()).hasToString("localhost."));
        assertThat(records.get(1))
                .isInstanceOfSatisfying(
                        ARecord.class,
                        a -> assertThat(a.getAddress().getHostAddress()).isEqualTo("127.0.0.1"));
    }

    @Test
    void disabledProfilesAndUnknownNamesAreNxdomain() throws Exception {
        assertThat(query("fabrikam.trafficmanager.net.", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        Message unknown = query("nowhere.trafficmanager.net.", Type.A);
        assertThat(unknown.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(unknown.getSection(Section.AUTHORITY))
                .singleElement()
                .satisfies(soa -> assertThat(soa.getType()).isEqualTo(Type.SOA));
        assertThat(query("example.com.", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
    }

    private void patchEndpoint(String profile, String endpoint, String status) {
        client.patch()
                .uri("/api/profiles/{p}/endpoints/{e}", profile, endpoint)
                .header("X-Admin-Key", "emulator-admin-key")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"properties\":{\"endpointStatus\":\"" + status + "\"}}")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
