package com.acme.orders.reporting;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Nightly reports read from the replica, not the primary. */
@Configuration
public class ReportingDataSource {

    @Bean(name = "reportingDataSource")
    public HikariDataSource reportingDataSource() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://replica.orders.internal:5432/orders");
        config.setUsername("reporting");
        config.setPassword("r3port-s3cr3t");
        config.setReadOnly(true);
        return new HikariDataSource(config);
    }
}
