package com.acme.orders.config;

import javax.sql.DataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

@Configuration
public class DataSourceConfig {

    @Bean
    public DataSource dataSource(Environment env) {
        if (env.acceptsProfiles(Profiles.of("dev"))) {
            // An in-memory H2 locally: no database to install.
            return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2).addScript("schema.sql").build();
        } else {
            // The platform's Postgres (user and password are in the URL).
            return DataSourceBuilder.create().url(System.getenv("JDBC_DATABASE_URL")).build();
        }
    }
}
