package com.acme.orders.cart;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** Shopping carts by session id, kept in this JVM. */
@Component
public class CartSessions {
    private final Map<String, CartSession> sessions = new ConcurrentHashMap<>();

    public CartSession get(String sessionId) {
        return sessions.computeIfAbsent(sessionId, id -> new CartSession());
    }

    public void clear(String sessionId) {
        sessions.remove(sessionId);
    }

    public static class CartSession {
        private final List<String> items = new ArrayList<>();

        public List<String> items() {
            return items;
        }
    }
}
