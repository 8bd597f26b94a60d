package dev.powerpages.emulator.regionfront.instances;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.stereotype.Component;

/** The region's app-node instances as the load balancer sees them: {@code northeurope-1}, {@code northeurope-2}, … */
@Component
public class RegionInstances {

    /** The service id the front's route names ({@code lb://region-instances}). */
    public static final String SERVICE_ID = "region-instances";

    private final String region;
    private final List<ServiceInstance> instances;

    RegionInstances(FrontProperties properties) {
        if (properties.instances().isEmpty()) {
            throw new IllegalStateException(
                    "front.instances names no app-node instance (FRONT_INSTANCES=http://host:port,…)");
        }
        this.region = properties.region();
        List<ServiceInstance> list = new ArrayList<>();
        for (URI uri : properties.instances()) {
            String name = properties.region() + "-" + (list.size() + 1);
            list.add(new DefaultServiceInstance(
                    name, SERVICE_ID, uri.getHost(), uri.getPort(), "https".equals(uri.getScheme())));
        }
        this.instances = List.copyOf(list);
    }

    public String region() {
        return region;
    }

    public List<ServiceInstance> all() {
        return instances;
    }
}
