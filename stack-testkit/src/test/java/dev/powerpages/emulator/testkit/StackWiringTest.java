package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StackWiringTest {

    @Test
    void bundlesTheRepositorysWiringFileAsTheBuildFoundIt() throws Exception {
        Path root = Path.of("..", ".env");
        assertThat(StackWiring.bundled().port("STORE_PORT"))
                .isEqualTo(StackWiring.parse(Files.readString(root)).port("STORE_PORT"));
    }

    @Test
    void knowsTheContractsPorts() {
        StackWiring wiring = StackWiring.bundled();
        assertThat(wiring.port("GATEWAY_PORT")).isEqualTo(8080);
        assertThat(wiring.port("NORTHEUROPE_PORT")).isEqualTo(8081);
        assertThat(wiring.port("WESTEUROPE_PORT")).isEqualTo(8082);
        assertThat(wiring.port("STORE_PORT")).isEqualTo(8070);
        assertThat(wiring.port("TRAFFIC_MANAGER_PORT")).isEqualTo(8090);
        assertThat(wiring.value("STACK_HOST")).isEqualTo("localhost");
    }

    @Test
    void containersListenOnTheWiringFilesPorts() {
        assertThat(StackService.GATEWAY.defaultPort())
                .isEqualTo(StackWiring.bundled().port("GATEWAY_PORT"));
        assertThat(StackLayout.onDockerNetwork().storePublicUrl()).isEqualTo("http://localhost:8070");
    }

    @Test
    void readsShellStyleLinesAndSkipsComments() {
        StackWiring wiring = StackWiring.parse("# a comment\n\nSTORE_PORT=18070\r\nSTACK_HOST=example\n");
        assertThat(wiring.port("STORE_PORT")).isEqualTo(18070);
        assertThat(wiring.value("STACK_HOST")).isEqualTo("example");
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThatIllegalStateException()
                .isThrownBy(() -> StackWiring.parse("export STORE_PORT\n"))
                .withMessageContaining("NAME=value");
        assertThatIllegalStateException()
                .isThrownBy(() -> StackWiring.parse("STORE_PORT=eighty").port("STORE_PORT"))
                .withMessageContaining("not a port");
        assertThatIllegalStateException()
                .isThrownBy(() -> StackWiring.parse("").port("GATEWAY_PORT"))
                .withMessageContaining("GATEWAY_PORT");
    }
}
