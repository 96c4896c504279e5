package com.acme.orders.cart;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** The cart lives in the HTTP session, which Spring Session keeps in Redis: any instance can serve the next request. */
@Component
public class CartSessions {
    private static final String CART = "cart";

    @SuppressWarnings("unchecked")
    public List<String> items(HttpSession session) {
        List<String> items = (List<String>) session.getAttribute(CART);
        if (items == null) {
            items = new ArrayList<>();
            session.setAttribute(CART, items);
        }
        return items;
    }

    public void clear(HttpSession session) {
        session.removeAttribute(CART);
    }
}
