package dev.powerpages.emulator.trafficmanager.arm;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * A controller of the resource-manager endpoint. Not a {@code @RestController}: its mappings are registered by
 * {@link ArmWebConfiguration}'s handler mapping, which matches paths without regard to case as ARM does, and not by
 * the application's own, which keeps matching its paths exactly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@ResponseBody
public @interface ArmApi {}
