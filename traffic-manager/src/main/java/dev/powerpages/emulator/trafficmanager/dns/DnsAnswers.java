package dev.powerpages.emulator.trafficmanager.dns;

import dev.powerpages.emulator.trafficmanager.profile.PriorityRouting;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.RoutingDecision;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerEndpoint;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.stereotype.Component;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Address;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * What Traffic Manager's name servers answer for {@code <relativeName>.trafficmanager.net} ("How Traffic
 * Manager works"): a CNAME to the endpoint that priority routing chooses, with the profile's TTL. An
 * external endpoint whose target is an IP address is answered with an A (or AAAA) record, since a CNAME
 * cannot name an address; a {@code localhost} target also gets the loopback A record, so that a client
 * of this emulator needs no second resolver. A disabled profile, one without an enabled endpoint, and an
 * unknown name answer NXDOMAIN, with the zone's SOA for negative caching (RFC 2308).
 */
@Component
public class DnsAnswers {

    static final Name ZONE = Name.fromConstantString("trafficmanager.net.");
    /** Negative answers are cached for at most this long (the SOA minimum, RFC 2308). */
    private static final long NEGATIVE_TTL = 10;

    private final ProfileRegistry profiles;
    private final MeterRegistry meters;

    public DnsAnswers(ProfileRegistry profiles, MeterRegistry meters) {
        this.profiles = profiles;
        this.meters = meters;
    }

    /** The response to one query message. */
    public Message answer(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question == null || query.getHeader().getOpcode() != 0) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return response;
        }
        response.addRecord(question, Section.QUESTION);
        Name name = question.getName();
        if (!name.subdomain(ZONE)) {
            response.getHeader().setRcode(Rcode.REFUSED); // not our zone; we are no recursive resolver
            return response;
        }
        response.getHeader().setFlag(Flags.AA);
        TrafficManagerProfile profile =
                name.labels() == ZONE.labels() + 1 ? profileNamed(name.getLabelString(0)) : null;
        RoutingDecision decision = profile == null ? null : PriorityRouting.route(profile.state());
        if (!(decision instanceof RoutingDecision.Answer chosen)) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
            response.addRecord(soa(), Section.AUTHORITY);
            return response;
        }
        TrafficManagerEndpoint endpoint =
                profile.endpoint(chosen.endpoint().name()).orElseThrow();
        // Azure Monitor's "Queries by endpoint returned", counted for DNS as for the resolve API.
        meters.counter("traffic.manager.queries", "profile", profile.name(), "endpoint", endpoint.name())
                .increment();
        long ttl = profile.answerTtl();
        String host = endpoint.targetHost();
        int type = question.getType();
        try {
            if (Address.isDottedQuad(host) || host.startsWith("[")) {
                InetAddress address =
                        InetAddress.getByName(host.replace("[", "").replace("]", ""));
                addAddress(response, name, ttl, address, type);
                return response;
            }
            Name target = Name.fromString(host, Name.root);
            response.addRecord(new CNAMERecord(name, DClass.IN, ttl, target), Section.ANSWER);
            if ("localhost".equalsIgnoreCase(host)) {
                addAddress(response, target, ttl, InetAddress.getByName("127.0.0.1"), type);
            }
        } catch (TextParseException | UnknownHostException ex) {
            response.getHeader().setRcode(Rcode.SERVFAIL);
        }
        return response;
    }

    private static void addAddress(Message response, Name name, long ttl, InetAddress address, int type) {
        boolean v4 = address.getAddress().length == 4;
        if (v4 && (type == Type.A || type == Type.ANY)) {
            response.addRecord(new ARecord(name, DClass.IN, ttl, address), Section.ANSWER);
        } else if (!v4 && (type == Type.AAAA || type == Type.ANY)) {
            response.addRecord(new AAAARecord(name, DClass.IN, ttl, address), Section.ANSWER);
        }
    }

    private TrafficManagerProfile profileNamed(String relativeName) {
        return profiles.all().stream()
                .filter(profile -> relativeName.equalsIgnoreCase(
                        profile.definition().dnsConfig().relativeName()))
                .findFirst()
                .orElse(null);
    }

    private static SOARecord soa() {
        return new SOARecord(
                ZONE,
                DClass.IN,
                NEGATIVE_TTL,
                Name.fromConstantString("tm1.emulator.local."),
                Name.fromConstantString("hostmaster.emulator.local."),
                1,
                900,
                300,
                604800,
                NEGATIVE_TTL);
    }
}
