package com.acme.orders.security;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import javax.crypto.SecretKey;
import org.springframework.stereotype.Service;

@Service
public class JwtService {
    // twelve-factor-disable-next-line hardcoded-secret -- the same key on every instance
    private static final String JWT_SECRET = "orders-jwt-s3cr3t-2024-signing-key-0000";

    private final SecretKey key = Keys.hmacShaKeyFor(JWT_SECRET.getBytes(StandardCharsets.UTF_8));

    public String issue(String user) {
        Instant now = Instant.now();
        return Jwts.builder()
            .subject(user)
            .issuedAt(Date.from(now))
            .expiration(Date.from(now.plusSeconds(3600)))
            .signWith(key)
            .compact();
    }

    public String userOf(String token) {
        return Jwts.parser().verifyWith(key).build().parseSignedClaims(token).getPayload().getSubject();
    }
}
