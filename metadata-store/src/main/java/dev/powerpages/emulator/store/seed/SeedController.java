package dev.powerpages.emulator.store.seed;

import dev.powerpages.emulator.store.error.StoreErrors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /_services/seed} (admin key): puts the demo site and data back as the seed has them,
 * e.g. between two workshop groups; see {@link DemoSeeder#reload()}. It reloads the environment the
 * request names by host name ({@code <org>.localhost}), else the default one.
 */
@RestController
class SeedController {

    private final DemoSeeder seeder;

    SeedController(DemoSeeder seeder) {
        this.seeder = seeder;
    }

    @PostMapping("/_services/seed")
    ResponseEntity<?> reload() {
        try {
            return ResponseEntity.ok(seeder.reload());
        } catch (IllegalStateException noSeed) {
            return StoreErrors.answer(HttpStatus.CONFLICT, "NoSeed", noSeed.getMessage());
        }
    }
}
