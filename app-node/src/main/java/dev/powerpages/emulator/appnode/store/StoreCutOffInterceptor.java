package dev.powerpages.emulator.appnode.store;

import dev.powerpages.emulator.appnode.chaos.ChaosState;
import java.io.IOException;
import java.net.ConnectException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/** Chaos {@code storeCutOff}: every call to the store (token and Web API) fails as if the network were cut. */
class StoreCutOffInterceptor implements ClientHttpRequestInterceptor {

    private final ChaosState chaos;

    StoreCutOffInterceptor(ChaosState chaos) {
        this.chaos = chaos;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        if (chaos.current().storeCutOff()) {
            throw new ConnectException("Connection to the metadata store cut off by fault injection (storeCutOff)");
        }
        return execution.execute(request, body);
    }
}
