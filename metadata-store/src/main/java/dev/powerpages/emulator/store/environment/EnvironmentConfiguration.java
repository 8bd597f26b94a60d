package dev.powerpages.emulator.store.environment;

import com.zaxxer.hikari.HikariDataSource;
import dev.powerpages.emulator.store.StoreProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
class EnvironmentConfiguration {

    /**
     * The data source everything else uses (JdbcTemplate, transactions): it routes to the bound
     * environment's database. The default environment's database is the store's own {@code dataSource}
     * bean, so a single-environment store works on exactly the database it always had.
     */
    @Bean
    @Primary
    EnvironmentRoutingDataSource environmentDataSource(
            @Qualifier("dataSource") HikariDataSource defaultDatabase,
            Environments environments,
            StoreProperties properties) {
        EnvironmentDatabases databases = new EnvironmentDatabases(properties);
        Map<String, HikariDataSource> others = new LinkedHashMap<>();
        for (DataverseEnvironment environment : environments.all()) {
            if (!environment.isDefault()) {
                others.put(environment.name(), databases.create(environment.name(), defaultDatabase));
            }
        }
        return new EnvironmentRoutingDataSource(
                environments.defaultEnvironment().name(), defaultDatabase, others, properties.inMemory());
    }

    /** First of all filters: security checks the token's audience against the environment chosen here. */
    @Bean
    FilterRegistrationBean<EnvironmentRoutingFilter> environmentRoutingFilter(
            Environments environments, CurrentEnvironment current) {
        FilterRegistrationBean<EnvironmentRoutingFilter> registration =
                new FilterRegistrationBean<>(new EnvironmentRoutingFilter(environments, current));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
