package dev.powerpages.emulator.store;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A store on a random port with the seeded in-memory data, a {@link StoreClient} for it and a token of the
 * powerpages-site client (the app nodes' identity), fetched from the token endpoint before each test. Test classes
 * extending this share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "store.in-memory=true")
public abstract class WebApiTestSupport {

    @LocalServerPort
    protected int port;

    protected StoreClient client;
    protected String token;

    @BeforeEach
    void connectWithASiteToken() {
        client = new StoreClient(port);
        token = client.token();
    }
}
