package com.acme.orders.reporting;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Nightly reports read from the replica; reporting.datasource.* in application.yml comes from the environment. */
@Configuration
public class ReportingDataSource {

    @Bean(name = "reportingDataSource")
    @ConfigurationProperties("reporting.datasource")
    public HikariDataSource reportingDataSource() {
        return DataSourceBuilder.create().type(HikariDataSource.class).build();
    }
}
