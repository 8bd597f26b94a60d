package dev.powerpages.emulator.trafficmanager.dns;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.xbill.DNS.Message;

/**
 * A UDP DNS server for the {@code trafficmanager.net} zone, so that
 * {@code dig @127.0.0.1 -p 8053 contoso.trafficmanager.net} shows what Azure's name servers would answer.
 * Messages are parsed and built with dnsjava; answers come from {@link DnsAnswers}. One thread serves every
 * query: answering is a lookup in memory.
 */
@Component
public class TrafficManagerDnsServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrafficManagerDnsServer.class);
    private static final int MAX_UDP_MESSAGE = 512;

    private final DnsServerProperties properties;
    private final DnsAnswers answers;
    private volatile DatagramSocket socket;

    public TrafficManagerDnsServer(DnsServerProperties properties, DnsAnswers answers) {
        this.properties = properties;
        this.answers = answers;
    }

    @Override
    public void start() {
        if (properties.port() < 0) {
            return;
        }
        try {
            socket = new DatagramSocket(
                    new InetSocketAddress(InetAddress.getByName(properties.bindAddress()), properties.port()));
        } catch (IOException ex) {
            throw new UncheckedIOException(
                    "Cannot listen for DNS on " + properties.bindAddress() + ":" + properties.port()
                            + " (traffic-manager.dns.port)",
                    ex);
        }
        Thread thread = new Thread(this::serve, "traffic-manager-dns");
        thread.setDaemon(true);
        thread.start();
        log.info("Traffic Manager DNS answers on udp://{}:{}", properties.bindAddress(), port());
    }

    private void serve() {
        DatagramSocket current = socket;
        byte[] buffer = new byte[MAX_UDP_MESSAGE];
        while (!current.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                current.receive(packet);
                byte[] reply = reply(packet);
                if (reply != null) {
                    current.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                }
            } catch (SocketException ex) {
                return; // closed by stop()
            } catch (IOException ex) {
                log.debug("DNS reply failed", ex);
            }
        }
    }

    private byte[] reply(DatagramPacket packet) {
        Message query;
        try {
            query = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
        } catch (IOException ex) {
            return null; // not a DNS message: drop it, as name servers do
        }
        return answers.answer(query).toWire(MAX_UDP_MESSAGE);
    }

    /** The UDP port the server listens on, or -1 when it is off. */
    public int port() {
        DatagramSocket current = socket;
        return current == null ? -1 : current.getLocalPort();
    }

    @Override
    public void stop() {
        DatagramSocket current = socket;
        if (current != null) {
            current.close();
        }
        socket = null;
    }

    @Override
    public boolean isRunning() {
        return socket != null;
    }
}
